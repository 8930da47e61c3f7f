<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../views/citizen.py" line="248"/>
        <source>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</source>
        <translation>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="262"/>
        <source>Priority ticket: {who}</source>
        <translation>Priority ticket: {who}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="327"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="337"/>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="441"/>
        <source>Who is the ticket for?</source>
        <translation>Who is the ticket for?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="445"/>
        <source>You will be called before the general queue. Staff may ask to see a document.</source>
        <translation>You will be called before the general queue. Staff may ask to see a document.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="465"/>
        <source>What do you need today?</source>
        <translation>What do you need today?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="468"/>
        <location filename="../views/citizen.py" line="575"/>
        <source>Loading the list of services…</source>
        <translation>Loading the list of services…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="479"/>
        <location filename="../views/citizen.py" line="492"/>
        <source>All services by topic</source>
        <translation>All services by topic</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="482"/>
        <source>Find a service by name</source>
        <translation>Find a service by name</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="317"/>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="521"/>
        <source>Type the name of the service</source>
        <translation>Type the name of the service</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="529"/>
        <source>Nothing found. Try fewer letters, or choose by topic.</source>
        <translation>Nothing found. Try fewer letters, or choose by topic.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="541"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="583"/>
        <source>What to bring</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="588"/>
        <source>Cost: {fee}</source>
        <translation>Cost: {fee}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="593"/>
        <source>At the counter it takes about {n} min.</source>
        <translation>At the counter it takes about {n} min.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="559"/>
        <source>Nobody is waiting now: you will be called soon.</source>
        <translation>Nobody is waiting now: you will be called soon.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="561"/>
        <source>Waiting now: {n} people, about {m} min.</source>
        <translation>Waiting now: {n} people, about {m} min.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="566"/>
        <source>Tickets are issued today until {time}.</source>
        <translation>Tickets are issued today until {time}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <location filename="../views/citizen.py" line="697"/>
        <source>Please wait…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <source>Take a ticket</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="635"/>
        <source>Check in for your appointment</source>
        <translation>Check in for your appointment</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By IIN</source>
        <translation>By IIN</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By booking code</source>
        <translation>By booking code</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="650"/>
        <source>Type the 12 digits of your IIN</source>
        <translation>Type the 12 digits of your IIN</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="652"/>
        <source>Type the 6-character code from your booking</source>
        <translation>Type the 6-character code from your booking</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="697"/>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="718"/>
        <source>Your number</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="732"/>
        <source>Appointment at {time}</source>
        <translation>Appointment at {time}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="779"/>
        <source>People ahead of you: {n}</source>
        <translation>People ahead of you: {n}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="781"/>
        <source>You are first in line</source>
        <translation>You are first in line</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="366"/>
        <source>No tickets today</source>
        <translation>No tickets today</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="368"/>
        <source>No more tickets today</source>
        <translation>No more tickets today</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="775"/>
        <source>Estimated wait: about {m} min</source>
        <translation>Estimated wait: about {m} min</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="777"/>
        <source>You will be called soon</source>
        <translation>You will be called soon</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="795"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Scan to follow your turn on your phone</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="754"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="802"/>
        <source>The hall is closed now</source>
        <translation>The hall is closed now</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="808"/>
        <source>It opens at {time}. No tickets are issued until then.</source>
        <translation>It opens at {time}. No tickets are issued until then.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="812"/>
        <source>No tickets are issued now.</source>
        <translation>No tickets are issued now.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="553"/>
        <source>No counter open for this service yet.</source>
        <translation>No counter open for this service yet.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="555"/>
        <source>Waiting now: {n} people. No counter open for this service yet.</source>
        <translation>Waiting now: {n} people. No counter open for this service yet.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="772"/>
        <source>No counter open for this service yet: you will be called when one opens</source>
        <translation>No counter open for this service yet: you will be called when one opens</translation>
    </message>
