"""The board's alerts: each appears when its limit passes on the hall clock and clears itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from hallserver.domain.counters import PauseReason
from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId
from hallserver.web.alerts import BoardRules, alerts
from tests.conftest import T0, small_catalogue

RULES = BoardRules()


def hall_with_open_counter(counter: str = "c1") -> Hall:
    hall = Hall(small_catalogue(), T0.date())
    hall.sign_in(counter, OperatorId("aigul"), T0)
    hall.open_counter(counter, T0)
    return hall


def kinds(hall: Hall, now: datetime) -> list[str]:
    return [a.kind for a in alerts(hall, now, RULES)]


def test_a_wait_over_the_target_raises_an_alert_that_clears_when_called() -> None:
    hall = hall_with_open_counter()
    hall.issue("id-card", T0)
    assert "wait_over_target" not in kinds(hall, T0 + timedelta(minutes=15))
    late = T0 + timedelta(minutes=16)
    [alert] = [a for a in alerts(hall, late, RULES) if a.kind == "wait_over_target"]
    assert alert.params == {
        "service_id": "id-card",
        "visitors": 1,
        "longest_min": 16,
        "target_min": 15,
    }
    hall.call_next("c1", late)
    assert "wait_over_target" not in kinds(hall, late)


def test_an_appointment_checked_in_early_waits_from_its_time_for_the_board() -> None:
    hall = hall_with_open_counter()
    slot = T0 + timedelta(hours=1)
    hall.book("birth", slot, "ACD123", T0 - timedelta(days=1), iin=None)
    hall.issue("birth", slot - timedelta(minutes=30), booking_code="ACD123")  # half an hour early
    assert "wait_over_target" not in kinds(hall, slot + timedelta(minutes=10))  # 40 min after
    assert "wait_over_target" in kinds(hall, slot + timedelta(minutes=16))


def test_an_open_counter_idle_while_its_queue_waits_raises_an_alert_after_the_grace() -> None:
    hall = hall_with_open_counter()
    hall.issue("id-card", T0)
    assert "counter_idle" not in kinds(hall, T0 + timedelta(seconds=RULES.idle_grace_s))
    later = T0 + timedelta(seconds=RULES.idle_grace_s + 1)
    assert "counter_idle" in kinds(hall, later)
    hall.call_next("c1", later)
    assert "counter_idle" not in kinds(hall, later)


def test_idleness_counts_from_the_last_visitor_not_from_opening() -> None:
    hall = hall_with_open_counter()
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(ticket.id, T0)
    done = T0 + timedelta(minutes=30)
    hall.finish(ticket.id, done)
    hall.issue("id-card", done)
    assert "counter_idle" not in kinds(hall, done + timedelta(minutes=1))
    assert "counter_idle" in kinds(hall, done + timedelta(minutes=3))


def test_idleness_counts_from_a_visitor_stepping_away_too() -> None:
    hall = hall_with_open_counter()
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(ticket.id, T0)
    away = T0 + timedelta(minutes=30)
    hall.postpone(ticket.id, away, by_counter="c1")
    hall.issue("id-card", away)
    assert "counter_idle" not in kinds(hall, away + timedelta(minutes=1))
    assert "counter_idle" in kinds(hall, away + timedelta(minutes=3))


def test_idleness_counts_from_a_transfer_or_a_requeue_too() -> None:
    for send_on in ("transfer", "requeue"):
        hall = hall_with_open_counter()
        ticket = hall.issue("id-card", T0)[0].ticket
        hall.call_next("c1", T0)
        gone = T0 + timedelta(minutes=30)
        if send_on == "transfer":
            hall.transfer(ticket.id, "birth", gone)
        else:
            hall.requeue(ticket.id, gone)
        hall.issue("id-card", gone)
        assert "counter_idle" not in kinds(hall, gone + timedelta(minutes=1)), send_on
        assert "counter_idle" in kinds(hall, gone + timedelta(minutes=3)), send_on


def test_a_counter_with_nobody_waiting_is_not_idle_for_the_board() -> None:
    hall = hall_with_open_counter()
    assert kinds(hall, T0 + timedelta(hours=2)) == []


def test_a_pause_over_its_reasons_limit_raises_an_alert() -> None:
    hall = hall_with_open_counter()
    hall.pause_counter("c1", PauseReason.BREAK, T0)
    assert kinds(hall, T0 + timedelta(minutes=15)) == []
    assert kinds(hall, T0 + timedelta(minutes=16)) == ["pause_over_limit"]
    hall.pause_counter("c1", PauseReason.LUNCH, T0)  # lunch may last an hour
    assert kinds(hall, T0 + timedelta(minutes=59)) == []
    hall.open_counter("c1", T0 + timedelta(minutes=70))
    assert kinds(hall, T0 + timedelta(minutes=70)) == []


def test_a_visit_far_longer_than_its_service_usually_takes_is_a_warning() -> None:
    hall = hall_with_open_counter()  # an ID card takes 10 minutes: the floor of 20 counts
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    assert kinds(hall, T0 + timedelta(hours=1)) == []  # called, not yet served: not this alert
    hall.start(ticket.id, T0)
    assert kinds(hall, T0 + timedelta(minutes=30)) == []
    [alert] = alerts(hall, T0 + timedelta(minutes=31), RULES)
    assert (alert.kind, alert.severity) == ("long_visit", "warning")
    assert alert.params == {
        "counter_id": "c1",
        "counter_number": 1,
        "number": ticket.number,
        "service_id": "id-card",
        "serving_min": 31,
        "usual_min": 10,
    }
    hall.finish(ticket.id, T0 + timedelta(minutes=32))
    assert kinds(hall, T0 + timedelta(minutes=32)) == []


def test_pause_limits_are_data_the_hall_sets() -> None:
    hall = hall_with_open_counter()
    hall.pause_counter("c1", PauseReason.BREAK, T0)
    strict = BoardRules(pause_limits_min={"break": 5})
    assert [a.kind for a in alerts(hall, T0 + timedelta(minutes=6), strict)] == ["pause_over_limit"]


def test_a_kiosk_out_of_paper_is_an_alert_and_nearly_out_a_warning() -> None:
    hall = hall_with_open_counter()
    hall.report_terminal("Entrance", "kiosk", "paper_out", "", T0)
    hall.report_terminal("Upstairs", "kiosk", "paper_near_end", "", T0)
    hall.report_terminal("Entrance", "display", "none", "", T0)  # another role, same name
    found = {a.key: a.severity for a in alerts(hall, T0, RULES)}
    assert found == {"printer:kiosk:Entrance": "alert", "printer:kiosk:Upstairs": "warning"}
    hall.report_terminal("Entrance", "kiosk", "online", "", T0)
    assert [a.key for a in alerts(hall, T0, RULES)] == ["printer:kiosk:Upstairs"]


def test_a_terminal_silent_past_the_limit_is_gone() -> None:
    hall = hall_with_open_counter()
    hall.report_terminal("Entrance", "kiosk", "online", "", T0)
    assert kinds(hall, T0 + timedelta(seconds=RULES.silent_after_s)) == []
    [alert] = alerts(hall, T0 + timedelta(minutes=3), RULES)
    assert alert.kind == "terminal_silent" and alert.params["silent_min"] == 3
    hall.report_terminal("Entrance", "kiosk", "online", "", T0 + timedelta(minutes=3))
    assert kinds(hall, T0 + timedelta(minutes=3)) == []


def test_alerts_come_before_warnings() -> None:
    hall = hall_with_open_counter()
    hall.report_terminal("A", "kiosk", "paper_near_end", "", T0)
    hall.issue("id-card", T0)
    severities = [a.severity for a in alerts(hall, T0 + timedelta(minutes=1, seconds=59), RULES)]
    assert severities == ["warning"]
    hall.report_terminal("A", "kiosk", "paper_near_end", "", T0 + timedelta(minutes=20))
    severities = [a.severity for a in alerts(hall, T0 + timedelta(minutes=20), RULES)]
    assert severities[-1] == "warning" and set(severities[:-1]) == {"alert"}
