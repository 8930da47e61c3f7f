"""Which ticket a counter calls next: tables of waiting tickets and the expected pick."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hallserver.domain.catalogue import Level
from hallserver.domain.counters import Counter, CounterState
from hallserver.domain.ids import CounterId, ServiceId, TicketId
from hallserver.domain.routing import HallPolicy, WaitingLanes, Why
from hallserver.domain.tickets import Priority, Ticket
from tests.conftest import T0, small_catalogue, t

SERVICES = {s.id: s for s in small_catalogue().services}


def ticket(
    number: str,
    service: str,
    minutes_ago: float,
    *,
    priority: Priority = Priority.REGULAR,
    appointment_in: float | None = None,
    target: str | None = None,
) -> Ticket:
    order = int(number[1:])
    return Ticket(
        id=TicketId(number),
        number=number,
        service=ServiceId(service),
        issued_at=T0 - timedelta(minutes=minutes_ago),
        priority=priority,
        appointment_at=(T0 + timedelta(minutes=appointment_in))
        if appointment_in is not None
        else None,
        target_counter=CounterId(target) if target else None,
        order=order,
    )


def counter(profile: dict[str, Level], *, streak: int = 0, counter_id: str = "c1") -> Counter:
    return Counter(
        id=CounterId(counter_id),
        number=1,
        name=t("Counter"),
        profile={ServiceId(s): level for s, level in profile.items()},
        state=CounterState.OPEN,
        priority_streak=streak,
    )


def pick(tickets: list[Ticket], at_counter: Counter, now: datetime = T0) -> tuple[str, Why] | None:
    lanes = WaitingLanes()
    for item in tickets:
        lanes.add(item)
    chosen = HallPolicy().pick(lanes, at_counter, SERVICES, now, priority_streak_cap=2)
    return (chosen.ticket.number, chosen.why) if chosen else None


MAIN_ID = {"id-card": Level.MAIN}
MAIN_BOTH = {"id-card": Level.MAIN, "birth": Level.MAIN}
ID_WITH_BIRTH_BACKUP = {"id-card": Level.MAIN, "birth": Level.BACKUP}


@pytest.mark.parametrize(
    ("waiting", "profile", "streak", "expected"),
    [
        pytest.param([], MAIN_ID, 0, None, id="nobody waits"),
        pytest.param(
            [ticket("A002", "id-card", 3), ticket("A001", "id-card", 5)],
            MAIN_ID,
            0,
            ("A001", Why.LONGEST_WAIT),
            id="first come first served",
        ),
        pytest.param(
            [ticket("L001", "land", 50)],
            MAIN_ID,
            0,
            None,
            id="services outside the profile are never called",
        ),
        pytest.param(
            [ticket("A001", "id-card", 5), ticket("B001", "birth", 9)],
            MAIN_BOTH,
            0,
            ("B001", Why.LONGEST_WAIT),
            id="the longest wait across main services",
        ),
        pytest.param(
            [
                ticket("A001", "id-card", 20),
                ticket("A002", "id-card", 1, priority=Priority.DISABLED),
            ],
            MAIN_ID,
            0,
            ("A002", Why.PRIORITY),
            id="priority before regular",
        ),
        pytest.param(
            [
                ticket("A001", "id-card", 20),
                ticket("A002", "id-card", 1, priority=Priority.ELDERLY),
            ],
            MAIN_ID,
            2,
            ("A001", Why.LONGEST_WAIT),
            id="the priority cap lets a regular visitor through",
        ),
        pytest.param(
            [ticket("A002", "id-card", 1, priority=Priority.PREGNANT)],
            MAIN_ID,
            2,
            ("A002", Why.PRIORITY),
            id="the cap does not hold priority back when no regular waits",
        ),
        pytest.param(
            [
                ticket("A001", "id-card", 30, priority=Priority.VETERAN),
                ticket("A002", "id-card", 1, appointment_in=-1),
            ],
            MAIN_ID,
            0,
            ("A002", Why.APPOINTMENT),
            id="a due appointment goes first",
        ),
        pytest.param(
            [ticket("A001", "id-card", 5), ticket("A002", "id-card", 1, appointment_in=20)],
            MAIN_ID,
            0,
            ("A001", Why.LONGEST_WAIT),
            id="an appointment is not due before its slot",
        ),
        pytest.param(
            [ticket("A002", "id-card", 1, appointment_in=20)],
            MAIN_ID,
            0,
            ("A002", Why.EARLY_APPOINTMENT),
            id="an idle counter may take an early appointment",
        ),
        pytest.param(
            [ticket("B001", "birth", 10)],
            ID_WITH_BIRTH_BACKUP,
            0,
            None,
            id="backup services wait until their target passes",
        ),
        pytest.param(
            [ticket("B001", "birth", 16), ticket("A001", "id-card", 5)],
            ID_WITH_BIRTH_BACKUP,
            0,
            ("B001", Why.BACKUP),
            id="a backup service past its target wait is helped",
        ),
        pytest.param(
            [ticket("A001", "id-card", 9, target="c2"), ticket("A002", "id-card", 3)],
            MAIN_ID,
            0,
            ("A002", Why.LONGEST_WAIT),
            id="a ticket sent to another counter is left for it",
        ),
        pytest.param(
            [ticket("A001", "id-card", 3, target="c1"), ticket("A002", "id-card", 9)],
            MAIN_ID,
            0,
            ("A002", Why.LONGEST_WAIT),
            id="a ticket sent here still waits its turn",
        ),
    ],
)
def test_policy_picks(
    waiting: list[Ticket], profile: dict[str, Level], streak: int, expected: tuple[str, Why] | None
) -> None:
    assert pick(waiting, counter(profile, streak=streak)) == expected


def test_transferred_ticket_keeps_its_place_by_issue_time() -> None:
    early = ticket("A001", "birth", 40)  # issued for id-card long ago, then moved to birth
    late = ticket("B003", "birth", 5)
    assert pick([late, early], counter({"birth": Level.MAIN})) == ("A001", Why.LONGEST_WAIT)
