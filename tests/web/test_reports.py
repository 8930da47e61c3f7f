"""Reports from the event log: each figure on small scripted logs whose answers are known."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hallserver.domain.events import Event
from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId
from hallserver.reports import LogEvent, build_report, figures, open_counters_by_hour, visits_from
from tests.conftest import ALMATY, T0, small_catalogue

DAY = date(2026, 11, 23)
TARGETS = {"id-card": 15 * 60.0, "birth": 10 * 60.0}


class Log:
    """Writes events the way the hall server logs them, at minutes after 09:00 of DAY."""

    def __init__(self) -> None:
        self.events: list[LogEvent] = []

    def at(self, minute: float) -> datetime:
        return datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY) + timedelta(minutes=minute)

    def add(self, minute: float, type_: str, data: dict[str, Any]) -> None:
        self.events.append(LogEvent(len(self.events) + 1, self.at(minute), type_, data))

    def ticket(self, minute: float, kind: str, number: str, service: str, **extra: Any) -> None:
        ticket = {"id": f"20261123-{number}", "number": number, "service_id": service}
        ticket_keys = (
            "counter_id",
            "operator_id",
            "appointment_at",
            "served_before_s",
            "return_service_id",
        )
        ticket.update({k: v for k, v in extra.items() if k in ticket_keys})
        data: dict[str, Any] = {"ticket": ticket}
        in_ticket_only = ("operator_id", "appointment_at", "served_before_s", "return_service_id")
        data.update({k: v for k, v in extra.items() if k not in in_ticket_only})
        self.add(minute, f"ticket.{kind}", data)

    def served(
        self,
        number: str,
        service: str,
        issued: float,
        called: float,
        started: float,
        finished: float,
        counter: str = "c1",
        operator: str = "aigul",
    ) -> None:
        self.ticket(issued, "issued", number, service)
        self.ticket(called, "called", number, service, counter_id=counter, operator_id=operator)
        self.ticket(started, "started", number, service, counter_id=counter)
        self.ticket(finished, "finished", number, service, counter_id=counter)

    def counter(self, minute: float, counter: str, state: str) -> None:
        self.add(minute, "counter.changed", {"counter": {"id": counter, "state": state}})


def report(log: Log, start: date = DAY, end: date = DAY, now_minute: float = 600) -> Any:
    return build_report(log.events, start, end, ALMATY, TARGETS, now=log.at(now_minute))


def test_a_served_visit_counts_its_wait_and_service_time() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=12, started=13, finished=23)
    overall = report(log).overall
    assert (overall.arrived, overall.called, overall.served) == (1, 1, 1)
    assert overall.average_wait_s == overall.longest_wait_s == 12 * 60
    assert overall.average_service_s == overall.longest_service_s == 10 * 60
    assert overall.service_level == 1.0


def test_an_appointment_checked_in_early_waits_from_its_time() -> None:
    log = Log()
    slot = log.at(30).isoformat()  # 09:30, checked in at 09:05, called at 09:31
    log.ticket(5, "issued", "A001", "id-card", appointment_at=slot)
    log.ticket(31, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(10, "issued", "A002", "id-card", appointment_at=slot)  # came at 09:10 …
    log.ticket(50, "called", "A002", "id-card", counter_id="c1", operator_id="aigul")
    overall = report(log).overall
    assert overall.longest_wait_s == 20 * 60  # … and waited from 09:30, not from 09:10
    assert overall.average_wait_s == (1 + 20) / 2 * 60


def test_time_a_visitor_stepped_away_is_not_service_time() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(1, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(2, "started", "A001", "id-card", counter_id="c1")
    log.ticket(12, "postponed", "A001", "id-card", counter_id="c1")  # 10 min, then to pay
    log.ticket(27, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(27, "started", "A001", "id-card", counter_id="c1")
    log.ticket(29, "finished", "A001", "id-card", counter_id="c1")  # 2 more
    overall = report(log).overall
    assert overall.average_service_s == 12 * 60 and overall.average_wait_s == 60


def test_visitors_left_when_the_day_closed_count_as_not_served() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=5, started=6, finished=10)
    log.ticket(20, "issued", "A002", "id-card")  # still waiting at closing
    log.ticket(30, "issued", "B001", "birth")
    log.ticket(40, "called", "B001", "birth", counter_id="c1", operator_id="aigul")  # never came
    log.ticket(660, "expired", "A002", "id-card")
    log.ticket(660, "expired", "B001", "birth")
    built = report(log, now_minute=700)
    assert (built.overall.arrived, built.overall.served, built.overall.unserved) == (3, 1, 2)
    assert built.by_service["id-card"].unserved == built.by_service["birth"].unserved == 1


def test_visitors_left_on_a_day_before_the_hall_next_ran_count_as_not_served() -> None:
    """Their expiry is logged when the hall next runs: on Monday, after a Saturday with the
    server off, beyond what a report of Saturday reads. They had been in no column."""
    log = Log()
    log.served("A001", "id-card", issued=0, called=5, started=6, finished=10)
    log.ticket(20, "issued", "A002", "id-card")  # waiting at closing; no expiry logged yet
    log.ticket(30, "issued", "B001", "birth")
    log.ticket(40, "called", "B001", "birth", counter_id="c1", operator_id="aigul")
    two_days_on = 2 * 24 * 60 + 60
    built = report(log, now_minute=two_days_on)
    assert (built.overall.arrived, built.overall.served, built.overall.unserved) == (3, 1, 2)
    today = report(log, now_minute=600)  # the same day: still waiting, not yet unserved
    assert today.overall.unserved == 0


def test_a_visitor_sent_to_another_counter_of_their_service_is_one_visit() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(10, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(11, "started", "A001", "id-card", counter_id="c1")
    log.ticket(15, "transferred", "A001", "id-card", from_service_id="id-card")
    log.ticket(31, "called", "A001", "id-card", counter_id="c3", operator_id="daniyar")
    log.ticket(32, "started", "A001", "id-card", counter_id="c3")
    log.ticket(42, "finished", "A001", "id-card", counter_id="c3")
    built = report(log)
    card = built.by_service["id-card"]
    assert (card.arrived, card.served, card.transfers) == (1, 1, 0)
    assert card.longest_wait_s == 10 * 60 and card.service_level == 1.0  # the first wait
    assert card.average_service_s == (4 + 10) * 60  # at both counters
    assert built.by_counter["c3"].served == 1 and built.overall.transfers == 0


def test_averages_and_longest_are_over_the_visits_that_have_them() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=10, started=10, finished=15)
    log.served("A002", "id-card", issued=1, called=21, started=22, finished=37)
    log.ticket(2, "issued", "A003", "id-card")  # still waiting: no wait yet, no service time
    overall = report(log).overall
    assert overall.arrived == 3 and overall.called == 2
    assert overall.average_wait_s == (10 + 20) / 2 * 60 and overall.longest_wait_s == 20 * 60
    assert overall.average_service_s == (5 + 15) / 2 * 60 and overall.longest_service_s == 15 * 60


def test_service_level_is_the_share_of_served_visits_within_the_target() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=15, started=15, finished=20)  # exactly 15
    log.served("A002", "id-card", issued=0, called=16, started=16, finished=20)  # over
    log.served("B001", "birth", issued=0, called=9, started=9, finished=20)  # target 10: within
    log.served("B002", "birth", issued=0, called=11, started=11, finished=20)  # over
    built = report(log)
    assert built.overall.service_level == 2 / 4
    assert built.by_service["id-card"].service_level == 1 / 2
    assert built.by_service["birth"].within_target == 1


def test_no_show_share_is_over_visits_called_at_least_once() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=5, started=5, finished=10)
    log.ticket(1, "issued", "A002", "id-card")
    log.ticket(10, "called", "A002", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(11, "recalled", "A002", "id-card")
    log.ticket(13, "no_show", "A002", "id-card")
    log.ticket(2, "issued", "A003", "id-card")
    log.ticket(3, "cancelled", "A003", "id-card")
    overall = report(log).overall
    assert (overall.no_shows, overall.called, overall.cancelled) == (1, 2, 1)
    assert overall.no_show_share == 0.5


def test_a_transfer_ends_one_visit_and_starts_another_at_the_new_service() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(4, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(5, "started", "A001", "id-card")
    log.ticket(8, "transferred", "A001", "birth", from_service_id="id-card")
    log.ticket(20, "called", "A001", "birth", counter_id="c3", operator_id="daniyar")
    log.ticket(21, "started", "A001", "birth")
    log.ticket(31, "finished", "A001", "birth")
    built = report(log)
    assert built.overall.arrived == 1 and built.overall.transfers == 1
    assert built.by_service["id-card"].transfers == 1 and built.by_service["id-card"].served == 0
    birth = built.by_service["birth"]
    assert (birth.arrived, birth.served) == (1, 1)
    assert birth.longest_wait_s == 12 * 60  # from the transfer, not from the original issue
    assert built.by_counter["c1"].transfers == 1 and built.by_counter["c3"].served == 1
    assert built.by_operator["daniyar"].average_service_s == 10 * 60
    assert built.by_hour[9].arrived == 1  # one visitor came: the transfer is no new arrival


def test_a_visit_sent_there_and_back_is_served_there_and_goes_on_where_it_began() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(4, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(5, "started", "A001", "id-card")
    log.ticket(
        8,
        "transferred",
        "A001",
        "birth",
        from_service_id="id-card",
        returned=False,
        return_service_id="id-card",
    )
    log.ticket(10, "called", "A001", "birth", counter_id="c3", operator_id="daniyar")
    log.ticket(11, "started", "A001", "birth")
    log.ticket(
        16,
        "transferred",
        "A001",
        "id-card",
        from_service_id="birth",
        returned=True,
        result="done",
        served_before_s=180,  # the three minutes at c1 before the fee: that visit goes on
    )
    log.ticket(17, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(18, "started", "A001", "id-card")
    log.ticket(25, "finished", "A001", "id-card")
    built = report(log)
    birth = built.by_service["birth"]
    assert (birth.served, birth.transfers, birth.average_service_s) == (1, 0, 5 * 60)
    assert birth.results == {"done": 1}  # as the cashier recorded it, before sending them back
    id_card = built.by_service["id-card"]  # one visit, gone on when the visitor was back
    assert (id_card.arrived, id_card.served, id_card.transfers) == (1, 1, 0)
    assert id_card.longest_wait_s == 4 * 60  # the wait to the first call, not the one when back
    assert id_card.average_service_s == (3 + 7) * 60
    assert built.overall.arrived == 1 and built.by_operator["daniyar"].served == 1
    assert built.by_operator["aigul"].served == 1


def test_service_at_two_counters_of_a_line_counts_whole_after_a_trip_there_and_back() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(1, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(2, "started", "A001", "id-card")
    log.ticket(7, "transferred", "A001", "id-card", from_service_id="id-card")  # 5 min at c1
    log.ticket(8, "called", "A001", "id-card", counter_id="c2", operator_id="daniyar")
    log.ticket(8, "started", "A001", "id-card")
    log.ticket(10, "transferred", "A001", "birth", return_service_id="id-card")  # 2 at c2
    log.ticket(11, "called", "A001", "birth", counter_id="c3", operator_id="erlan")
    log.ticket(11, "started", "A001", "birth")
    log.ticket(
        14, "transferred", "A001", "id-card", returned=True, result="done", served_before_s=120
    )  # the hall's own carried time forgets c1's five minutes: the report keeps them
    log.ticket(15, "called", "A001", "id-card", counter_id="c2", operator_id="daniyar")
    log.ticket(15, "started", "A001", "id-card")
    log.ticket(16, "finished", "A001", "id-card")  # 1 more
    id_card = report(log).by_service["id-card"]
    assert (id_card.arrived, id_card.served, id_card.transfers) == (1, 1, 0)
    assert id_card.average_service_s == (5 + 2 + 1) * 60


def test_a_visitor_sent_on_from_there_still_comes_back_to_the_visit_they_began() -> None:
    """At births they are sent on to land (a plain transfer: the way back stays), whose
    counter sends them back; another visitor is brought back from there by hand."""
    log = Log()
    for number in ("A001", "A002"):
        log.ticket(0, "issued", number, "id-card")
        log.ticket(4, "called", number, "id-card", counter_id="c1", operator_id="aigul")
        log.ticket(5, "started", number, "id-card")
        log.ticket(8, "transferred", number, "birth", return_service_id="id-card", returned=False)
        log.ticket(10, "called", number, "birth", counter_id="c3", operator_id="daniyar")
    log.ticket(12, "transferred", "A001", "land", return_service_id="id-card", returned=False)
    log.ticket(14, "called", "A001", "land", counter_id="c5", operator_id="erlan")
    log.ticket(18, "transferred", "A001", "id-card", returned=True, served_before_s=180)
    log.ticket(12, "transferred", "A002", "id-card", returned=False, served_before_s=180)
    for number in ("A001", "A002"):
        log.ticket(20, "called", number, "id-card", counter_id="c1", operator_id="aigul")
        log.ticket(21, "started", number, "id-card")
        log.ticket(25, "finished", number, "id-card")
    built = report(log)
    id_card = built.by_service["id-card"]
    assert (id_card.arrived, id_card.served, id_card.transfers) == (2, 2, 0)
    assert id_card.average_service_s == (3 + 4) * 60 and id_card.longest_wait_s == 4 * 60
    birth, land = built.by_service["birth"], built.by_service["land"]
    assert (birth.arrived, birth.served, birth.transfers) == (2, 0, 2)  # sent on, not served
    assert (land.arrived, land.served) == (1, 1)  # served there, and sent back
    assert built.overall.arrived == 2


def test_a_visitor_sent_there_and_back_who_never_comes_back_was_transferred() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(4, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(5, "started", "A001", "id-card")
    log.ticket(8, "transferred", "A001", "birth", return_service_id="id-card", returned=False)
    log.ticket(10, "called", "A001", "birth", counter_id="c3", operator_id="daniyar")
    log.ticket(14, "no_show", "A001", "birth", return_service_id="id-card")
    built = report(log)
    id_card, birth = built.by_service["id-card"], built.by_service["birth"]
    assert (id_card.arrived, id_card.served, id_card.transfers) == (1, 0, 1)
    assert (birth.arrived, birth.served) == (1, 0) and built.overall.arrived == 1


def test_ratings_count_per_grade_with_their_share() -> None:
    log = Log()
    for i, grade in enumerate(["excellent", "excellent", "good", None]):
        number = f"A00{i + 1}"
        log.served(number, "id-card", issued=i, called=10 + i, started=10 + i, finished=15 + i)
        if grade:
            log.add(
                16 + i, "ticket.rated", {"ticket": {"id": f"20261123-{number}"}, "grade": grade}
            )
    overall = report(log).overall
    assert dict(overall.ratings) == {"excellent": 2, "good": 1, "satisfactory": 0}
    assert overall.rated == 3
    assert overall.rating_share("excellent") == pytest.approx(2 / 3)
    assert overall.rating_share("satisfactory") == 0.0


def test_visits_belong_to_the_counter_and_operator_that_called_them_last() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card")
    log.ticket(3, "called", "A001", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(4, "requeued", "A001", "id-card")
    log.ticket(6, "called", "A001", "id-card", counter_id="c2", operator_id="daniyar")
    log.ticket(7, "started", "A001", "id-card")
    log.ticket(9, "finished", "A001", "id-card")
    built = report(log)
    assert list(built.by_counter) == ["c2"] and list(built.by_operator) == ["daniyar"]
    assert built.by_counter["c2"].arrived is None  # arrivals mean nothing for a counter
    assert built.overall.longest_wait_s == 3 * 60  # to the first call


def test_by_hour_groups_visits_by_the_hour_they_started() -> None:
    log = Log()
    log.served("A001", "id-card", issued=10, called=70, started=71, finished=80)  # 09:10
    log.served("A002", "id-card", issued=65, called=75, started=81, finished=90)  # 10:05
    log.served("A003", "id-card", issued=70, called=90, started=91, finished=95)  # 10:10
    built = report(log)
    assert {h: f.arrived for h, f in built.by_hour.items()} == {9: 1, 10: 2}
    assert built.by_hour[10].average_wait_s == (10 + 20) / 2 * 60


def test_only_visits_started_in_the_period_are_counted() -> None:
    log = Log()
    log.served("A001", "id-card", issued=0, called=5, started=5, finished=10)
    log.events.append(
        LogEvent(
            99,
            log.at(0) + timedelta(days=1),
            "ticket.issued",
            {"ticket": {"id": "20261124-A001", "number": "A001", "service_id": "id-card"}},
        )
    )
    assert report(log).overall.arrived == 1
    assert report(log, DAY + timedelta(days=1), DAY + timedelta(days=1)).overall.arrived == 1
    assert report(log, DAY, DAY + timedelta(days=1)).overall.arrived == 2
    assert report(log, DAY - timedelta(days=3), DAY - timedelta(days=1)).overall.arrived == 0


def test_events_of_a_visit_begun_before_the_log_are_ignored() -> None:
    log = Log()
    log.ticket(0, "called", "A009", "id-card", counter_id="c1", operator_id="aigul")
    log.ticket(2, "finished", "A009", "id-card")
    assert visits_from(log.events) == []


def test_open_counters_by_hour_is_time_weighted() -> None:
    log = Log()
    log.counter(0, "c1", "open")  # 09:00
    log.counter(30, "c1", "paused")  # 09:30: paused counts as not open
    log.counter(45, "c1", "open")
    log.counter(0, "c2", "open")
    log.counter(120, "c2", "closed")  # 11:00
    by_hour = open_counters_by_hour(log.events, DAY, DAY, ALMATY, now=log.at(150))
    assert by_hour[9] == pytest.approx(0.5 + 0.25 + 1.0)
    assert by_hour[10] == pytest.approx(2.0)
    assert by_hour[11] == pytest.approx(0.5)  # c1 still open until now, 11:30
    assert 12 not in by_hour


def test_open_counters_average_over_the_days_of_a_period() -> None:
    log = Log()
    log.counter(0, "c1", "open")
    log.counter(60, "c1", "closed")
    two_days = open_counters_by_hour(
        log.events, DAY, DAY + timedelta(days=1), ALMATY, now=log.at(600)
    )
    assert two_days == {9: pytest.approx(0.5)}


def test_a_counter_left_open_when_the_server_stopped_is_open_until_midnight_not_all_night() -> None:
    """The hall server was off for the night: the counters' closing comes with the next day's
    first command, at 08:30; the night's hours were no one's work."""
    log = Log()
    log.counter(9 * 60, "c1", "open")  # 18:00 on the 23rd
    next_morning = 23.5 * 60  # 08:30 on the 24th
    log.add(next_morning, "day.opened", {"day": "2026-11-24"})
    log.add(next_morning, "counter.changed", {"counter": {"id": "c1", "state": "closed"}})
    log.counter(next_morning + 30, "c1", "open")  # 09:00
    second = DAY + timedelta(days=1)
    by_hour = open_counters_by_hour(log.events, second, second, ALMATY, now=log.at(26 * 60))
    assert by_hour == {9: pytest.approx(1.0), 10: pytest.approx(1.0)}  # until now, 11:00
    first = open_counters_by_hour(log.events, DAY, DAY, ALMATY, now=log.at(26 * 60))
    assert first == {h: pytest.approx(1.0) for h in range(18, 24)}


def test_open_counters_by_hour_count_real_hours_across_a_clock_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # 2026-10-25 03:00 CEST became 02:00 CET
    opened = datetime(2026, 10, 25, 1, 30, tzinfo=berlin)
    closed = datetime(2026, 10, 25, 3, 30, tzinfo=berlin)  # 3 real hours later
    events = [
        LogEvent(1, opened, "counter.changed", {"counter": {"id": "c1", "state": "open"}}),
        LogEvent(2, closed, "counter.changed", {"counter": {"id": "c1", "state": "closed"}}),
    ]
    day = date(2026, 10, 25)
    by_hour = open_counters_by_hour(events, day, day, berlin, now=closed)
    assert sum(by_hour.values()) == pytest.approx(3.0)
    assert by_hour[2] == pytest.approx(2.0)  # the 02:00 hour came twice


def test_figures_of_nothing_are_empty_not_zero_divisions() -> None:
    empty = figures([], TARGETS)
    assert empty.arrived == 0 and empty.no_show_share is None and empty.service_level is None
    assert empty.average_wait_s is None and empty.rating_share("good") is None


def test_a_report_reads_the_log_once_and_keeps_none_of_it() -> None:
    """A year's log does not fit in memory: the report keeps visits, never the events."""
    log = Log()
    log.counter(0, "c1", "open")
    for n in range(1, 21):
        log.served(f"A{n:03d}", "id-card", issued=n, called=n + 5, started=n + 6, finished=n + 9)
    log.counter(60, "c1", "closed")
    kept: list[weakref.ref[LogEvent]] = []

    def reading() -> Iterator[LogEvent]:
        for event in log.events:
            copy = LogEvent(event.seq, event.at, event.type, copy_data(event.data))
            # the one before this is still in the reader's loop variable; none older may be
            assert all(seen() is None for seen in kept[:-1]), "an older event is still held"
            kept.append(weakref.ref(copy))
            yield copy
            del copy

    once = build_report(reading(), DAY, DAY, ALMATY, TARGETS, now=log.at(600))
    assert once == report(log)
    assert once.overall.served == 20


