<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>CallTicketDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="245"/>
        <source>Call a ticket</source>
        <translation>Талонды шақыру</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="250"/>
        <source>%1  %2 · back from stepping away</source>
        <translation>%1  %2 · уақытша шығып, оралды</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="264"/>
        <source>Why this ticket goes first (required)</source>
        <translation>Бұл талон неге бірінші шақырылады (міндетті)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="265"/>
        <source>The reason is written into the hall&apos;s event log.</source>
        <translation>Себебі залдың оқиғалар журналына жазылады.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="271"/>
        <source>Call</source>
        <translation>Шақыру</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="273"/>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="275"/>
        <source>Did not come back</source>
        <translation>Қайтып келмеді</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../views/window.py" line="534"/>
        <source>The working day has ended. Sign in again.</source>
        <translation>Жұмыс күні аяқталды. Қайта кіріңіз.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="536"/>
        <source>You were signed out elsewhere. Sign in again.</source>
        <translation>Сіз басқа жерден шықтыңыз. Қайта кіріңіз.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="508"/>
        <source>Your session ended (a new day, or a sign-out elsewhere). Sign in again.</source>
        <translation>Сеансыңыз аяқталды (жаңа күн басталды немесе басқа жерден шықтыңыз). Қайта кіріңіз.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="295"/>
        <source>“%1” is not possible now.</source>
        <translation>Қазір «%1» мүмкін емес.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="379"/>
        <source>Sign in first: the call button works after that.</source>
        <translation>Алдымен жүйеге кіріңіз: шақыру түймесі содан кейін істейді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="420"/>
        <source>Nobody is waiting for %1.</source>
        <translation>«%1» кезегінде ешкім күтіп тұрған жоқ.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="422"/>
        <source>%1 did not come back: marked as a no-show.</source>
        <translation>%1 қайтып келмеді: «Келмеді» деп белгіленді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="355"/>
        <location filename="../views/window.py" line="426"/>
        <source>Nobody is waiting for this counter.</source>
        <translation>Бұл терезеге ешкім күтіп тұрған жоқ.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="297"/>
        <source>“%1” is not possible now: %2</source>
        <translation>Қазір «%1» мүмкін емес: %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="429"/>
        <source>%1 is done here and goes back to %2.</source>
        <translation>%1: мұнда қызмет көрсетілді, келуші қайтады: %2.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="436"/>
        <source>Rating received: %1</source>
        <translation>Баға алынды: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="440"/>
        <source>%1 transferred to %2: they come back to you when done there.</source>
        <translation>%1 талоны бағытталды: %2. Сонда біткен соң сізге қайтып келеді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="442"/>
        <source>%1 transferred to %2</source>
        <translation>%1 талоны бағытталды: %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="447"/>
        <source>%1 has stepped away: when they are back, call them with F10.</source>
        <translation>%1 уақытша шықты: оралғанда F10 арқылы шақырыңыз.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="579"/>
        <source>A visitor is waiting: %1</source>
        <translation>Келуші күтіп тұр: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="585"/>
        <source>%1 is back from %2 and waits for you.</source>
        <translation>%1 талоны «%2» қызметінен қайтып келді және сізді күтеді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="595"/>
        <source>%1 did not come to %2 and will not come back to you.</source>
        <translation>%1 талоны «%2» қызметіне келмеді, сізге қайтып келмейді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="597"/>
        <source>%1 was cancelled at %2 and will not come back to you.</source>
        <translation>%1 талоны «%2» қызметінде жойылды, сізге қайтып келмейді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="609"/>
        <source>The visitor can rate the service on the keypad now.</source>
        <translation>Келуші енді қызметті бағалау пультінде бағалай алады.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="624"/>
        <source>The call button is not connected.</source>
        <translation>Шақыру түймесі қосылмаған.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="625"/>
        <source>The number display is not connected.</source>
        <translation>Нөмір таблосы қосылмаған.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="626"/>
        <source>The rating keypad is not connected.</source>
        <translation>Бағалау пульті қосылмаған.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="677"/>
        <source>Kezek: %1</source>
        <translation>Кезек: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="680"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылуда…</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 was called the most times allowed: marked as a no-show.</source>
        <translation>%1 рұқсат етілген ең көп рет шақырылды: «Келмеді» деп белгіленді.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 marked as a no-show.</source>
        <translation>%1 «Келмеді» деп белгіленді.</translation>
    </message>
