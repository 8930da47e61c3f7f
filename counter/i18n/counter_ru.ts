<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CallTicketDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="245"/>
        <source>Call a ticket</source>
        <translation>Вызвать талон</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="250"/>
        <source>%1  %2 · back from stepping away</source>
        <translation>%1  %2 · вернулся после отлучки</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="264"/>
        <source>Why this ticket goes first (required)</source>
        <translation>Почему этот талон идёт первым (обязательно)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="265"/>
        <source>The reason is written into the hall&apos;s event log.</source>
        <translation>Причина записывается в журнал событий зала.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="271"/>
        <source>Call</source>
        <translation>Вызвать</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="273"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="275"/>
        <source>Did not come back</source>
        <translation>Не вернулся</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../views/window.py" line="534"/>
        <source>The working day has ended. Sign in again.</source>
        <translation>Рабочий день закончился. Войдите снова.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="536"/>
        <source>You were signed out elsewhere. Sign in again.</source>
        <translation>Вы вышли из системы в другом месте. Войдите снова.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="508"/>
        <source>Your session ended (a new day, or a sign-out elsewhere). Sign in again.</source>
        <translation>Ваш сеанс завершён (начался новый день или вы вышли в другом месте). Войдите снова.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="295"/>
        <source>“%1” is not possible now.</source>
        <translation>«%1» сейчас невозможно.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="379"/>
        <source>Sign in first: the call button works after that.</source>
        <translation>Сначала войдите: кнопка вызова заработает после этого.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="420"/>
        <source>Nobody is waiting for %1.</source>
        <translation>В очереди «%1» никто не ждёт.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="422"/>
        <source>%1 did not come back: marked as a no-show.</source>
        <translation>%1 не вернулся: отмечен как неявка.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="355"/>
        <location filename="../views/window.py" line="426"/>
        <source>Nobody is waiting for this counter.</source>
        <translation>В очереди к этому окну никого нет.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="297"/>
        <source>“%1” is not possible now: %2</source>
        <translation>«%1» сейчас невозможно: %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="429"/>
        <source>%1 is done here and goes back to %2.</source>
        <translation>%1: здесь обслужен, посетитель возвращается: %2.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="436"/>
        <source>Rating received: %1</source>
        <translation>Получена оценка: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="440"/>
        <source>%1 transferred to %2: they come back to you when done there.</source>
        <translation>%1 направлен: %2. Когда там закончат, посетитель вернётся к вам.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="442"/>
        <source>%1 transferred to %2</source>
        <translation>%1 направлен: %2</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="447"/>
        <source>%1 has stepped away: when they are back, call them with F10.</source>
        <translation>%1 отложен: когда посетитель вернётся, вызовите его клавишей F10.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="579"/>
        <source>A visitor is waiting: %1</source>
        <translation>Посетитель ждёт: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="585"/>
        <source>%1 is back from %2 and waits for you.</source>
        <translation>%1 вернулся после «%2» и ждёт вас.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="595"/>
        <source>%1 did not come to %2 and will not come back to you.</source>
        <translation>%1 не подошёл на услугу «%2» и к вам не вернётся.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="597"/>
        <source>%1 was cancelled at %2 and will not come back to you.</source>
        <translation>Талон %1 отменён в очереди «%2» и к вам не вернётся.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="609"/>
        <source>The visitor can rate the service on the keypad now.</source>
        <translation>Посетитель может оценить обслуживание на пульте оценки.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="624"/>
        <source>The call button is not connected.</source>
        <translation>Кнопка вызова не подключена.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="625"/>
        <source>The number display is not connected.</source>
        <translation>Табло номера не подключено.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="626"/>
        <source>The rating keypad is not connected.</source>
        <translation>Пульт оценки не подключён.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="677"/>
        <source>Kezek: %1</source>
        <translation>Kezek: %1</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="680"/>
        <source>No connection to the hall server. Reconnecting…</source>
        <translation>Нет связи с сервером зала. Переподключение…</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 was called the most times allowed: marked as a no-show.</source>
        <translation>%1 вызван максимальное число раз: отмечен как неявка.</translation>
    </message>
    <message>
        <location filename="../views/window.py" line="448"/>
        <source>%1 marked as a no-show.</source>
        <translation>%1 отмечен как неявка.</translation>
    </message>
