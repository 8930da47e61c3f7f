<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../views/citizen.py" line="221"/>
        <source>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылып жатыр… Байланыс қалпына келген соң талондар беріледі.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="235"/>
        <source>Priority ticket: {who}</source>
        <translation>Кезексіз талон: {who}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="300"/>
        <source>Back</source>
        <translation>Артқа</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="310"/>
        <source>Start over</source>
        <translation>Басынан бастау</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="389"/>
        <source>Who is the ticket for?</source>
        <translation>Талон кімге керек?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="393"/>
        <source>You will be called before the general queue. Staff may ask to see a document.</source>
        <translation>Сізді жалпы кезектен бұрын шақырады. Қызметкер құжатты көрсетуді сұрауы мүмкін.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="413"/>
        <source>What do you need today?</source>
        <translation>Бүгін сізге не керек?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="416"/>
        <location filename="../views/citizen.py" line="500"/>
        <source>Loading the list of services…</source>
        <translation>Қызметтер тізімі жүктеліп жатыр…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="427"/>
        <location filename="../views/citizen.py" line="440"/>
        <source>All services by topic</source>
        <translation>Барлық қызметтер тақырып бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="430"/>
        <source>Find a service by name</source>
        <translation>Қызметті атауы бойынша іздеу</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="290"/>
        <source>I have an appointment</source>
        <translation>Мен алдын ала жазылғанмын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="469"/>
        <source>Type the name of the service</source>
        <translation>Қызметтің атауын теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="477"/>
        <source>Nothing found. Try fewer letters, or choose by topic.</source>
        <translation>Ештеңе табылмады. Азырақ әріп теріп көріңіз немесе тақырып бойынша таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="489"/>
        <source>Space</source>
        <translation>Бос орын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="508"/>
        <source>What to bring</source>
        <translation>Өзіңізбен алып келіңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="513"/>
        <source>Cost: {fee}</source>
        <translation>Құны: {fee}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="518"/>
        <source>At the counter it takes about {n} min.</source>
        <translation>Терезеде шамамен {n} мин уақыт алады.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="536"/>
        <source>Nobody is waiting now: you will be called soon.</source>
        <translation>Қазір ешкім күтіп тұрған жоқ: сізді жақында шақырады.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="538"/>
        <source>Waiting now: {n} people, about {m} min.</source>
        <translation>Қазір күтіп тұр: {n} адам, шамамен {m} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="543"/>
        <source>Tickets are issued today until {time}.</source>
        <translation>Бүгін талон {time} дейін беріледі.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="552"/>
        <location filename="../views/citizen.py" line="635"/>
        <source>Please wait…</source>
        <translation>Күте тұрыңыз…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="552"/>
        <source>Take a ticket</source>
        <translation>Талон алу</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="573"/>
        <source>Check in for your appointment</source>
        <translation>Жазылуыңызды растаңыз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="575"/>
        <source>By IIN</source>
        <translation>ЖСН бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="575"/>
        <source>By booking code</source>
        <translation>Жазылу коды бойынша</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="588"/>
        <source>Type the 12 digits of your IIN</source>
        <translation>ЖСН-іңіздің 12 цифрын теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="590"/>
        <source>Type the 6-character code from your booking</source>
        <translation>Жазылудағы 6 таңбалы кодты теріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="635"/>
        <source>Check in</source>
        <translation>Растау</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="656"/>
        <source>Your number</source>
        <translation>Сіздің нөміріңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="670"/>
        <source>Appointment at {time}</source>
        <translation>Жазылу уақыты: {time}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="688"/>
        <source>People ahead of you: {n}</source>
        <translation>Сіздің алдыңызда: {n} адам</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="706"/>
        <source>You are first in line</source>
        <translation>Алдыңызда ешкім жоқ</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="352"/>
        <source>No tickets today</source>
        <translation>Бүгін талон берілмейді</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="356"/>
        <source>No more tickets today</source>
        <translation>Бүгінгі талондар бітті</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="681"/>
        <source>Estimated wait: about {m} min</source>
        <translation>Күту уақыты: шамамен {m} мин</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="683"/>
        <source>You will be called soon</source>
        <translation>Сізді жақында шақырады</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="720"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Кезегіңізді телефоннан бақылау үшін сканерлеңіз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="704"/>
        <source>Done</source>
        <translation>Дайын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="727"/>
        <source>The hall is closed now</source>
        <translation>Зал қазір жабық</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="733"/>
        <source>It opens at {time}. No tickets are issued until then.</source>
        <translation>Зал {time} ашылады. Оған дейін талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="737"/>
        <source>No tickets are issued now.</source>
        <translation>Қазір талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>No counter open for this service yet.</source>
        <translation>Бұл қызметке ашық терезе әзірге жоқ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>Waiting now: {n} people. No counter open for this service yet.</source>
        <translation>Қазір күтуде: {n} адам. Бұл қызметке ашық терезе әзірге жоқ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>No counter open for this service yet: you will be called when one opens</source>
        <translation>Бұл қызметке ашық терезе әзірге жоқ: ашылғанда шақырыласыз</translation>
    </message>
