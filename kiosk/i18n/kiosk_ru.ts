<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CitizenWindow</name>
    <message>
        <location filename="../views/citizen.py" line="248"/>
        <source>No connection to the hall server. Reconnecting… Tickets will be issued as soon as it is back.</source>
        <translation>Нет связи с сервером зала. Переподключаемся… Талоны будут выдаваться, как только связь вернётся.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="262"/>
        <source>Priority ticket: {who}</source>
        <translation>Талон вне очереди: {who}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="327"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="337"/>
        <source>Start over</source>
        <translation>В начало</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="441"/>
        <source>Who is the ticket for?</source>
        <translation>Для кого талон?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="445"/>
        <source>You will be called before the general queue. Staff may ask to see a document.</source>
        <translation>Вас вызовут раньше общей очереди. Сотрудник может попросить показать документ.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="465"/>
        <source>What do you need today?</source>
        <translation>Что вам нужно сегодня?</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="468"/>
        <location filename="../views/citizen.py" line="575"/>
        <source>Loading the list of services…</source>
        <translation>Загружаем список услуг…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="479"/>
        <location filename="../views/citizen.py" line="492"/>
        <source>All services by topic</source>
        <translation>Все услуги по темам</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="482"/>
        <source>Find a service by name</source>
        <translation>Найти услугу по названию</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="317"/>
        <source>I have an appointment</source>
        <translation>У меня есть запись</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="521"/>
        <source>Type the name of the service</source>
        <translation>Наберите название услуги</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="529"/>
        <source>Nothing found. Try fewer letters, or choose by topic.</source>
        <translation>Ничего не найдено. Наберите меньше букв или выберите по темам.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="541"/>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="583"/>
        <source>What to bring</source>
        <translation>Что взять с собой</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="588"/>
        <source>Cost: {fee}</source>
        <translation>Стоимость: {fee}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="593"/>
        <source>At the counter it takes about {n} min.</source>
        <translation>У окна это занимает около {n} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="559"/>
        <source>Nobody is waiting now: you will be called soon.</source>
        <translation>Сейчас никто не ждёт: вас скоро вызовут.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="561"/>
        <source>Waiting now: {n} people, about {m} min.</source>
        <translation>Сейчас ждут: {n} чел., примерно {m} мин.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="566"/>
        <source>Tickets are issued today until {time}.</source>
        <translation>Сегодня талоны выдаются до {time}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <location filename="../views/citizen.py" line="697"/>
        <source>Please wait…</source>
        <translation>Подождите…</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="614"/>
        <source>Take a ticket</source>
        <translation>Взять талон</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="635"/>
        <source>Check in for your appointment</source>
        <translation>Отметьтесь по записи</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By IIN</source>
        <translation>По ИИН</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="637"/>
        <source>By booking code</source>
        <translation>По коду записи</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="650"/>
        <source>Type the 12 digits of your IIN</source>
        <translation>Наберите 12 цифр вашего ИИН</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="652"/>
        <source>Type the 6-character code from your booking</source>
        <translation>Наберите код вашей записи: 6 букв и цифр</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="697"/>
        <source>Check in</source>
        <translation>Отметиться</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="718"/>
        <source>Your number</source>
        <translation>Ваш номер</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="732"/>
        <source>Appointment at {time}</source>
        <translation>Запись на {time}</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="779"/>
        <source>People ahead of you: {n}</source>
        <translation>Перед вами: {n} чел.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="781"/>
        <source>You are first in line</source>
        <translation>Перед вами никого нет</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="366"/>
        <source>No tickets today</source>
        <translation>Сегодня талоны не выдаются</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="368"/>
        <source>No more tickets today</source>
        <translation>На сегодня талонов больше нет</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="775"/>
        <source>Estimated wait: about {m} min</source>
        <translation>Ожидание: примерно {m} мин</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="777"/>
        <source>You will be called soon</source>
        <translation>Вас скоро вызовут</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="795"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Отсканируйте, чтобы следить за очередью с телефона</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="754"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="802"/>
        <source>The hall is closed now</source>
        <translation>Зал сейчас закрыт</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="808"/>
        <source>It opens at {time}. No tickets are issued until then.</source>
        <translation>Время открытия: {time}. До этого талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="812"/>
        <source>No tickets are issued now.</source>
        <translation>Сейчас талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="553"/>
        <source>No counter open for this service yet.</source>
        <translation>Для этой услуги пока нет открытого окна.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="555"/>
        <source>Waiting now: {n} people. No counter open for this service yet.</source>
        <translation>Сейчас ждут: {n} чел. Для этой услуги пока нет открытого окна.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="772"/>
        <source>No counter open for this service yet: you will be called when one opens</source>
        <translation>Окно для этой услуги пока не открыто: вас вызовут, когда откроется</translation>
    </message>