</context>
<context>
    <name>DayPanel</name>
    <message>
        <location filename="../views/panels.py" line="106"/>
        <source>My day</source>
        <translation>Мой день</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="107"/>
        <source>Served</source>
        <translation>Обслужено</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="108"/>
        <source>Average service</source>
        <translation>Среднее обслуживание</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="109"/>
        <source>No-shows</source>
        <translation>Неявки</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="110"/>
        <source>Ratings</source>
        <translation>Оценки</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="194"/>
        <source>Call the next from one line</source>
        <translation>Вызвать следующего из одной очереди</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="199"/>
        <source>%1 waiting</source>
        <translation>ждут: %1</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="205"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="160"/>
        <source>Pause: why?</source>
        <translation>Перерыв: причина?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="168"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../models.py" line="58"/>
        <source>backup</source>
        <translation>резерв</translation>
    </message>
    <message>
        <location filename="../models.py" line="81"/>
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../models.py" line="82"/>
        <source>Waiting</source>
        <translation>Ждут</translation>
    </message>
    <message>
        <location filename="../models.py" line="83"/>
        <source>Longest wait</source>
        <translation>Дольше всех</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../views/panels.py" line="65"/>
        <source>Queue for this counter</source>
        <translation>Очередь к этому окну</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="78"/>
        <source>Next: %1</source>
        <translation>Следующие: %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="80"/>
        <source>Nobody is waiting.</source>
        <translation>Никто не ждёт.</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="82"/>
        <source>Stepped away: %1</source>
        <translation>Отложены: %1</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../views/sign_in.py" line="86"/>
        <source>Sign in at %1</source>
        <translation>Вход: %1</translation>
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
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="90"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../views/sign_in.py" line="112"/>
        <source>Enter your login and PIN.</source>
        <translation>Введите логин и PIN-код.</translation>
    </message>