</context>
<context>
    <name>ConsultantWindow</name>
    <message>
        <location filename="../views/consultant.py" line="436"/>
        <source>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</source>
        <translation>Күтуде: {n}. Бұл қызметке ашық терезе әзірге жоқ: терезе ашылғанда келуші шақырылады</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="279"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Зал серверімен байланыс жоқ. Қайта қосылып жатыр…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="283"/>
        <source>Consultant sign-in</source>
        <translation>Кеңесшінің кіруі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="284"/>
        <source>Your consultant token</source>
        <translation>Кеңесші токеніңіз</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="288"/>
        <source>Sign in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="325"/>
        <source>Choose a service first.</source>
        <translation>Алдымен қызметті таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="326"/>
        <source>Write why the visitor has priority: it is recorded.</source>
        <translation>Келушінің неге кезексіз екенін жазыңыз: ол тіркеледі.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="327"/>
        <source>No connection to the hall server.</source>
        <translation>Зал серверімен байланыс жоқ.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="328"/>
        <source>Please wait…</source>
        <translation>Күте тұрыңыз…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="329"/>
        <source>This token is not a consultant&apos;s.</source>
        <translation>Бұл токен кеңесшіге тиесілі емес.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="330"/>
        <source>A ticket&apos;s number is its letter and digits, such as A017.</source>
        <translation>Талон нөмірі — әрпі мен цифрлары, мысалы A017.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="331"/>
        <source>Turn on “Print the ticket here” to print a copy.</source>
        <translation>Көшірмесін басу үшін «Талонды осында басып шығару» батырмасын қосыңыз.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="332"/>
        <source>There is no ticket with this number today.</source>
        <translation>Бүгін мұндай нөмірлі талон жоқ.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="334"/>
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
        <location filename="../views/consultant.py" line="400"/>
        <source>Find a service</source>
        <translation>Қызметті іздеу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="401"/>
        <source>In any language</source>
        <translation>Кез келген тілде</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="525"/>
        <source>Check in an appointment</source>
        <translation>Жазылуды растау</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="526"/>
        <source>Copy of a ticket</source>
        <translation>Талон көшірмесі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="569"/>
        <source>Back to the services</source>
        <translation>Қызметтерге оралу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="582"/>
        <source>The visitor&apos;s IIN or booking code</source>
        <translation>Келушінің ЖСН-і немесе жазылу коды</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="594"/>
        <source>The lost ticket&apos;s number</source>
        <translation>Жоғалған талонның нөмірі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="432"/>
        <source>Nobody is waiting: the visitor will be called soon</source>
        <translation>Күтіп тұрған ешкім жоқ: келушіні жақында шақырады</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="434"/>
        <source>Waiting: {n}, about {m} min</source>
        <translation>Күтуде: {n}, шамамен {m} мин</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="458"/>
        <source>Priority</source>
        <translation>Кезексіз</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="463"/>
        <source>None</source>
        <translation>Жоқ</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="480"/>
        <source>Why (recorded)</source>
        <translation>Себебі (тіркеледі)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="492"/>
        <source>Visitor&apos;s language</source>
        <translation>Келушінің тілі</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="509"/>
        <source>Print the ticket here</source>
        <translation>Талонды осында басып шығару</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="511"/>
        <source>Only show the number</source>
        <translation>Тек нөмірін көрсету</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="486"/>
        <source>Issue a ticket</source>
        <translation>Талон беру</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="584"/>
        <source>Check in</source>
        <translation>Растау</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="596"/>
        <source>Print a copy</source>
        <translation>Көшірмесін басу</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="602"/>
        <source>A copy of {number} is printed.</source>
        <translation>{number} талонының көшірмесі басылды.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="613"/>
        <source>Tickets issued here</source>
        <translation>Осында берілген талондар</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="616"/>
        <source>cancelled</source>
        <translation>болдырылмады</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="623"/>
        <source>Cancel (mistake)</source>
        <translation>Болдырмау (қате)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../views/texts.py" line="12"/>
        <source>You are early for your appointment. Please check in from {time}.</source>
        <translation>Сіз жазылу уақытыңыздан ерте келдіңіз. {time} бастап растай аласыз.</translation>
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
        <location filename="../views/texts.py" line="32"/>
        <source>This service is not available today. A consultant at the entrance will help you.</source>
        <translation>Бұл қызмет бүгін көрсетілмейді. Кіреберістегі кеңесші көмектеседі.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>This service is not provided at this time. It is available from {time}.</source>
        <translation>Бұл қызмет қазір көрсетілмейді. Ол {time} бастап қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Tickets for this service are no longer issued today, so that everyone already waiting is served. It is available again from {time}.</source>
        <translation>Бүгін бұл қызметке талон беру аяқталды: кезекте тұрғандардың бәріне қызмет көрсетіп үлгеру үшін. Қызмет {time} бастап қайта қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="44"/>
        <source>All of today&apos;s tickets for this service have been given out. It is available again from {time}.</source>
        <translation>Бұл қызметке бүгінгі талондардың бәрі берілді. Қызмет {time} бастап қайта қолжетімді.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>The kiosk cannot reach the hall server right now. Please try again in a moment.</source>
        <translation>Терминал қазір зал серверіне қосыла алмайды. Сәлден соң қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="55"/>
        <source>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</source>
        <translation>Бұл терминал енді талон бермейді: кіреберістегі кеңесші талон береді. Қызметкерлерге: оны қайта тіркеңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="56"/>
        <source>Today&apos;s tickets for this service have ended. Again from {time}.</source>
        <translation>Бүгінгі талон беру аяқталды. Қайтадан {time} бастап.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="59"/>
        <source>Today&apos;s tickets for this service have run out. Again from {time}.</source>
        <translation>Бүгінгі талондар бітті. Қайтадан {time} бастап.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="63"/>
        <source>The ticket could not be issued. A consultant at the entrance will help you.</source>
        <translation>Талон берілмеді. Кіреберістегі кеңесші көмектеседі.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>An IIN has exactly 12 digits. Please check the number on your ID card.</source>
        <translation>ЖСН дәл 12 цифрдан тұрады. Жеке куәлігіңіздегі нөмірді тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</source>
        <translation>ЖСН-нің жетінші цифры 1-ден 6-ға дейін болады. Жеке куәлігіңіздегі нөмірді тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="74"/>
        <source>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</source>
        <translation>ЖСН-нің алғашқы алты цифры — туған күн, ал бұл нақты күн емес. Оларды тексеріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="79"/>
        <source>One digit seems to be mistyped. Please compare the number with your ID card and try again.</source>
        <translation>Бір цифр қате терілген сияқты. Нөмірді жеке куәлігіңізбен салыстырып, қайталап көріңіз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>A booking code has 6 letters and digits, as in your confirmation.</source>
        <translation>Жазылу коды растауыңыздағыдай 6 әріп пен цифрдан тұрады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="89"/>
        <source>The printer is out of paper, so your ticket was not printed.</source>
        <translation>Принтерде қағаз бітті, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="92"/>
        <source>The printer&apos;s cover is open, so your ticket was not printed.</source>
        <translation>Принтердің қақпағы ашық, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="96"/>
        <source>The printer is not working, so your ticket was not printed.</source>
        <translation>Принтер істемей тұр, сондықтан талоныңыз басылмады.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="99"/>
        <source>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</source>
        <translation>Кезектегі орныңыз сақталды. Нөміріңізді есте сақтаңыз немесе QR кодты суретке түсіріңіз. Қызметкерлерге хабарланды.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="105"/>
        <source>Visitor with a disability</source>
        <translation>Мүмкіндігі шектеулі келуші</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="106"/>
        <source>Elderly visitor</source>
        <translation>Егде жастағы келуші</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="107"/>
        <source>Pregnant woman</source>
        <translation>Жүкті әйел</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="108"/>
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
        <location filename="../views/citizen.py" line="760"/>
        <source>Please wait until your number is shown on the screen.</source>
        <translation>Нөміріңіз экранда көрсетілгенше күтіңіз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="761"/>
        <source>COPY of a lost ticket</source>
        <translation>ЖОҒАЛҒАН ТАЛОННЫҢ КӨШІРМЕСІ</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="763"/>
        <source>Your number has been called: please go to counter {n}.</source>
        <translation>Нөміріңіз шақырылды: {n}-терезеге өтіңіз.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="764"/>
        <source>You came more than 10 minutes after your appointment, so you join the general queue.</source>
        <translation>Сіз жазылу уақытынан 10 минуттан артық кешіктіңіз, сондықтан жалпы кезекке тұрасыз.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../views/citizen.py" line="43"/>
        <source>Choose your language</source>
        <translation>Тілді таңдаңыз</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="44"/>
        <source>Priority: disabled, elderly, pregnant</source>
        <translation>Кезексіз: мүгедектер, егде жастағылар, жүкті әйелдер</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="45"/>
        <source>I have an appointment</source>
        <translation>Мен алдын ала жазылғанмын</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: no tickets are issued.</source>
        <translation>Зал қазір жабық: талон берілмейді.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: it opens at {time}.</source>
        <translation>Зал қазір жабық, {time} ашылады.</translation>
    </message>
</context>
</TS>