</context>
<context>
    <name>ConsultantWindow</name>
    <message>
        <location filename="../views/consultant.py" line="437"/>
        <source>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</source>
        <translation>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="286"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>No connection to the hall server. Reconnecting…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="290"/>
        <source>Consultant sign-in</source>
        <translation>Consultant sign-in</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="291"/>
        <source>Your consultant access key (the technician gives it to you)</source>
        <translation>Your consultant access key (the technician gives it to you)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="295"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="322"/>
        <source>Choose a service first.</source>
        <translation>Choose a service first.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="323"/>
        <source>Write why the visitor has priority: it is recorded.</source>
        <translation>Write why the visitor has priority: it is recorded.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="324"/>
        <source>No connection to the hall server.</source>
        <translation>No connection to the hall server.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="325"/>
        <source>Please wait…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="326"/>
        <source>This is not a consultant&apos;s access key: check it, or ask the technician for yours.</source>
        <translation>This is not a consultant&apos;s access key: check it, or ask the technician for yours.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="327"/>
        <source>A ticket&apos;s number is its letter and digits, such as A017.</source>
        <translation>A ticket&apos;s number is its letter and digits, such as A017.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="328"/>
        <source>Turn on “Print the ticket here” to print a copy.</source>
        <translation>Turn on “Print the ticket here” to print a copy.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="329"/>
        <source>There is no ticket with this number today.</source>
        <translation>There is no ticket with this number today.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="331"/>
        <source>This ticket is no longer in the queue: a copy is not needed.</source>
        <translation>This ticket is no longer in the queue: a copy is not needed.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="356"/>
        <source>Signed in: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="364"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="404"/>
        <source>Find a service</source>
        <translation>Find a service</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="405"/>
        <source>In any language</source>
        <translation>In any language</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="534"/>
        <source>Check in an appointment</source>
        <translation>Check in an appointment</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="535"/>
        <source>Copy of a ticket</source>
        <translation>Copy of a ticket</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="578"/>
        <source>Back to the services</source>
        <translation>Back to the services</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="591"/>
        <source>The visitor&apos;s IIN or booking code</source>
        <translation>The visitor&apos;s IIN or booking code</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="603"/>
        <source>The lost ticket&apos;s number</source>
        <translation>The lost ticket&apos;s number</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="441"/>
        <source>Nobody is waiting: the visitor will be called soon</source>
        <translation>Nobody is waiting: the visitor will be called soon</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="443"/>
        <source>Waiting: {n}, about {m} min</source>
        <translation>Waiting: {n}, about {m} min</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="467"/>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="472"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="489"/>
        <source>Why (recorded)</source>
        <translation>Why (recorded)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="501"/>
        <source>Visitor&apos;s language</source>
        <translation>Visitor&apos;s language</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="518"/>
        <source>Print the ticket here</source>
        <translation>Print the ticket here</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="520"/>
        <source>Only show the number</source>
        <translation>Only show the number</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="495"/>
        <source>Issue a ticket</source>
        <translation>Issue a ticket</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="593"/>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="605"/>
        <source>Print a copy</source>
        <translation>Print a copy</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="611"/>
        <source>A copy of {number} is printed.</source>
        <translation>A copy of {number} is printed.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="622"/>
        <source>Tickets issued here</source>
        <translation>Tickets issued here</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="625"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="632"/>
        <source>Cancel (mistake)</source>
        <translation>Cancel (mistake)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../views/texts.py" line="12"/>
        <source>You are early for your appointment. Please check in from {time}.</source>
        <translation>You are early for your appointment. Please check in from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="15"/>
        <location filename="../views/texts.py" line="20"/>
        <source>We could not find an appointment for today with this number. Please check it, or take a ticket for the service.</source>
        <translation>We could not find an appointment for today with this number. Please check it, or take a ticket for the service.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="25"/>
        <source>This appointment is already checked in: its ticket was issued before.</source>
        <translation>This appointment is already checked in: its ticket was issued before.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="28"/>
        <source>This appointment was cancelled.</source>
        <translation>This appointment was cancelled.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>This appointment is for another day. Please come on the day you booked.</source>
        <translation>This appointment is for another day. Please come on the day you booked.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="34"/>
        <source>This appointment is for {date}. Please come on that day.</source>
        <translation>This appointment is for {date}. Please come on that day.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>This service is not available today. A consultant at the entrance will help you.</source>
        <translation>This service is not available today. A consultant at the entrance will help you.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>This service is not provided at this time. It is available from {time}.</source>
        <translation>This service is not provided at this time. It is available from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Tickets for this service are no longer issued today, so that everyone already waiting is served. It is available again from {time}.</source>
        <translation>Tickets for this service are no longer issued today, so that everyone already waiting is served. It is available again from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="44"/>
        <source>All of today&apos;s tickets for this service have been given out. It is available again from {time}.</source>
        <translation>All of today&apos;s tickets for this service have been given out. It is available again from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>The kiosk cannot reach the hall server right now. Please try again in a moment.</source>
        <translation>The kiosk cannot reach the hall server right now. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="54"/>
        <source>The hall server cannot issue tickets right now. Please try again in a moment.</source>
        <translation>The hall server cannot issue tickets right now. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="59"/>
        <source>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</source>
        <translation>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>This service is not provided today. Again from {time}.</source>
        <translation>This service is not provided today. Again from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>Today&apos;s tickets for this service have ended. Again from {time}.</source>
        <translation>Today&apos;s tickets for this service have ended. Again from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="73"/>
        <source>Today&apos;s tickets for this service have run out. Again from {time}.</source>
        <translation>Today&apos;s tickets for this service have run out. Again from {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="77"/>
        <source>The ticket could not be issued. A consultant at the entrance will help you.</source>
        <translation>The ticket could not be issued. A consultant at the entrance will help you.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>An IIN has exactly 12 digits. Please check the number on your ID card.</source>
        <translation>An IIN has exactly 12 digits. Please check the number on your ID card.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</source>
        <translation>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="88"/>
        <source>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</source>
        <translation>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>One digit seems to be mistyped. Please compare the number with your ID card and try again.</source>
        <translation>One digit seems to be mistyped. Please compare the number with your ID card and try again.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="98"/>
        <source>A booking code has 6 letters and digits, as in your confirmation.</source>
        <translation>A booking code has 6 letters and digits, as in your confirmation.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>The printer is out of paper, so your ticket was not printed.</source>
        <translation>The printer is out of paper, so your ticket was not printed.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="106"/>
        <source>The printer&apos;s cover is open, so your ticket was not printed.</source>
        <translation>The printer&apos;s cover is open, so your ticket was not printed.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="110"/>
        <source>The printer is not working, so your ticket was not printed.</source>
        <translation>The printer is not working, so your ticket was not printed.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</source>
        <translation>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="119"/>
        <source>Visitor with a disability</source>
        <translation>Visitor with a disability</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="120"/>
        <source>Elderly visitor</source>
        <translation>Elderly visitor</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="121"/>
        <source>Pregnant woman</source>
        <translation>Pregnant woman</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="122"/>
        <source>Veteran</source>
        <translation>Veteran</translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <location filename="../views/rating.py" line="23"/>
        <source>How was your visit?</source>
        <translation>How was your visit?</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="24"/>
        <source>Excellent</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="25"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="26"/>
        <source>Satisfactory</source>
        <translation>Satisfactory</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="27"/>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="28"/>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="29"/>
        <source>Now at this counter</source>
        <translation>Now at this counter</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="30"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>No connection to the hall server. Reconnecting…</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../views/citizen.py" line="835"/>
        <source>Please wait until your number is shown on the screen.</source>
        <translation>Please wait until your number is shown on the screen.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="836"/>
        <source>COPY of a lost ticket</source>
        <translation>COPY of a lost ticket</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="838"/>
        <source>Your number has been called: please go to counter {n}.</source>
        <translation>Your number has been called: please go to counter {n}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="839"/>
        <source>You came more than 10 minutes after your appointment, so you join the general queue.</source>
        <translation>You came more than 10 minutes after your appointment, so you join the general queue.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../views/citizen.py" line="52"/>
        <source>Choose your language</source>
        <translation>Choose your language</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="53"/>
        <source>Priority: people with disabilities, elderly, pregnant</source>
        <translation>Priority: people with disabilities, elderly, pregnant</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="54"/>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: no tickets are issued.</source>
        <translation>The hall is closed now: no tickets are issued.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="56"/>
        <source>The hall is closed now: it opens at {time}.</source>
        <translation>The hall is closed now: it opens at {time}.</translation>
    </message>
</context>
</TS>
