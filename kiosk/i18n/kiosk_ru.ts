<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../views/citizen.py" line="221"/>
        <source>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</source>
        <translation>Нет связи с сервером зала. Переподключаемся… Талоны будут выдаваться, как только связь вернётся.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="235"/>
        <source>Priority ticket: {who}</source>
        <translation>Талон вне очереди: {who}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="300"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="310"/>
        <source>Start over</source>
        <translation>В начало</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="389"/>
        <source>Who is the ticket for?</source>
        <translation>Для кого талон?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="393"/>
        <source>You will be called before the general queue. Staff may ask to see a document.</source>
        <translation>Вас вызовут раньше общей очереди. Сотрудник может попросить показать документ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="413"/>
        <source>What do you need today?</source>
        <translation>Что вам нужно сегодня?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="416"/>
        <location filename="../views/citizen.py" line="500"/>
        <source>Loading the list of services…</source>
        <translation>Загружаем список услуг…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="427"/>
        <location filename="../views/citizen.py" line="440"/>
        <source>All services by topic</source>
        <translation>Все услуги по темам</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="430"/>
        <source>Find a service by name</source>
        <translation>Найти услугу по названию</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="290"/>
        <source>I have an appointment</source>
        <translation>У меня есть запись</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="469"/>
        <source>Type the name of the service</source>
        <translation>Наберите название услуги</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="477"/>
        <source>Nothing found. Try fewer letters, or choose by topic.</source>
        <translation>Ничего не найдено. Наберите меньше букв или выберите по темам.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="489"/>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="508"/>
        <source>What to bring</source>
        <translation>Что взять с собой</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="513"/>
        <source>Cost: {fee}</source>
        <translation>Стоимость: {fee}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="518"/>
        <source>At the counter it takes about {n} min.</source>
        <translation>У окна это занимает около {n} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="536"/>
        <source>Nobody is waiting now: you will be called soon.</source>
        <translation>Сейчас никто не ждёт: вас скоро вызовут.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="538"/>
        <source>Waiting now: {n} people, about {m} min.</source>
        <translation>Сейчас ждут: {n} чел., примерно {m} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="543"/>
        <source>Tickets are issued today until {time}.</source>
        <translation>Сегодня талоны выдаются до {time}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="552"/>
        <location filename="../views/citizen.py" line="635"/>
        <source>Please wait…</source>
        <translation>Подождите…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="552"/>
        <source>Take a ticket</source>
        <translation>Взять талон</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="573"/>
        <source>Check in for your appointment</source>
        <translation>Отметьтесь по записи</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="575"/>
        <source>By IIN</source>
        <translation>По ИИН</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="575"/>
        <source>By booking code</source>
        <translation>По коду записи</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="588"/>
        <source>Type the 12 digits of your IIN</source>
        <translation>Наберите 12 цифр вашего ИИН</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="590"/>
        <source>Type the 6-character code from your booking</source>
        <translation>Наберите 6-значный код из вашей записи</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="635"/>
        <source>Check in</source>
        <translation>Отметиться</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="656"/>
        <source>Your number</source>
        <translation>Ваш номер</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="670"/>
        <source>Appointment at {time}</source>
        <translation>Запись на {time}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="688"/>
        <source>People ahead of you: {n}</source>
        <translation>Перед вами: {n} чел.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="706"/>
        <source>You are first in line</source>
        <translation>Перед вами никого нет</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="352"/>
        <source>No tickets today</source>
        <translation>Сегодня талоны не выдаются</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="356"/>
        <source>No more tickets today</source>
        <translation>На сегодня талонов больше нет</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="681"/>
        <source>Estimated wait: about {m} min</source>
        <translation>Ожидание: примерно {m} мин</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="683"/>
        <source>You will be called soon</source>
        <translation>Вас скоро вызовут</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="720"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Отсканируйте, чтобы следить за очередью с телефона</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="704"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="727"/>
        <source>The hall is closed now</source>
        <translation>Зал сейчас закрыт</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="733"/>
        <source>It opens at {time}. No tickets are issued until then.</source>
        <translation>Время открытия: {time}. До этого талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="737"/>
        <source>No tickets are issued now.</source>
        <translation>Сейчас талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>No counter open for this service yet.</source>
        <translation>Для этой услуги пока нет открытого окна.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>Waiting now: {n} people. No counter open for this service yet.</source>
        <translation>Сейчас ждут: {n} чел. Для этой услуги пока нет открытого окна.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="540"/>
        <source>No counter open for this service yet: you will be called when one opens</source>
        <translation>Окно для этой услуги пока не открыто: вас вызовут, когда откроется</translation>
    </message>