</context>
<context>
    <name>SupervisorNote</name>
    <message>
        <location filename="../views/panels.py" line="179"/>
        <source>Read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="184"/>
        <source>From the supervisor, %1</source>
        <translation>От руководителя, %1</translation>
    </message>
    <message>
        <location filename="../views/panels.py" line="186"/>
        <source>(%1 more)</source>
        <translation>(ещё %1)</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../views/texts.py" line="29"/>
        <source>Call next</source>
        <translation>Вызвать следующего</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="30"/>
        <source>Recall</source>
        <translation>Повторный вызов</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="31"/>
        <source>Start</source>
        <translation>Начать приём</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="32"/>
        <source>Finish</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="33"/>
        <location filename="../views/texts.py" line="115"/>
        <source>No-show</source>
        <translation>Не явился</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="34"/>
        <source>Transfer</source>
        <translation>Перенаправить</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="35"/>
        <source>Pause</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="124"/>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="37"/>
        <source>Close counter</source>
        <translation>Закрыть окно</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="36"/>
        <source>Open / resume</source>
        <translation>Открыть / продолжить</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="38"/>
        <source>Call a ticket</source>
        <translation>Вызвать талон</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="39"/>
        <source>Postpone</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="40"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="41"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="49"/>
        <source>finish with the visitor at the counter first.</source>
        <translation>сначала завершите работу с посетителем у окна.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="52"/>
        <source>open the counter first.</source>
        <translation>сначала откройте окно.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="53"/>
        <source>the counter is paused: resume it first.</source>
        <translation>окно на паузе: сначала продолжите работу.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="56"/>
        <source>the counter is open.</source>
        <translation>окно уже открыто.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="57"/>
        <source>the counter is closed.</source>
        <translation>окно закрыто.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="58"/>
        <source>the counter is paused already.</source>
        <translation>окно уже на паузе.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="61"/>
        <source>nobody is waiting or has stepped away.</source>
        <translation>никто не ждёт и не отходил.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="64"/>
        <source>there is no visitor at the counter.</source>
        <translation>у окна нет посетителя.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="67"/>
        <source>the visit has not started: start it first.</source>
        <translation>приём ещё не начат: сначала начните его.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="70"/>
        <source>the visit has started already.</source>
        <translation>приём уже начат.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="71"/>
        <source>no visitor of this counter has stepped away.</source>
        <translation>никто из посетителей этого окна не отходил.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="80"/>
        <source>Break</source>
        <translation>Короткий перерыв</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="81"/>
        <source>Lunch</source>
        <translation>Обед</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="82"/>
        <source>Technical problem</source>
        <translation>Техническая неполадка</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="83"/>
        <source>Paperwork</source>
        <translation>Работа с документами</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="84"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="91"/>
        <source>Regular</source>
        <translation>Общая очередь</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="92"/>
        <source>Disability</source>
        <translation>Инвалидность</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="93"/>
        <source>Elderly visitor</source>
        <translation>Пожилой посетитель</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="94"/>
        <source>Pregnancy</source>
        <translation>Беременность</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="95"/>
        <source>Veteran</source>
        <translation>Ветеран</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="102"/>
        <source>Excellent</source>
        <translation>Отлично</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="103"/>
        <source>Good</source>
        <translation>Хорошо</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="104"/>
        <source>Satisfactory</source>
        <translation>Удовлетворительно</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="111"/>
        <source>Waiting</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="112"/>
        <source>Called</source>
        <translation>Вызван</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="113"/>
        <source>Serving</source>
        <translation>Обслуживается</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="114"/>
        <source>Finished</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="116"/>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="117"/>
        <source>Postponed</source>
        <translation>Отложен</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="125"/>
        <source>Paused</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="126"/>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="137"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="139"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="148"/>
        <source>The hall server does not answer. Check the network; try again.</source>
        <translation>Сервер зала не отвечает. Проверьте сеть и повторите.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="151"/>
        <source>The hall server answered something this console cannot read.</source>
        <translation>Ответ сервера зала не удалось прочитать.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="154"/>
        <source>Wrong login or PIN.</source>
        <translation>Неверный логин или PIN-код.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="155"/>
        <source>This operator is disabled: ask the hall&apos;s administrator.</source>
        <translation>Этот оператор отключён: обратитесь к администратору зала.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="158"/>
        <source>Too many wrong PINs: wait a minute and try again.</source>
        <translation>Слишком много неверных PIN-кодов: подождите минуту и повторите.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="161"/>
        <source>This computer is not enrolled as a counter terminal.</source>
        <translation>Этот компьютер не зарегистрирован как терминал окна.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="164"/>
        <source>This console&apos;s token is not accepted: enroll it again.</source>
        <translation>Токен этого пульта не принят: зарегистрируйте его заново.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="167"/>
        <source>You are signed in at another counter: sign out there first.</source>
        <translation>Вы вошли в другом окне: сначала выйдите там.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="170"/>
        <source>Another operator is signed in at this counter.</source>
        <translation>В этом окне работает другой оператор.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="173"/>
        <source>Only the operator signed in at this counter can do this.</source>
        <translation>Это может сделать только оператор, вошедший в этом окне.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="176"/>
        <source>You are no longer signed in here. Sign in again.</source>
        <translation>Ваш вход здесь больше не действует. Войдите снова.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="179"/>
        <source>This ticket is at another counter.</source>
        <translation>Этот талон у другого окна.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="180"/>
        <source>An operator must sign in before the counter opens.</source>
        <translation>Прежде чем открыть окно, оператор должен войти.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="183"/>
        <source>The counter is closed: open it first.</source>
        <translation>Окно закрыто: сначала откройте его.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="186"/>
        <source>The counter is paused: resume it first.</source>
        <translation>У окна перерыв: сначала продолжите работу.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="189"/>
        <source>Finish the current visitor first (or mark a no-show).</source>
        <translation>Сначала завершите приём текущего посетителя (или отметьте неявку).</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="192"/>
        <source>That counter is closed: send the visitor to the service&apos;s queue instead.</source>
        <translation>Это окно закрыто: направьте посетителя в общую очередь услуги.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="195"/>
        <source>That counter does not serve this service.</source>
        <translation>То окно не оказывает эту услугу.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="198"/>
        <source>This ticket is no longer waiting.</source>
        <translation>Этот талон уже не в очереди.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="199"/>
        <source>Calling a ticket out of order needs a reason.</source>
        <translation>Для вызова вне очереди нужна причина.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="202"/>
        <source>The ticket has already moved on: the screen is updated.</source>
        <translation>Состояние талона уже изменилось: экран обновлён.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="205"/>
        <source>This service is not provided today.</source>
        <translation>Эта услуга сегодня не оказывается.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="208"/>
        <source>This service is closed now.</source>
        <translation>Эта услуга сейчас закрыта.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="209"/>
        <source>The hall is closed now.</source>
        <translation>Зал сейчас закрыт.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="210"/>
        <source>There is no such ticket today.</source>
        <translation>Сегодня такого талона нет.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="211"/>
        <source>There is no such service.</source>
        <translation>Такой услуги нет.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="212"/>
        <source>There is no such counter.</source>
        <translation>Такого окна нет.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="213"/>
        <source>Only a finished visit can be rated.</source>
        <translation>Оценить можно только завершённое обслуживание.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="214"/>
        <source>This visit is already rated.</source>
        <translation>Это обслуживание уже оценено.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="215"/>
        <source>You may not do this.</source>
        <translation>У вас нет права на это действие.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="216"/>
        <source>This visitor already goes back to another counter: send them on without.</source>
        <translation>Этот посетитель уже возвращается в другое окно: направьте без возврата.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="219"/>
        <source>The visitor is already in this service: choose another one.</source>
        <translation>Посетитель уже в очереди на эту услугу: выберите другую.</translation>
    </message>
    <message>
        <location filename="../views/texts.py" line="222"/>
        <source>The hall no longer records this result: reopen the console.</source>
        <translation>Зал больше не учитывает этот результат: откройте пульт заново.</translation>
    </message>
