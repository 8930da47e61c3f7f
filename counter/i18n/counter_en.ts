<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CallTicketDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="245"/>
        <source>Call a ticket</source>
        <translation>Call a ticket</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="250"/>
        <source>%1  %2 · back from stepping away</source>
        <translation>%1  %2 · back from stepping away</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="264"/>
        <source>Why this ticket goes first (required)</source>
        <translation>Why this ticket goes first (required)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="265"/>
        <source>The reason is written into the hall&apos;s event log.</source>
        <translation>The reason is written into the hall&apos;s event log.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="271"/>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="273"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="275"/>
        <source>Did not come back</source>
        <translation>Did not come back</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../views/window.py" line="534"/>
        <source>The working day has ended. Sign in again.</source>
        <translation>The working day has ended. Sign in again.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="536"/>
        <source>You were signed out elsewhere. Sign in again.</source>
        <translation>You were signed out elsewhere. Sign in again.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="508"/>
        <source>Your session ended (a new day, or a sign-out elsewhere). Sign in again.</source>
        <translation>Your session ended (a new day, or a sign-out elsewhere). Sign in again.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="295"/>
        <source>“%1” is not possible now.</source>
        <translation>“%1” is not possible now.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="379"/>
        <source>Sign in first: the call button works after that.</source>
        <translation>Sign in first: the call button works after that.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="420"/>
        <source>Nobody is waiting for %1.</source>
        <translation>Nobody is waiting for %1.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="422"/>
        <source>%1 did not come back: marked as a no-show.</source>
        <translation>%1 did not come back: marked as a no-show.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="355"/>
        <location filename="../views/window.py" line="426"/>
        <source>Nobody is waiting for this counter.</source>
        <translation>Nobody is waiting for this counter.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="297"/>
        <source>“%1” is not possible now: %2</source>
        <translation>“%1” is not possible now: %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="429"/>
        <source>%1 is done here and goes back to %2.</source>
        <translation>%1 is done here and goes back to %2.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="436"/>
        <source>Rating received: %1</source>
        <translation>Rating received: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="440"/>
        <source>%1 transferred to %2: they come back to you when done there.</source>
        <translation>%1 transferred to %2: they come back to you when done there.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="442"/>
        <source>%1 transferred to %2</source>
        <translation>%1 transferred to %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="447"/>
        <source>%1 has stepped away: when they are back, call them with F10.</source>
        <translation>%1 has stepped away: when they are back, call them with F10.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="579"/>
        <source>A visitor is waiting: %1</source>
        <translation>A visitor is waiting: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="585"/>
        <source>%1 is back from %2 and waits for you.</source>
        <translation>%1 is back from %2 and waits for you.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="595"/>
        <source>%1 did not come to %2 and will not come back to you.</source>
        <translation>%1 did not come to %2 and will not come back to you.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="597"/>
        <source>%1 was cancelled at %2 and will not come back to you.</source>
        <translation>%1 was cancelled at %2 and will not come back to you.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="609"/>
        <source>The visitor can rate the service on the keypad now.</source>
        <translation>The visitor can rate the service on the keypad now.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="624"/>
        <source>The call button is not connected.</source>
        <translation>The call button is not connected.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="625"/>
        <source>The number display is not connected.</source>
        <translation>The number display is not connected.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="626"/>
        <source>The rating keypad is not connected.</source>
        <translation>The rating keypad is not connected.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="677"/>
        <source>Kezek: %1</source>
        <translation>Kezek: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="680"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>No connection to the hall server. Reconnecting…</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 was called the most times allowed: marked as a no-show.</source>
        <translation>%1 was called the most times allowed: marked as a no-show.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 marked as a no-show.</source>
        <translation>%1 marked as a no-show.</translation>
    </message>
</context>
<context>
    <name>DayPanel</name>
    <message>
        <location filename="../views/panels.py" line="106"/>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="107"/>
        <source>Served</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="108"/>
        <source>Average service</source>
        <translation>Average service</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="109"/>
        <source>No-shows</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="110"/>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="194"/>
        <source>Call the next from one line</source>
        <translation>Call the next from one line</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="199"/>
        <source>%1 waiting</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="205"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="160"/>
        <source>Pause: why?</source>
        <translation>Pause: why?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="168"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../models.py" line="58"/>
        <source>backup</source>
        <translation>backup</translation>
    </message>
    <message>
        <location filename="../models.py" line="81"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../models.py" line="82"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../models.py" line="83"/>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../views/panels.py" line="65"/>
        <source>Queue for this counter</source>
        <translation>Queue for this counter</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="78"/>
        <source>Next: %1</source>
        <translation>Next: %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="80"/>
        <source>Nobody is waiting.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="82"/>
        <source>Stepped away: %1</source>
        <translation>Stepped away: %1</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../views/sign_in.py" line="86"/>
        <source>Sign in at %1</source>
        <translation>Sign in at %1</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="90"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="112"/>
        <source>Enter your login and PIN.</source>
        <translation>Enter your login and PIN.</translation>
    </message>