</context>
<context>
    <name>ConsultantWindow</name>
    <message>
        <location filename="../views/consultant.py" line="436"/>
        <source>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</source>
        <translation>Ждут: {n}. Для этой услуги пока нет открытого окна: посетителя вызовут, когда окно откроется</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="279"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Нет связи с сервером зала. Переподключаемся…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="283"/>
        <source>Consultant sign-in</source>
        <translation>Вход консультанта</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="284"/>
        <source>Your consultant token</source>
        <translation>Ваш токен консультанта</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="288"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="325"/>
        <source>Choose a service first.</source>
        <translation>Сначала выберите услугу.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="326"/>
        <source>Write why the visitor has priority: it is recorded.</source>
        <translation>Напишите, почему посетителю положен приоритет: это записывается.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="327"/>
        <source>No connection to the hall server.</source>
        <translation>Нет связи с сервером зала.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="328"/>
        <source>Please wait…</source>
        <translation>Подождите…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="329"/>
        <source>This token is not a consultant&apos;s.</source>
        <translation>Этот токен не принадлежит консультанту.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="330"/>
        <source>A ticket&apos;s number is its letter and digits, such as A017.</source>
        <translation>Номер талона — буква и цифры, например A017.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="331"/>
        <source>Turn on “Print the ticket here” to print a copy.</source>
        <translation>Чтобы напечатать копию, включите «Печатать талон здесь».</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="332"/>
        <source>There is no ticket with this number today.</source>
        <translation>Сегодня талона с таким номером нет.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="334"/>
        <source>This ticket is no longer in the queue: a copy is not needed.</source>
        <translation>Этот талон уже не в очереди: копия не нужна.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="356"/>
        <source>Signed in: {name}</source>
        <translation>Вошёл: {name}</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="364"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="400"/>
        <source>Find a service</source>
        <translation>Поиск услуги</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="401"/>
        <source>In any language</source>
        <translation>На любом языке</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="525"/>
        <source>Check in an appointment</source>
        <translation>Отметить запись</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="526"/>
        <source>Copy of a ticket</source>
        <translation>Копия талона</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="569"/>
        <source>Back to the services</source>
        <translation>Назад к услугам</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="582"/>
        <source>The visitor&apos;s IIN or booking code</source>
        <translation>ИИН посетителя или код записи</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="594"/>
        <source>The lost ticket&apos;s number</source>
        <translation>Номер потерянного талона</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="432"/>
        <source>Nobody is waiting: the visitor will be called soon</source>
        <translation>Никто не ждёт: посетителя скоро вызовут</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="434"/>
        <source>Waiting: {n}, about {m} min</source>
        <translation>Ждут: {n}, примерно {m} мин</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="458"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="463"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="480"/>
        <source>Why (recorded)</source>
        <translation>Причина (записывается)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="492"/>
        <source>Visitor&apos;s language</source>
        <translation>Язык посетителя</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="509"/>
        <source>Print the ticket here</source>
        <translation>Печатать талон здесь</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="511"/>
        <source>Only show the number</source>
        <translation>Только показать номер</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="486"/>
        <source>Issue a ticket</source>
        <translation>Выдать талон</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="584"/>
        <source>Check in</source>
        <translation>Отметить</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="596"/>
        <source>Print a copy</source>
        <translation>Напечатать копию</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="602"/>
        <source>A copy of {number} is printed.</source>
        <translation>Копия талона {number} напечатана.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="613"/>
        <source>Tickets issued here</source>
        <translation>Выданные здесь талоны</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="616"/>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="623"/>
        <source>Cancel (mistake)</source>
        <translation>Отменить (ошибка)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../views/texts.py" line="12"/>
        <source>You are early for your appointment. Please check in from {time}.</source>
        <translation>Вы пришли раньше времени записи. Отметиться можно с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="15"/>
        <location filename="../views/texts.py" line="20"/>
        <source>We could not find an appointment for today with this number. Please check it, or take a ticket for the service.</source>
        <translation>Записи на сегодня с этим номером не нашлось. Проверьте его или возьмите талон на услугу.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="25"/>
        <source>This appointment is already checked in: its ticket was issued before.</source>
        <translation>По этой записи уже отметились: талон был выдан раньше.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="28"/>
        <source>This appointment was cancelled.</source>
        <translation>Эта запись отменена.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>This appointment is for another day. Please come on the day you booked.</source>
        <translation>Эта запись на другой день. Приходите в день записи.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>This service is not available today. A consultant at the entrance will help you.</source>
        <translation>Эта услуга сегодня не оказывается. Вам поможет консультант у входа.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>This service is not provided at this time. It is available from {time}.</source>
        <translation>Эта услуга сейчас не оказывается. Она доступна с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Tickets for this service are no longer issued today, so that everyone already waiting is served. It is available again from {time}.</source>
        <translation>Выдача талонов на эту услугу на сегодня завершена, чтобы успеть принять всех, кто уже в очереди. Услуга снова доступна с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="44"/>
        <source>All of today&apos;s tickets for this service have been given out. It is available again from {time}.</source>
        <translation>Все талоны на эту услугу на сегодня выданы. Услуга снова доступна с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>The kiosk cannot reach the hall server right now. Please try again in a moment.</source>
        <translation>Терминал сейчас не может связаться с сервером зала. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="55"/>
        <source>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</source>
        <translation>Этот терминал больше не выдаёт талоны: талон выдаст консультант у входа. Сотрудникам: подключите его заново.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="56"/>
        <source>Today&apos;s tickets for this service have ended. Again from {time}.</source>
        <translation>Выдача талонов на эту услугу на сегодня завершена. Снова с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="59"/>
        <source>Today&apos;s tickets for this service have run out. Again from {time}.</source>
        <translation>Талоны на эту услугу на сегодня закончились. Снова с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="63"/>
        <source>The ticket could not be issued. A consultant at the entrance will help you.</source>
        <translation>Талон выдать не удалось. Вам поможет консультант у входа.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>An IIN has exactly 12 digits. Please check the number on your ID card.</source>
        <translation>ИИН состоит ровно из 12 цифр. Проверьте номер в удостоверении личности.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</source>
        <translation>Седьмая цифра ИИН — от 1 до 6. Проверьте номер в удостоверении личности.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="74"/>
        <source>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</source>
        <translation>Первые шесть цифр ИИН — дата рождения, а здесь такой даты нет. Проверьте их.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="79"/>
        <source>One digit seems to be mistyped. Please compare the number with your ID card and try again.</source>
        <translation>Похоже, одна цифра набрана с ошибкой. Сверьте номер с удостоверением и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>A booking code has 6 letters and digits, as in your confirmation.</source>
        <translation>Код записи состоит из 6 букв и цифр, как в вашем подтверждении.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="89"/>
        <source>The printer is out of paper, so your ticket was not printed.</source>
        <translation>В принтере закончилась бумага, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="92"/>
        <source>The printer&apos;s cover is open, so your ticket was not printed.</source>
        <translation>У принтера открыта крышка, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="96"/>
        <source>The printer is not working, so your ticket was not printed.</source>
        <translation>Принтер не работает, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="99"/>
        <source>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</source>
        <translation>Ваше место в очереди сохранено. Запомните номер или сфотографируйте QR-код. Сотрудники уже знают.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="105"/>
        <source>Visitor with a disability</source>
        <translation>Посетитель с инвалидностью</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="106"/>
        <source>Elderly visitor</source>
        <translation>Пожилой посетитель</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="107"/>
        <source>Pregnant woman</source>
        <translation>Беременная женщина</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="108"/>
        <source>Veteran</source>
        <translation>Ветеран</translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <location filename="../views/rating.py" line="23"/>
        <source>How was your visit?</source>
        <translation>Как вас обслужили?</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="24"/>
        <source>Excellent</source>
        <translation>Отлично</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="25"/>
        <source>Good</source>
        <translation>Хорошо</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="26"/>
        <source>Satisfactory</source>
        <translation>Удовлетворительно</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="27"/>
        <source>Thank you!</source>
        <translation>Спасибо!</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="28"/>
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="29"/>
        <source>Now at this counter</source>
        <translation>Сейчас у этого окна</translation>
    </message>
    <message>
        <location filename="../views/rating.py" line="30"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Нет связи с сервером зала. Переподключаемся…</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../views/citizen.py" line="760"/>
        <source>Please wait until your number is shown on the screen.</source>
        <translation>Ожидайте, пока ваш номер появится на экране.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="761"/>
        <source>COPY of a lost ticket</source>
        <translation>КОПИЯ утерянного талона</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="763"/>
        <source>Your number has been called: please go to counter {n}.</source>
        <translation>Ваш номер вызван: пройдите к окну {n}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="764"/>
        <source>You came more than 10 minutes after your appointment, so you join the general queue.</source>
        <translation>Вы опоздали к записи больше чем на 10 минут, поэтому встаёте в общую очередь.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../views/citizen.py" line="43"/>
        <source>Choose your language</source>
        <translation>Выберите язык</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="44"/>
        <source>Priority: disabled, elderly, pregnant</source>
        <translation>Вне очереди: инвалиды, пожилые, беременные</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="45"/>
        <source>I have an appointment</source>
        <translation>У меня есть запись</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: no tickets are issued.</source>
        <translation>Зал сейчас закрыт: талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: it opens at {time}.</source>
        <translation>Зал сейчас закрыт. Время открытия: {time}.</translation>
    </message>
</context>
</TS>