</context>
<context>
    <name>DayPanel</name>
    <message>
        <location filename="../views/panels.py" line="106"/>
        <source>My day</source>
        <translation>Менің күнім</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="107"/>
        <source>Served</source>
        <translation>Қызмет көрсетілді</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="108"/>
        <source>Average service</source>
        <translation>Орташа қызмет уақыты</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="109"/>
        <source>No-shows</source>
        <translation>Келмегендер</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="110"/>
        <source>Ratings</source>
        <translation>Бағалар</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="194"/>
        <source>Call the next from one line</source>
        <translation>Бір кезектен келесісін шақыру</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="199"/>
        <source>%1 waiting</source>
        <translation>%1 адам күтуде</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="205"/>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="160"/>
        <source>Pause: why?</source>
        <translation>Үзіліс: себебі қандай?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="168"/>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../models.py" line="58"/>
        <source>backup</source>
        <translation>қосалқы</translation>
    </message>
    <message>
        <location filename="../models.py" line="81"/>
        <source>Service</source>
        <translation>Қызмет</translation>
    </message>
    <message>
        <location filename="../models.py" line="82"/>
        <source>Waiting</source>
        <translation>Күтуде</translation>
    </message>
    <message>
        <location filename="../models.py" line="83"/>
        <source>Longest wait</source>
        <translation>Ең ұзақ күту</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../views/panels.py" line="65"/>
        <source>Queue for this counter</source>
        <translation>Осы терезенің кезегі</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="78"/>
        <source>Next: %1</source>
        <translation>Келесілер: %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="80"/>
        <source>Nobody is waiting.</source>
        <translation>Ешкім күтпейді.</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="82"/>
        <source>Stepped away: %1</source>
        <translation>Уақытша шыққандар: %1</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../views/sign_in.py" line="86"/>
        <source>Sign in at %1</source>
        <translation>Жүйеге кіру: %1</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>PIN</source>
        <translation>PIN-код</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="87"/>
        <source>Language</source>
        <translation>Тіл</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="90"/>
        <source>Sign in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="112"/>
        <source>Enter your login and PIN.</source>
        <translation>Логин мен PIN-кодты енгізіңіз.</translation>
    </message>
