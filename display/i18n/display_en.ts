<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CallsPanel</name>
    <message>
        <location filename="../views/calls.py" line="148" />
        <source>Calls to the counters will be shown here</source>
        <translation>Calls to the counters will be shown here</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="158" />
        <source>Earlier calls</source>
        <translation>Earlier calls</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="175" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../views/calls.py" line="180" />
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../views/bars.py" line="34" />
        <source>Connecting to the hall server…</source>
        <translation>Connecting to the hall server…</translation>
    </message>
    <message>
        <location filename="../views/bars.py" line="35" />
        <source>No connection to the hall server: showing the last information</source>
        <translation>No connection to the hall server: showing the last information</translation>
    </message>
</context>
<context>
    <name>LinesPanel</name>
    <message>
        <location filename="../views/lines.py" line="56" />
        <source>no counter open</source>
        <translation>no counter open</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/lines.py" line="59" />
        <source>≈ %n min</source>
        <translation>
            <numerusform>≈ %n min</numerusform><numerusform>≈ %n min</numerusform></translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="61" />
        <source>≈ %1 h %2 min</source>
        <translation>≈ %1 h %2 min</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="77" />
        <source>Waiting now</source>
        <translation>Waiting now</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="87" />
        <source>Nobody is waiting</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <extracomment>the heading over the number of people waiting for a service</extracomment>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <extracomment>the heading over the estimated wait for a new ticket</extracomment>
        <source>Wait</source>
        <translation>Wait</translation>
    </message>
    <message>
        <location filename="../views/lines.py" line="118" />
        <source>suspended today</source>
        <translation>suspended today</translation>
    </message>
</context>
</TS>