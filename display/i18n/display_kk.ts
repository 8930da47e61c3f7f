<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk">
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../views/calls.py" line="148" />
        <source>Calls to the counters will be shown here</source>
        <translation>Терезелерге шақырулар осында көрсетіледі</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="158" />
        <source>Earlier calls</source>
        <translation>Бұған дейін шақырылғандар</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="175" />
        <source>Ticket</source>
        <translation>Талон</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="180" />
        <source>Counter</source>
        <translation>Терезе</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../views/bars.py" line="34" />
        <source>Connecting to the hall server…</source>
        <translation>Сервермен байланыс орнатылуда…</translation>
    </message>
    <message>
        <location filename="../views/bars.py" line="35" />
        <source>No connection to the hall server: showing the last information</source>
        <translation>Сервермен байланыс жоқ: соңғы мәліметтер көрсетілуде</translation>
    </message>
</context>
<context>
    <name>LinesPanel</name>
    <message>
        <location filename="../views/lines.py" line="56" />
        <source>no counter open</source>
        <translation>ашық терезе жоқ</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/lines.py" line="59" />
        <source>≈ %n min</source>
        <translation>
            <numerusform>≈ %n мин</numerusform><numerusform>≈ %n мин</numerusform></translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="61" />
        <source>≈ %1 h %2 min</source>
        <translation>≈ %1 сағ %2 мин</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="77" />
        <source>Waiting now</source>
        <translation>Кезекте күтуде</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="87" />
        <source>Nobody is waiting</source>
        <translation>Кезекте ешкім жоқ</translation>
    </message>
    <message>
        <extracomment>the heading over the number of people waiting for a service</extracomment>
        <source>People</source>
        <translation>Адам</translation>
    </message>
    <message>
        <extracomment>the heading over the estimated wait for a new ticket</extracomment>
        <source>Wait</source>
        <translation>Күту уақыты</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="118" />
        <source>suspended today</source>
        <translation>бүгін тоқтатылған</translation>
    </message>
</context>
</TS>