</context>
<context>
    <name>SupervisorNote</name>
    <message>
        <location filename="../views/panels.py" line="179"/>
        <source>Read</source>
        <translation>Оқыдым</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="184"/>
        <source>From the supervisor, %1</source>
        <translation>Жетекшіден, %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="186"/>
        <source>(%1 more)</source>
        <translation>(тағы %1)</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>Call next</source>
        <translation>Келесіні шақыру</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="30"/>
        <source>Recall</source>
        <translation>Қайта шақыру</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="31"/>
        <source>Start</source>
        <translation>Қабылдауды бастау</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>Finish</source>
        <translation>Аяқтау</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="33"/>
        <location filename="../views/texts.py" line="115"/>
        <source>No-show</source>
        <translation>Келмеді</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="34"/>
        <source>Transfer</source>
        <translation>Бағыттау</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="35"/>
        <source>Pause</source>
        <translation>Үзіліс</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="124"/>
        <source>Open</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="37"/>
        <source>Close counter</source>
        <translation>Терезені жабу</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>Open / resume</source>
        <translation>Ашу / жалғастыру</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="38"/>
        <source>Call a ticket</source>
        <translation>Талонды шақыру</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Postpone</source>
        <translation>Кейінге қалдыру</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="40"/>
        <source>Sign out</source>
        <translation>Шығу</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="41"/>
        <source>Rating</source>
        <translation>Баға</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>finish with the visitor at the counter first.</source>
        <translation>алдымен терезедегі келушімен жұмысты аяқтаңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="52"/>
        <source>open the counter first.</source>
        <translation>алдымен терезені ашыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="53"/>
        <source>the counter is paused: resume it first.</source>
        <translation>терезе үзілісте: алдымен жұмысты жалғастырыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="56"/>
        <source>the counter is open.</source>
        <translation>терезе ашық тұр.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="57"/>
        <source>the counter is closed.</source>
        <translation>терезе жабық.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="58"/>
        <source>the counter is paused already.</source>
        <translation>терезе үзілісте тұр.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="61"/>
        <source>nobody is waiting or has stepped away.</source>
        <translation>ешкім күтіп тұрған жоқ, шығып кеткен де жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="64"/>
        <source>there is no visitor at the counter.</source>
        <translation>терезеде келуші жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>the visit has not started: start it first.</source>
        <translation>қабылдау әлі басталған жоқ: алдымен оны бастаңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>the visit has started already.</source>
        <translation>қабылдау басталып қойды.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="71"/>
        <source>no visitor of this counter has stepped away.</source>
        <translation>осы терезенің келушілерінің ешқайсысы шығып кеткен жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="80"/>
        <source>Break</source>
        <translation>Қысқа үзіліс</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>Lunch</source>
        <translation>Түскі ас</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="82"/>
        <source>Technical problem</source>
        <translation>Техникалық ақау</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="83"/>
        <source>Paperwork</source>
        <translation>Құжаттармен жұмыс</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>Other</source>
        <translation>Басқа</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="91"/>
        <source>Regular</source>
        <translation>Жалпы кезек</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="92"/>
        <source>Disability</source>
        <translation>Мүмкіндігі шектеулі</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>Elderly visitor</source>
        <translation>Егде жастағы келуші</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="94"/>
        <source>Pregnancy</source>
        <translation>Жүктілік</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="95"/>
        <source>Veteran</source>
        <translation>Ардагер</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="102"/>
        <source>Excellent</source>
        <translation>Өте жақсы</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>Good</source>
        <translation>Жақсы</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="104"/>
        <source>Satisfactory</source>
        <translation>Қанағаттанарлық</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="111"/>
        <source>Waiting</source>
        <translation>Күтуде</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="112"/>
        <source>Called</source>
        <translation>Шақырылды</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Serving</source>
        <translation>Қызмет көрсетілуде</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="114"/>
        <source>Finished</source>
        <translation>Аяқталды</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="116"/>
        <source>Cancelled</source>
        <translation>Күші жойылды</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="117"/>
        <source>Postponed</source>
        <translation>Кейінге қалдырылды</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="125"/>
        <source>Paused</source>
        <translation>Үзілісте</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="126"/>
        <source>Closed</source>
        <translation>Жабық</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="137"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="139"/>
        <source>%1 h %2 min</source>
        <translation>%1 сағ %2 мин</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="148"/>
        <source>The hall server does not answer. Check the network; try again.</source>
        <translation>Зал сервері жауап бермейді. Желіні тексеріп, қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="151"/>
        <source>The hall server answered something this console cannot read.</source>
        <translation>Зал серверінің жауабын бұл пульт оқи алмайды.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="154"/>
        <source>Wrong login or PIN.</source>
        <translation>Логин немесе PIN-код қате.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="155"/>
        <source>This operator is disabled: ask the hall&apos;s administrator.</source>
        <translation>Бұл оператор бұғатталған: залдың әкімшісіне хабарласыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="158"/>
        <source>Too many wrong PINs: wait a minute and try again.</source>
        <translation>PIN-код тым көп рет қате терілді: бір минут күтіп, қайталаңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="161"/>
        <source>This computer is not enrolled as a counter terminal.</source>
        <translation>Бұл компьютер терезе терминалы ретінде тіркелмеген.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="164"/>
        <source>This console&apos;s token is not accepted: enroll it again.</source>
        <translation>Бұл пульттің токені қабылданбады: оны қайта тіркеңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="167"/>
        <source>You are signed in at another counter: sign out there first.</source>
        <translation>Сіз басқа терезеде жүйедесіз: алдымен сол жерден шығыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="170"/>
        <source>Another operator is signed in at this counter.</source>
        <translation>Бұл терезеде басқа оператор жүйеде тұр.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="173"/>
        <source>Only the operator signed in at this counter can do this.</source>
        <translation>Мұны тек осы терезеде жүйеге кірген оператор істей алады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="176"/>
        <source>You are no longer signed in here. Sign in again.</source>
        <translation>Сіз бұл жерде енді жүйеде емессіз. Қайта кіріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="179"/>
        <source>This ticket is at another counter.</source>
        <translation>Бұл талон басқа терезеде.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="180"/>
        <source>An operator must sign in before the counter opens.</source>
        <translation>Терезе ашылмас бұрын оператор жүйеге кіруі керек.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="183"/>
        <source>The counter is closed: open it first.</source>
        <translation>Терезе жабық: алдымен оны ашыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="186"/>
        <source>The counter is paused: resume it first.</source>
        <translation>Терезе үзілісте: алдымен жұмысты жалғастырыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="189"/>
        <source>Finish the current visitor first (or mark a no-show).</source>
        <translation>Алдымен қазіргі келушіні аяқтаңыз (немесе «келмеді» деп белгілеңіз).</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="192"/>
        <source>That counter is closed: send the visitor to the service&apos;s queue instead.</source>
        <translation>Ол терезе жабық: келушіні қызметтің жалпы кезегіне жіберіңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="195"/>
        <source>That counter does not serve this service.</source>
        <translation>Ол терезе бұл қызметті көрсетпейді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="198"/>
        <source>This ticket is no longer waiting.</source>
        <translation>Бұл талон енді кезекте күтіп тұрған жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="199"/>
        <source>Calling a ticket out of order needs a reason.</source>
        <translation>Талонды кезектен тыс шақыру үшін себебін жазыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="202"/>
        <source>The ticket has already moved on: the screen is updated.</source>
        <translation>Талонның күйі өзгеріп кеткен: экран жаңартылды.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="205"/>
        <source>This service is not provided today.</source>
        <translation>Бұл қызмет бүгін көрсетілмейді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="208"/>
        <source>This service is closed now.</source>
        <translation>Бұл қызмет қазір жабық.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="209"/>
        <source>The hall is closed now.</source>
        <translation>Зал қазір жабық.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="210"/>
        <source>There is no such ticket today.</source>
        <translation>Бүгін мұндай талон жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="211"/>
        <source>There is no such service.</source>
        <translation>Мұндай қызмет жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="212"/>
        <source>There is no such counter.</source>
        <translation>Мұндай терезе жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="213"/>
        <source>Only a finished visit can be rated.</source>
        <translation>Тек аяқталған қызметті бағалауға болады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="214"/>
        <source>This visit is already rated.</source>
        <translation>Бұл қызмет бағаланып қойған.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="215"/>
        <source>You may not do this.</source>
        <translation>Сізге мұны істеуге рұқсат жоқ.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="216"/>
        <source>This visitor already goes back to another counter: send them on without.</source>
        <translation>Бұл келуші басқа терезеге қайтып барады: қайтарусыз бағыттаңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="219"/>
        <source>The visitor is already in this service: choose another one.</source>
        <translation>Келуші осы қызметтің кезегінде тұр: басқасын таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="222"/>
        <source>The hall no longer records this result: reopen the console.</source>
        <translation>Зал бұл нәтижені енді белгілемейді: пультті қайта ашыңыз.</translation>
    </message>