</context>
<context>
    <name>ConsultantWindow</name>
    <message>
        <location filename="../views/consultant.py" line="437"/>
        <source>Waiting: {n}. No counter open for this service yet: the visitor will be called when one opens</source>
        <translation>Ждут: {n}. Для этой услуги пока нет открытого окна: посетителя вызовут, когда окно откроется</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="286"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Нет связи с сервером зала. Переподключаемся…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="290"/>
        <source>Consultant sign-in</source>
        <translation>Вход консультанта</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="291"/>
        <source>Your consultant access key (the technician gives it to you)</source>
        <translation>Ваш ключ доступа консультанта (его выдаёт техник)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="295"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="322"/>
        <source>Choose a service first.</source>
        <translation>Сначала выберите услугу.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="323"/>
        <source>Write why the visitor has priority: it is recorded.</source>
        <translation>Напишите, почему посетителю положен приоритет: это записывается.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="324"/>
        <source>No connection to the hall server.</source>
        <translation>Нет связи с сервером зала.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="325"/>
        <source>Please wait…</source>
        <translation>Подождите…</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="326"/>
        <source>This is not a consultant&apos;s access key: check it, or ask the technician for yours.</source>
        <translation>Это не ключ доступа консультанта: проверьте его или попросите свой у техника.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="327"/>
        <source>A ticket&apos;s number is its letter and digits, such as A017.</source>
        <translation>Номер талона — буква и цифры, например A017.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="328"/>
        <source>Turn on “Print the ticket here” to print a copy.</source>
        <translation>Чтобы напечатать копию, включите «Печатать талон здесь».</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="329"/>
        <source>There is no ticket with this number today.</source>
        <translation>Сегодня талона с таким номером нет.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="331"/>
        <source>This ticket is no longer in the queue: a copy is not needed.</source>
        <translation>Этот талон уже не в очереди: копия не нужна.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="356"/>
        <source>Signed in: {name}</source>
        <translation>Вход выполнен: {name}</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="364"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="404"/>
        <source>Find a service</source>
        <translation>Поиск услуги</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="405"/>
        <source>In any language</source>
        <translation>На любом языке</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="534"/>
        <source>Check in an appointment</source>
        <translation>Отметить запись</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="535"/>
        <source>Copy of a ticket</source>
        <translation>Копия талона</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="578"/>
        <source>Back to the services</source>
        <translation>Назад к услугам</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="591"/>
        <source>The visitor&apos;s IIN or booking code</source>
        <translation>ИИН посетителя или код записи</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="603"/>
        <source>The lost ticket&apos;s number</source>
        <translation>Номер потерянного талона</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="441"/>
        <source>Nobody is waiting: the visitor will be called soon</source>
        <translation>Никто не ждёт: посетителя скоро вызовут</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="443"/>
        <source>Waiting: {n}, about {m} min</source>
        <translation>Ждут: {n}, примерно {m} мин</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="467"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="472"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="489"/>
        <source>Why (recorded)</source>
        <translation>Причина (записывается)</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="501"/>
        <source>Visitor&apos;s language</source>
        <translation>Язык посетителя</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="518"/>
        <source>Print the ticket here</source>
        <translation>Печатать талон здесь</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="520"/>
        <source>Only show the number</source>
        <translation>Только показать номер</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="495"/>
        <source>Issue a ticket</source>
        <translation>Выдать талон</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="593"/>
        <source>Check in</source>
        <translation>Отметить</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="605"/>
        <source>Print a copy</source>
        <translation>Напечатать копию</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="611"/>
        <source>A copy of {number} is printed.</source>
        <translation>Копия талона {number} напечатана.</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="622"/>
        <source>Tickets issued here</source>
        <translation>Выданные здесь талоны</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="625"/>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <location filename="../views/consultant.py" line="632"/>
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
        <location filename="../views/texts.py" line="34"/>
        <source>This appointment is for {date}. Please come on that day.</source>
        <translation>Эта запись на {date}. Приходите в этот день.</translation>
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
        <location filename="../views/texts.py" line="54"/>
        <source>The hall server cannot issue tickets right now. Please try again in a moment.</source>
        <translation>Сервер зала сейчас не может выдать талон. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="59"/>
        <source>This kiosk no longer issues tickets: a consultant at the entrance will give you one. Staff: pair it again.</source>
        <translation>Этот терминал больше не выдаёт талоны: талон выдаст консультант у входа. Сотрудникам: подключите его заново.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>This service is not provided today. Again from {time}.</source>
        <translation>Эта услуга сегодня не оказывается. Снова с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>Today&apos;s tickets for this service have ended. Again from {time}.</source>
        <translation>Выдача талонов на эту услугу на сегодня завершена. Снова с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="73"/>
        <source>Today&apos;s tickets for this service have run out. Again from {time}.</source>
        <translation>Талоны на эту услугу на сегодня закончились. Снова с {time}.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="77"/>
        <source>The ticket could not be issued. A consultant at the entrance will help you.</source>
        <translation>Талон выдать не удалось. Вам поможет консультант у входа.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>An IIN has exactly 12 digits. Please check the number on your ID card.</source>
        <translation>ИИН состоит ровно из 12 цифр. Проверьте номер в удостоверении личности.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.</source>
        <translation>Седьмая цифра ИИН — от 1 до 6. Проверьте номер в удостоверении личности.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="88"/>
        <source>The first six digits of an IIN are a date of birth, and these are not a real date. Please check them.</source>
        <translation>Первые шесть цифр ИИН — дата рождения, а здесь такой даты нет. Проверьте их.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>One digit seems to be mistyped. Please compare the number with your ID card and try again.</source>
        <translation>Похоже, одна цифра набрана с ошибкой. Сверьте номер с удостоверением и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="98"/>
        <source>A booking code has 6 letters and digits, as in your confirmation.</source>
        <translation>Код записи состоит из 6 букв и цифр, как в вашем подтверждении.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>The printer is out of paper, so your ticket was not printed.</source>
        <translation>В принтере закончилась бумага, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="106"/>
        <source>The printer&apos;s cover is open, so your ticket was not printed.</source>
        <translation>У принтера открыта крышка, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="110"/>
        <source>The printer is not working, so your ticket was not printed.</source>
        <translation>Принтер не работает, поэтому талон не напечатан.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Your place in the queue is kept. Remember your number or photograph the QR code. Staff have been told.</source>
        <translation>Ваше место в очереди сохранено. Запомните номер или сфотографируйте QR-код. Сотрудники уже знают.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="119"/>
        <source>Visitor with a disability</source>
        <translation>Посетитель с инвалидностью</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="120"/>
        <source>Elderly visitor</source>
        <translation>Пожилой посетитель</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="121"/>
        <source>Pregnant woman</source>
        <translation>Беременная женщина</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="122"/>
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
        <location filename="../views/citizen.py" line="835"/>
        <source>Please wait until your number is shown on the screen.</source>
        <translation>Ожидайте, пока ваш номер появится на экране.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="836"/>
        <source>COPY of a lost ticket</source>
        <translation>КОПИЯ утерянного талона</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="838"/>
        <source>Your number has been called: please go to counter {n}.</source>
        <translation>Ваш номер вызван: пройдите к окну {n}.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="839"/>
        <source>You came more than 10 minutes after your appointment, so you join the general queue.</source>
        <translation>Вы опоздали к записи больше чем на 10 минут, поэтому встаёте в общую очередь.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../views/citizen.py" line="52"/>
        <source>Choose your language</source>
        <translation>Выберите язык</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="53"/>
        <source>Priority: people with disabilities, elderly, pregnant</source>
        <translation>Вне очереди: люди с инвалидностью, пожилые, беременные</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="54"/>
        <source>I have an appointment</source>
        <translation>У меня есть запись</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="55"/>
        <source>The hall is closed now: no tickets are issued.</source>
        <translation>Зал сейчас закрыт: талоны не выдаются.</translation>
    </message>
    <message>
        <location filename="../views/citizen.py" line="56"/>
        <source>The hall is closed now: it opens at {time}.</source>
        <translation>Зал сейчас закрыт. Время открытия: {time}.</translation>
    </message>
</context>
</TS>