</context>
<context>
    <name>TicketCard</name>
    <message>
        <location filename="../views/card.py" line="169"/>
        <source>%1, call %2</source>
        <translation>%1, вызов %2</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="172"/>
        <source>%1, call %2: the next recall marks a no-show</source>
        <translation>%1, вызов %2: следующий повторный вызов отметит неявку</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="187"/>
        <source>When done here: back to %1</source>
        <translation>После обслуживания здесь вернётся: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="210"/>
        <source>Result:</source>
        <translation>Результат:</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="221"/>
        <source>Priority: %1</source>
        <translation>Приоритет: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="227"/>
        <source>Appointment at %1</source>
        <translation>Запись на %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="228"/>
        <source>Waited %1</source>
        <translation>Ожидание: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="231"/>
        <source>Serving for %1</source>
        <translation>Обслуживается: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/card.py" line="233"/>
        <source>Transferred %n time(s)</source>
        <translation>
            <numerusform>Перенаправлен %n раз</numerusform>
            <numerusform>Перенаправлен %n раза</numerusform>
            <numerusform>Перенаправлен %n раз</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/card.py" line="234"/>
        <source>Note: %1</source>
        <translation>Заметка: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="245"/>
        <source>Documents to check</source>
        <translation>Проверить документы</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="263"/>
        <source>Press F8 to open the counter.</source>
        <translation>Нажмите F8, чтобы открыть окно.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="266"/>
        <source>Paused: %1</source>
        <translation>Перерыв: %1</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="267"/>
        <source>Press F8 to resume.</source>
        <translation>Нажмите F8, чтобы продолжить работу.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="269"/>
        <source>Nobody is waiting</source>
        <translation>Никто не ждёт</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="270"/>
        <source>The console will tell you when someone arrives.</source>
        <translation>Пульт сообщит, когда кто-то придёт.</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="272"/>
        <source>No visitor at the counter</source>
        <translation>У окна нет посетителя</translation>
    </message>
    <message>
        <location filename="../views/card.py" line="273"/>
        <source>Press F1 to call the next visitor.</source>
        <translation>Нажмите F1, чтобы вызвать следующего посетителя.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="68"/>
        <source>%1 (no counter open)</source>
        <translation>%1 (нет открытого окна)</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>No counter serving it is open now: the visitor waits until one opens.</source>
        <translation>Сейчас нет открытых окон по этой услуге: посетитель будет ждать, пока одно из них не откроется.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="58"/>
        <source>Transfer %1</source>
        <translation>Перенаправить %1</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="71"/>
        <source>What the next operator should know</source>
        <translation>Что нужно знать следующему оператору</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="72"/>
        <source>Comes back to me when done there</source>
        <translation>Вернётся ко мне, когда там закончат</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="76"/>
        <source>This visitor already goes back to another counter.</source>
        <translation>Этот посетитель уже возвращается в другое окно.</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="78"/>
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="79"/>
        <source>Counter</source>
        <translation>Окно</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="80"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="86"/>
        <source>Transfer</source>
        <translation>Перенаправить</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="88"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="101"/>
        <source>Any counter</source>
        <translation>Любое окно</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="200"/>
        <source>Close the counter?</source>
        <translation>Закрыть окно?</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="201"/>
        <source>Visitors are still waiting and no other counter serves them:</source>
        <translation>Посетители ещё ждут, и их не обслуживает ни одно другое окно:</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="202"/>
        <source>Close anyway</source>
        <translation>Всё равно закрыть</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="203"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
</TS>