</context>
<context>
    <name>TicketCard</name>
    <message>
        <location filename="../views/card.py" line="169"/>
        <source>%1, call %2</source>
        <translation>%1, %2-шақыру</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="172"/>
        <source>%1, call %2: the next recall marks a no-show</source>
        <translation>%1, %2-шақыру: келесі қайта шақыру «Келмеді» деп белгілейді</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="187"/>
        <source>When done here: back to %1</source>
        <translation>Мұнда қызмет көрсетілген соң қайтады: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="210"/>
        <source>Result:</source>
        <translation>Нәтиже:</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="221"/>
        <source>Priority: %1</source>
        <translation>Басымдық: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="227"/>
        <source>Appointment at %1</source>
        <translation>Алдын ала жазылу: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="228"/>
        <source>Waited %1</source>
        <translation>Күтті: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="231"/>
        <source>Serving for %1</source>
        <translation>Қызмет көрсетілуде: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/card.py" line="233"/>
        <source>Transferred %n time(s)</source>
        <translation>
            <numerusform>Бағытталды: %n рет</numerusform>
            <numerusform>Бағытталды: %n рет</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/card.py" line="234"/>
        <source>Note: %1</source>
        <translation>Ескертпе: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="245"/>
        <source>Documents to check</source>
        <translation>Тексерілетін құжаттар</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="263"/>
        <source>Press F8 to open the counter.</source>
        <translation>Терезені ашу үшін F8 басыңыз.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="266"/>
        <source>Paused: %1</source>
        <translation>Үзіліс: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="267"/>
        <source>Press F8 to resume.</source>
        <translation>Жұмысты жалғастыру үшін F8 басыңыз.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="269"/>
        <source>Nobody is waiting</source>
        <translation>Ешкім күтіп тұрған жоқ</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="270"/>
        <source>The console will tell you when someone arrives.</source>
        <translation>Біреу келгенде пульт хабарлайды.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="272"/>
        <source>No visitor at the counter</source>
        <translation>Терезеде келуші жоқ</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="273"/>
        <source>Press F1 to call the next visitor.</source>
        <translation>Келесі келушіні шақыру үшін F1 басыңыз.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="68"/>
        <source>%1 (no counter open)</source>
        <translation>%1 (ашық терезе жоқ)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>No counter serving it is open now: the visitor waits until one opens.</source>
        <translation>Бұл қызметтің ашық терезесі қазір жоқ: келуші терезе ашылғанша күтеді.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="58"/>
        <source>Transfer %1</source>
        <translation>%1 талонын бағыттау</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>What the next operator should know</source>
        <translation>Келесі оператор не білуі керек</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="72"/>
        <source>Comes back to me when done there</source>
        <translation>Сонда біткен соң маған қайтып келеді</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="76"/>
        <source>This visitor already goes back to another counter.</source>
        <translation>Бұл келуші басқа терезеге қайтып барады.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="78"/>
        <source>Service</source>
        <translation>Қызмет</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="79"/>
        <source>Counter</source>
        <translation>Терезе</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="80"/>
        <source>Note</source>
        <translation>Ескертпе</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="86"/>
        <source>Transfer</source>
        <translation>Бағыттау</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="88"/>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="101"/>
        <source>Any counter</source>
        <translation>Кез келген терезе</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="200"/>
        <source>Close the counter?</source>
        <translation>Терезені жабу керек пе?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="201"/>
        <source>Visitors are still waiting and no other counter serves them:</source>
        <translation>Келушілер әлі күтуде, оларға басқа терезе қызмет көрсетпейді:</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="202"/>
        <source>Close anyway</source>
        <translation>Бәрібір жабу</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="203"/>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
</context>
</TS>
