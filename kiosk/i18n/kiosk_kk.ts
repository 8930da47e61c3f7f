<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../views/citizen.py" line="248"/>
        <source>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылып жатыр… Байланыс қалпына келген соң талондар беріледі.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="262"/>
        <source>Priority ticket: {who}</source>
        <translation>Кезексіз талон: {who}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="327"/>
        <source>Back</source>
        <translation>Артқа</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="337"/>
        <source>Start over</source>
        <translation>Басынан бастау</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="441"/>
        <source>Who is the ticket for?</source>
        <translation>Талон кімге керек?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="445"/>
        <source>You will be called before the general queue. Staff may ask to see a document.</source>
        <translation>Сізді жалпы кезектен бұрын шақырады. Қызметкер құжатты көрсетуді сұрауы мүмкін.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="465"/>
        <source>What do you need today?</source>
        <translation>Бүгін сізге не керек?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="468"/>
        <location filename="../views/citizen.py" line="575"/>
        <source>Loading the list of services…</source>
        <translation>Қызметтер тізімі жүктеліп жатыр…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="479"/>
        <location filename="../views/citizen.py" line="492"/>
        <source>All services by topic</source>
        <translation>Барлық қызметтер тақырып бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="482"/>
        <source>Find a service by name</source>
        <translation>Қызметті атауы бойынша іздеу</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="317"/>
        <source>I have an appointment</source>
        <translation>Мен алдын ала жазылғанмын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="521"/>
        <source>Type the name of the service</source>
        <translation>Қызметтің атауын теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="529"/>
        <source>Nothing found. Try fewer letters, or choose by topic.</source>
        <translation>Ештеңе табылмады. Азырақ әріп теріп көріңіз немесе тақырып бойынша таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="541"/>
        <source>Space</source>
        <translation>Бос орын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="583"/>
        <source>What to bring</source>
        <translation>Өзіңізбен алып келіңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="588"/>
        <source>Cost: {fee}</source>
        <translation>Құны: {fee}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="593"/>
        <source>At the counter it takes about {n} min.</source>
        <translation>Терезеде шамамен {n} мин уақыт алады.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="559"/>
        <source>Nobody is waiting now: you will be called soon.</source>
        <translation>Қазір ешкім күтіп тұрған жоқ: сізді жақында шақырады.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="561"/>
        <source>Waiting now: {n} people, about {m} min.</source>
        <translation>Қазір күтіп тұр: {n} адам, шамамен {m} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="566"/>
        <source>Tickets are issued today until {time}.</source>
        <translation>Бүгін талон {time_to} дейін беріледі.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <location filename="../views/citizen.py" line="697"/>
        <source>Please wait…</source>
        <translation>Күте тұрыңыз…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <source>Take a ticket</source>
        <translation>Талон алу</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="635"/>
        <source>Check in for your appointment</source>
        <translation>Жазылуыңызды растаңыз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By IIN</source>
        <translation>ЖСН бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By booking code</source>
        <translation>Жазылу коды бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="650"/>
        <source>Type the 12 digits of your IIN</source>
        <translation>ЖСН-іңіздің 12 цифрын теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="652"/>
        <source>Type the 6-character code from your booking</source>
        <translation>Жазылудағы 6 таңбалы кодты теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="697"/>
        <source>Check in</source>
        <translation>Растау</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="718"/>
        <source>Your number</source>
        <translation>Сіздің нөміріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="732"/>
        <source>Appointment at {time}</source>
        <translation>Жазылу уақыты: {time}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="779"/>
        <source>People ahead of you: {n}</source>
        <translation>Сіздің алдыңызда: {n} адам</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="781"/>
        <source>You are first in line</source>
        <translation>Алдыңызда ешкім жоқ</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="366"/>
        <source>No tickets today</source>
        <translation>Бүгін талон берілмейді</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="368"/>
        <source>No more tickets today</source>
        <translation>Бүгінгі талондар бітті</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="775"/>
        <source>Estimated wait: about {m} min</source>
        <translation>Күту уақыты: шамамен {m} мин</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="777"/>
        <source>You will be called soon</source>
        <translation>Сізді жақында шақырады</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="795"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Кезегіңізді телефоннан бақылау үшін сканерлеңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="754"/>
        <source>Done</source>
        <translation>Дайын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="802"/>
        <source>The hall is closed now</source>
        <translation>Зал қазір жабық</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="808"/>
        <source>It opens at {time}. No tickets are issued until then.</source>
        <translation>Зал {time_at} ашылады. Оған дейін талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="812"/>
        <source>No tickets are issued now.</source>
        <translation>Қазір талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="553"/>
        <source>No counter open for this service yet.</source>
        <translation>Бұл қызметке ашық терезе әзірге жоқ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="555"/>
        <source>Waiting now: {n} people. No counter open for this service yet.</source>
        <translation>Қазір күтуде: {n} адам. Бұл қызметке ашық терезе әзірге жоқ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="772"/>
        <source>No counter open for this service yet: you will be called when one opens</source>
        <translation>Бұл қызметке ашық терезе әзірге жоқ: ашылғанда шақырыласыз</translation>
    </message>