def copy_data(data: Any) -> Any:
    return {k: copy_data(v) if isinstance(v, dict) else v for k, v in data.items()}


def test_served_visits_count_by_the_result_the_operator_recorded() -> None:
    log = Log()
    for i, result in enumerate(["done", "missing", "done", None]):
        number = f"A00{i + 1}"
        log.served(number, "id-card", issued=i, called=10 + i, started=10 + i, finished=15 + i)
        if result is not None:  # the finish event carries the ticket with its result
            log.events[-1].data["ticket"]["result"] = result
    log.ticket(20, "issued", "B001", "birth")
    log.ticket(21, "called", "B001", "birth", counter_id="c1")
    log.ticket(25, "no_show", "B001", "birth")  # not served: no result, not "not recorded"
    built = report(log)
    assert dict(built.overall.results) == {"done": 2, "missing": 1}
    assert built.overall.not_recorded == 1
    assert dict(built.by_service["birth"].results) == {} and built.by_service["birth"].served == 0
    assert built.by_operator["aigul"].results == {"done": 2, "missing": 1}


def test_the_hall_own_events_of_a_visit_sent_there_and_back_make_one_visit_where_it_began() -> None:
    """The same story as the scripted one, from the events the hall itself writes."""
    hall = Hall(small_catalogue(), T0.date())
    events: list[LogEvent] = []

    def log(at: datetime, written: list[Event]) -> None:
        events.extend(LogEvent(len(events) + 1, at, e.type, e.data) for e in written)

    for counter in ("c1", "c3"):
        log(T0, hall.sign_in(counter, OperatorId(f"op-{counter}"), T0))
        log(T0, hall.open_counter(counter, T0))
    issued, written = hall.issue("id-card", T0)
    log(T0, written)
    ticket = issued.ticket
    for minute, act in [
        (4, lambda at: hall.call_next("c1", at)[1]),
        (5, lambda at: hall.start(ticket.id, at)[1]),
        (8, lambda at: hall.transfer(ticket.id, "birth", at, come_back=True)[1]),
        (10, lambda at: hall.call_next("c3", at)[1]),
        (11, lambda at: hall.start(ticket.id, at)[1]),
        (16, lambda at: hall.finish(ticket.id, at)[1]),  # sent back to c1
        (17, lambda at: hall.call_next("c1", at)[1]),
        (18, lambda at: hall.start(ticket.id, at)[1]),
        (25, lambda at: hall.finish(ticket.id, at)[1]),
    ]:
        at = T0 + timedelta(minutes=minute)
        log(at, act(at))
    visits = visits_from(events)
    assert [(v.service_id, v.outcome) for v in visits] == [
        ("id-card", "finished"),
        ("birth", "finished"),
    ]
    id_card = visits[0]
    assert (id_card.wait_s, id_card.service_s, id_card.counter_id) == (4 * 60, 10 * 60, "c1")


