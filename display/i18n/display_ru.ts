<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../views/calls.py" line="148" />
        <source>Calls to the counters will be shown here</source>
        <translation>Здесь появятся вызовы к окнам</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="158" />
        <source>Earlier calls</source>
        <translation>Ранее вызванные</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="175" />
        <source>Ticket</source>
        <translation>Талон</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="180" />
        <source>Counter</source>
        <translation>Окно</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../views/bars.py" line="34" />
        <source>Connecting to the hall server…</source>
        <translation>Подключение к серверу зала…</translation>
    </message>
    <message>
        <location filename="../views/bars.py" line="35" />
        <source>No connection to the hall server: showing the last information</source>
        <translation>Нет связи с сервером: показаны последние данные</translation>
    </message>
</context>
<context>
    <name>LinesPanel</name>
    <message>
        <location filename="../views/lines.py" line="56" />
        <source>no counter open</source>
        <translation>окна закрыты</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/lines.py" line="59" />
        <source>≈ %n min</source>
        <translation>
            <numerusform>≈ %n мин</numerusform><numerusform>≈ %n мин</numerusform><numerusform>≈ %n мин</numerusform></translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="61" />
        <source>≈ %1 h %2 min</source>
        <translation>≈ %1 ч %2 мин</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="77" />
        <source>Waiting now</source>
        <translation>Сейчас в очереди</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="87" />
        <source>Nobody is waiting</source>
        <translation>Очереди нет</translation>
    </message>
    <message>
        <extracomment>the heading over the number of people waiting for a service</extracomment>
        <source>People</source>
        <translation>Человек</translation>
    </message>
    <message>
        <extracomment>the heading over the estimated wait for a new ticket</extracomment>
        <source>Wait</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="118" />
        <source>suspended today</source>
        <translation>сегодня не работает</translation>
    </message>
</context>
</TS>