</context>
<context>
    <name>SupervisorNote</name>
    <message>
        <location filename="../views/panels.py" line="179"/>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="184"/>
        <source>From the supervisor, %1</source>
        <translation>From the supervisor, %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="186"/>
        <source>(%1 more)</source>
        <translation>(%1 more)</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>Call next</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="30"/>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="31"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="33"/>
        <location filename="../views/texts.py" line="115"/>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="34"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="35"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="124"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="37"/>
        <source>Close counter</source>
        <translation>Close counter</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>Open / resume</source>
        <translation>Open / resume</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="38"/>
        <source>Call a ticket</source>
        <translation>Call a ticket</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Postpone</source>
        <translation>Postpone</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="40"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="41"/>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>finish with the visitor at the counter first.</source>
        <translation>finish with the visitor at the counter first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="52"/>
        <source>open the counter first.</source>
        <translation>open the counter first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="53"/>
        <source>the counter is paused: resume it first.</source>
        <translation>the counter is paused: resume it first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="56"/>
        <source>the counter is open.</source>
        <translation>the counter is open.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="57"/>
        <source>the counter is closed.</source>
        <translation>the counter is closed.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="58"/>
        <source>the counter is paused already.</source>
        <translation>the counter is paused already.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="61"/>
        <source>nobody is waiting or has stepped away.</source>
        <translation>nobody is waiting or has stepped away.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="64"/>
        <source>there is no visitor at the counter.</source>
        <translation>there is no visitor at the counter.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>the visit has not started: start it first.</source>
        <translation>the visit has not started: start it first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>the visit has started already.</source>
        <translation>the visit has started already.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="71"/>
        <source>no visitor of this counter has stepped away.</source>
        <translation>no visitor of this counter has stepped away.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="80"/>
        <source>Break</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>Lunch</source>
        <translation>Lunch</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="82"/>
        <source>Technical problem</source>
        <translation>Technical problem</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="83"/>
        <source>Paperwork</source>
        <translation>Paperwork</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="91"/>
        <source>Regular</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="92"/>
        <source>Disability</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>Elderly visitor</source>
        <translation>Elderly visitor</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="94"/>
        <source>Pregnancy</source>
        <translation>Pregnancy</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="95"/>
        <source>Veteran</source>
        <translation>Veteran</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="102"/>
        <source>Excellent</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="104"/>
        <source>Satisfactory</source>
        <translation>Satisfactory</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="111"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="112"/>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Serving</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="114"/>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="116"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="117"/>
        <source>Postponed</source>
        <translation>Postponed</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="125"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="126"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="137"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="139"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="148"/>
        <source>The hall server does not answer. Check the network; try again.</source>
        <translation>The hall server does not answer. Check the network; try again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="151"/>
        <source>The hall server answered something this console cannot read.</source>
        <translation>The hall server answered something this console cannot read.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="154"/>
        <source>Wrong login or PIN.</source>
        <translation>Wrong login or PIN.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="155"/>
        <source>This operator is disabled: ask the hall&apos;s administrator.</source>
        <translation>This operator is disabled: ask the hall&apos;s administrator.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="158"/>
        <source>Too many wrong PINs: wait a minute and try again.</source>
        <translation>Too many wrong PINs: wait a minute and try again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="161"/>
        <source>This computer is not enrolled as a counter terminal.</source>
        <translation>This computer is not enrolled as a counter terminal.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="164"/>
        <source>This console&apos;s token is not accepted: enroll it again.</source>
        <translation>This console&apos;s token is not accepted: enroll it again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="167"/>
        <source>You are signed in at another counter: sign out there first.</source>
        <translation>You are signed in at another counter: sign out there first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="170"/>
        <source>Another operator is signed in at this counter.</source>
        <translation>Another operator is signed in at this counter.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="173"/>
        <source>Only the operator signed in at this counter can do this.</source>
        <translation>Only the operator signed in at this counter can do this.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="176"/>
        <source>You are no longer signed in here. Sign in again.</source>
        <translation>You are no longer signed in here. Sign in again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="179"/>
        <source>This ticket is at another counter.</source>
        <translation>This ticket is at another counter.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="180"/>
        <source>An operator must sign in before the counter opens.</source>
        <translation>An operator must sign in before the counter opens.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="183"/>
        <source>The counter is closed: open it first.</source>
        <translation>The counter is closed: open it first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="186"/>
        <source>The counter is paused: resume it first.</source>
        <translation>The counter is paused: resume it first.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="189"/>
        <source>Finish the current visitor first (or mark a no-show).</source>
        <translation>Finish the current visitor first (or mark a no-show).</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="192"/>
        <source>That counter is closed: send the visitor to the service&apos;s queue instead.</source>
        <translation>That counter is closed: send the visitor to the service&apos;s queue instead.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="195"/>
        <source>That counter does not serve this service.</source>
        <translation>That counter does not serve this service.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="198"/>
        <source>This ticket is no longer waiting.</source>
        <translation>This ticket is no longer waiting.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="199"/>
        <source>Calling a ticket out of order needs a reason.</source>
        <translation>Calling a ticket out of order needs a reason.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="202"/>
        <source>The ticket has already moved on: the screen is updated.</source>
        <translation>The ticket has already moved on: the screen is updated.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="205"/>
        <source>This service is not provided today.</source>
        <translation>This service is not provided today.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="208"/>
        <source>This service is closed now.</source>
        <translation>This service is closed now.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="209"/>
        <source>The hall is closed now.</source>
        <translation>The hall is closed now.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="210"/>
        <source>There is no such ticket today.</source>
        <translation>There is no such ticket today.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="211"/>
        <source>There is no such service.</source>
        <translation>There is no such service.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="212"/>
        <source>There is no such counter.</source>
        <translation>There is no such counter.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="213"/>
        <source>Only a finished visit can be rated.</source>
        <translation>Only a finished visit can be rated.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="214"/>
        <source>This visit is already rated.</source>
        <translation>This visit is already rated.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="215"/>
        <source>You may not do this.</source>
        <translation>You may not do this.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="216"/>
        <source>This visitor already goes back to another counter: send them on without.</source>
        <translation>This visitor already goes back to another counter: send them on without.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="219"/>
        <source>The visitor is already in this service: choose another one.</source>
        <translation>The visitor is already in this service: choose another one.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="222"/>
        <source>The hall no longer records this result: reopen the console.</source>
        <translation>The hall no longer records this result: reopen the console.</translation>
    </message>