def test_a_visit_is_judged_by_the_target_it_started_under_not_todays() -> None:
    """A supervisor who raises a target in December does not change November's service level."""
    hall = Hall(small_catalogue(), T0.date())
    events: list[LogEvent] = []

    def log(at: datetime, written: list[Event]) -> None:
        events.extend(LogEvent(len(events) + 1, at, e.type, e.data) for e in written)

    log(T0, hall.sign_in("c1", OperatorId("op-c1"), T0))
    log(T0, hall.open_counter("c1", T0))
    strict = replace(hall.service("id-card"), target_wait_min=5)
    log(T0, hall.revise_service(strict))
    first, written = hall.issue("id-card", T0)
    log(T0, written)
    log(T0, hall.revise_service(replace(strict, target_wait_min=30)))  # later, more lenient
    second, written = hall.issue("id-card", T0)
    log(T0, written)
    for minute, ticket in ((10, first.ticket), (11, second.ticket)):  # both waited 10 min+
        at = T0 + timedelta(minutes=minute)
        log(at, hall.call_next("c1", at)[1])
        log(at, hall.start(ticket.id, at)[1])
        log(at, hall.finish(ticket.id, at)[1])
    today = {"id-card": 60 * 60.0}  # today's catalogue would call both within target
    built = build_report(events, T0.date(), T0.date(), ALMATY, today, now=T0 + timedelta(hours=1))
    assert built.by_service["id-card"].served == 2
    assert built.by_service["id-card"].within_target == 1  # the first's 5 min target was missed


def test_a_transferred_visit_is_judged_by_its_new_service_target_then() -> None:
    log = Log()
    log.ticket(0, "issued", "A001", "id-card", target_wait_min=15)
    log.ticket(8, "transferred", "A001", "birth", from_service_id="id-card", target_wait_min=3)
    log.ticket(13, "called", "A001", "birth", counter_id="c3", operator_id="daniyar")
    log.ticket(14, "started", "A001", "birth")
    log.ticket(20, "finished", "A001", "birth")
    log.served("B001", "birth", issued=0, called=4, started=4, finished=6)  # old log: no target
    built = report(log)  # TARGETS gives birth 10 min: both would be within it
    assert built.by_service["birth"].served == 2
    assert built.by_service["birth"].within_target == 1