</context>
<context>
    <name>ConsultantWindow</name>
    <message>
        <location filename="../views/consultant.py" line="437"/>
        <source>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</source>
        <translation>Күтуде: {n}. Бұл қызметке ашық терезе әзірге жоқ: терезе ашылғанда келуші шақырылады</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="286"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылып жатыр…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="290"/>
        <source>Consultant sign-in</source>
        <translation>Кеңесшінің кіруі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="291"/>
        <source>Your consultant access key (the technician gives it to you)</source>
        <translation>Кеңесшінің кіру кілті (оны техник береді)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="295"/>
        <source>Sign in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="322"/>
        <source>Choose a service first.</source>
        <translation>Алдымен қызметті таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="323"/>
        <source>Write why the visitor has priority: it is recorded.</source>
        <translation>Келушінің неге кезексіз екенін жазыңыз: ол тіркеледі.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="324"/>
        <source>No connection to the hall server.</source>
        <translation>Зал серверімен байланыс жоқ.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="325"/>
        <source>Please wait…</source>
        <translation>Күте тұрыңыз…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="326"/>
        <source>This is not a consultant&apos;s access key: check it, or ask the technician for yours.</source>
        <translation>Бұл кеңесшінің кіру кілті емес: оны тексеріңіз немесе өз кілтіңізді техниктен сұраңыз.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="327"/>
        <source>A ticket&apos;s number is its letter and digits, such as A017.</source>
        <translation>Талон нөмірі — әрпі мен цифрлары, мысалы A017.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="328"/>
        <source>Turn on “Print the ticket here” to print a copy.</source>
        <translation>Көшірмесін басу үшін «Талонды осында басып шығару» батырмасын қосыңыз.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="329"/>
        <source>There is no ticket with this number today.</source>
        <translation>Бүгін мұндай нөмірлі талон жоқ.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="331"/>
        <source>This ticket is no longer in the queue: a copy is not needed.</source>
        <translation>Бұл талон енді кезекте емес: көшірмесі қажет емес.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="356"/>
        <source>Signed in: {name}</source>
        <translation>Кірген: {name}</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="364"/>
        <source>Sign out</source>
        <translation>Шығу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="404"/>
        <source>Find a service</source>
        <translation>Қызметті іздеу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="405"/>
        <source>In any language</source>
        <translation>Кез келген тілде</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="534"/>
        <source>Check in an appointment</source>
        <translation>Жазылуды растау</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="535"/>
        <source>Copy of a ticket</source>
        <translation>Талон көшірмесі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="578"/>
        <source>Back to the services</source>
        <translation>Қызметтерге оралу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="591"/>
        <source>The visitor&apos;s IIN or booking code</source>
        <translation>Келушінің ЖСН-і немесе жазылу коды</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="603"/>
        <source>The lost ticket&apos;s number</source>
        <translation>Жоғалған талонның нөмірі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="441"/>
        <source>Nobody is waiting: the visitor will be called soon</source>
        <translation>Күтіп тұрған ешкім жоқ: келушіні жақында шақырады</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="443"/>
        <source>Waiting: {n}, about {m} min</source>
        <translation>Күтуде: {n}, шамамен {m} мин</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="467"/>
        <source>Priority</source>
        <translation>Кезексіз</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="472"/>
        <source>None</source>
        <translation>Жоқ</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="489"/>
        <source>Why (recorded)</source>
        <translation>Себебі (тіркеледі)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="501"/>
        <source>Visitor&apos;s language</source>
        <translation>Келушінің тілі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="518"/>
        <source>Print the ticket here</source>
        <translation>Талонды осында басып шығару</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="520"/>
        <source>Only show the number</source>
        <translation>Тек нөмірін көрсету</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="495"/>
        <source>Issue a ticket</source>
        <translation>Талон беру</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="593"/>
        <source>Check in</source>
        <translation>Растау</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="605"/>
        <source>Print a copy</source>
        <translation>Көшірмесін басу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="611"/>
        <source>A copy of {number} is printed.</source>
        <translation>{number} талонының көшірмесі басылды.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="622"/>
        <source>Tickets issued here</source>
        <translation>Осында берілген талондар</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="625"/>
        <source>cancelled</source>
        <translation>күші жойылды</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="632"/>
        <source>Cancel (mistake)</source>
        <translation>Болдырмау (қате)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../views/texts.py" line="12"/>
        <source>You are early for your appointment. Please check in from {time}.</source>
        <translation>Сіз жазылу уақытыңыздан ерте келдіңіз. {time_from} бастап растай аласыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="15"/>
        <location filename="../views/texts.py" line="20"/>
        <source>We could not find an appointment for today with this number. Please check it, or take a ticket for the service.</source>
        <translation>Бұл нөмір бойынша бүгінге жазылу табылмады. Нөмірді тексеріңіз немесе қызметке талон алыңыз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="25"/>
        <source>This appointment is already checked in: its ticket was issued before.</source>
        <translation>Бұл жазылу бұрын расталған: оның талоны берілген.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="28"/>
        <source>This appointment was cancelled.</source>
        <translation>Бұл жазылудың күші жойылған.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>This appointment is for another day. Please come on the day you booked.</source>
        <translation>Бұл жазылу басқа күнге. Жазылған күніңізде келіңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="34"/>
        <source>This appointment is for {date}. Please come on that day.</source>
        <translation>Бұл жазылу {date} күнге. Сол күні келіңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>This service is not available today. A consultant at the entrance will help you.</source>
        <translation>Бұл қызмет бүгін көрсетілмейді. Кіреберістегі кеңесші көмектеседі.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>This service is not provided at this time. It is available from {time}.</source>
        <translation>Бұл қызмет қазір көрсетілмейді. Ол {time_from} бастап қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Tickets for this service are no longer issued today, so that everyone already waiting is served. It is available again from {time}.</source>
        <translation>Бүгін бұл қызметке талон беру аяқталды: кезекте тұрғандардың бәріне қызмет көрсетіп үлгеру үшін. Қызмет {time_from} бастап қайта қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="44"/>
        <source>All of today&apos;s tickets for this service have been given out. It is available again from {time}.</source>
        <translation>Бұл қызметке бүгінгі талондардың бәрі берілді. Қызмет {time_from} бастап қайта қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>The kiosk cannot reach the hall server right now. Please try again in a moment.</source>
        <translation>Терминал қазір зал серверіне қосыла алмайды. Сәлден соң қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="54"/>
        <source>The hall server cannot issue tickets right now. Please try again in a moment.</source>
        <translation>Зал сервері қазір талон бере алмайды. Сәлден соң қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="59"/>
        <source>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</source>
        <translation>Бұл терминал енді талон бермейді: кіреберістегі кеңесші талон береді. Қызметкерлерге: оны қайта тіркеңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>This service is not provided today. Again from {time}.</source>
        <translation>Бұл қызмет бүгін көрсетілмейді. Қайтадан {time_from} бастап.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>Today&apos;s tickets for this service have ended. Again from {time}.</source>
        <translation>Бүгінгі талон беру аяқталды. Қайтадан {time_from} бастап.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="73"/>
        <source>Today&apos;s tickets for this service have run out. Again from {time}.</source>
        <translation>Бүгінгі талондар бітті. Қайтадан {time_from} бастап.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="77"/>
        <source>The ticket could not be issued. A consultant at the entrance will help you.</source>
        <translation>Талон берілмеді. Кіреберістегі кеңесші көмектеседі.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>An IIN has exactly 12 digits. Please check the number on your ID card.</source>
        <translation>ЖСН дәл 12 цифрдан тұрады. Жеке куәлігіңіздегі нөмірді тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</source>
        <translation>ЖСН-нің жетінші цифры 1-ден 6-ға дейін болады. Жеке куәлігіңіздегі нөмірді тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="88"/>
        <source>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</source>
        <translation>ЖСН-нің алғашқы алты цифры — туған күн, ал бұл нақты күн емес. Оларды тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>One digit seems to be mistyped. Please compare the number with your ID card and try again.</source>
        <translation>Бір цифр қате терілген сияқты. Нөмірді жеке куәлігіңізбен салыстырып, қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="98"/>
        <source>A booking code has 6 letters and digits, as in your confirmation.</source>
        <translation>Жазылу коды растауыңыздағыдай 6 әріп пен цифрдан тұрады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>The printer is out of paper, so your ticket was not printed.</source>
        <translation>Принтерде қағаз бітті, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="106"/>
        <source>The printer&apos;s cover is open, so your ticket was not printed.</source>
        <translation>Принтердің қақпағы ашық, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="110"/>
        <source>The printer is not working, so your ticket was not printed.</source>
        <translation>Принтер істемей тұр, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</source>
        <translation>Кезектегі орныңыз сақталды. Нөміріңізді есте сақтаңыз немесе QR кодты суретке түсіріңіз. Қызметкерлерге хабарланды.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="119"/>
        <source>Visitor with a disability</source>
        <translation>Мүмкіндігі шектеулі келуші</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="120"/>
        <source>Elderly visitor</source>
        <translation>Егде жастағы келуші</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="121"/>
        <source>Pregnant woman</source>
        <translation>Жүкті әйел</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="122"/>
        <source>Veteran</source>
        <translation>Ардагер</translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <location filename="../views/rating.py" line="23"/>
        <source>How was your visit?</source>
        <translation>Қызмет көрсету сізге ұнады ма?</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="24"/>
        <source>Excellent</source>
        <translation>Өте жақсы</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="25"/>
        <source>Good</source>
        <translation>Жақсы</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="26"/>
        <source>Satisfactory</source>
        <translation>Қанағаттанарлық</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="27"/>
        <source>Thank you!</source>
        <translation>Рақмет!</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="28"/>
        <source>Welcome</source>
        <translation>Қош келдіңіз</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="29"/>
        <source>Now at this counter</source>
        <translation>Қазір осы терезеде</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="30"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылып жатыр…</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../views/citizen.py" line="835"/>
        <source>Please wait until your number is shown on the screen.</source>
        <translation>Нөміріңіз экранда көрсетілгенше күтіңіз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="836"/>
        <source>COPY of a lost ticket</source>
        <translation>ЖОҒАЛҒАН ТАЛОННЫҢ КӨШІРМЕСІ</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="838"/>
        <source>Your number has been called: please go to counter {n}.</source>
        <translation>Нөміріңіз шақырылды: {n}-терезеге өтіңіз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="839"/>
        <source>You came more than 10 minutes after your appointment, so you join the general queue.</source>
        <translation>Сіз жазылу уақытынан 10 минуттан артық кешіктіңіз, сондықтан жалпы кезекке тұрасыз.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../views/citizen.py" line="52"/>
        <source>Choose your language</source>
        <translation>Тілді таңдаңыз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="53"/>
        <source>Priority: people with disabilities, elderly, pregnant</source>
        <translation>Кезексіз: мүмкіндігі шектеулі жандар, егде жастағылар, жүкті әйелдер</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="54"/>
        <source>I have an appointment</source>
        <translation>Мен алдын ала жазылғанмын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: no tickets are issued.</source>
        <translation>Зал қазір жабық: талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="56"/>
        <source>The hall is closed now: it opens at {time}.</source>
        <translation>Зал қазір жабық, {time_at} ашылады.</translation>
    </message>
</context>
</TS>