</context>
<context>
    <name>TicketCard</name>
    <message>
        <location filename="../views/card.py" line="169"/>
        <source>%1, call %2</source>
        <translation>%1, call %2</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="172"/>
        <source>%1, call %2: the next recall marks a no-show</source>
        <translation>%1, call %2: the next recall marks a no-show</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="187"/>
        <source>When done here: back to %1</source>
        <translation>When done here: back to %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="210"/>
        <source>Result:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="221"/>
        <source>Priority: %1</source>
        <translation>Priority: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="227"/>
        <source>Appointment at %1</source>
        <translation>Appointment at %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="228"/>
        <source>Waited %1</source>
        <translation>Waited %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="231"/>
        <source>Serving for %1</source>
        <translation>Serving for %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/card.py" line="233"/>
        <source>Transferred %n time(s)</source>
        <translation>
            <numerusform>Transferred %n time</numerusform>
            <numerusform>Transferred %n times</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/card.py" line="234"/>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="245"/>
        <source>Documents to check</source>
        <translation>Documents to check</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="263"/>
        <source>Press F8 to open the counter.</source>
        <translation>Press F8 to open the counter.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="266"/>
        <source>Paused: %1</source>
        <translation>Paused: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="267"/>
        <source>Press F8 to resume.</source>
        <translation>Press F8 to resume.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="269"/>
        <source>Nobody is waiting</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="270"/>
        <source>The console will tell you when someone arrives.</source>
        <translation>The console will tell you when someone arrives.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="272"/>
        <source>No visitor at the counter</source>
        <translation>No visitor at the counter</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="273"/>
        <source>Press F1 to call the next visitor.</source>
        <translation>Press F1 to call the next visitor.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="68"/>
        <source>%1 (no counter open)</source>
        <translation>%1 (no counter open)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>No counter serving it is open now: the visitor waits until one opens.</source>
        <translation>No counter serving it is open now: the visitor waits until one opens.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="58"/>
        <source>Transfer %1</source>
        <translation>Transfer %1</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>What the next operator should know</source>
        <translation>What the next operator should know</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="72"/>
        <source>Comes back to me when done there</source>
        <translation>Comes back to me when done there</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="76"/>
        <source>This visitor already goes back to another counter.</source>
        <translation>This visitor already goes back to another counter.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="78"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="79"/>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="80"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="86"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="88"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="101"/>
        <source>Any counter</source>
        <translation>Any counter</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="200"/>
        <source>Close the counter?</source>
        <translation>Close the counter?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="201"/>
        <source>Visitors are still waiting and no other counter serves them:</source>
        <translation>Visitors are still waiting and no other counter serves them:</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="202"/>
        <source>Close anyway</source>
        <translation>Close anyway</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="203"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
