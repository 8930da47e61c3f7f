"""When tickets are issued beyond the week's hours: holidays, shortened days, the last ticket
before closing, and a service's tickets for the day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from hallserver.catalogue_file import CatalogueError, demo_catalogue, parse_catalogue
from hallserver.domain.catalogue import DayHours, WeekHours
from hallserver.domain.errors import Conflict, HallClosed
from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId, ServiceId
from tests.conftest import ALMATY, T0, small_catalogue

INDEPENDENCE_DAY = date(2026, 12, 16)  # a Wednesday
NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday, shortened to 09:00-17:00


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ALMATY)


def a_hall(**overrides: object) -> Hall:
    week = {d: DayHours(time(9), time(20)) for d in range(6)}
    dates = {INDEPENDENCE_DAY: None, NEW_YEARS_EVE: DayHours(time(9), time(17))}
    catalogue = small_catalogue(hours=WeekHours(week, dates), **overrides)
    return Hall(catalogue, T0.date())


def test_a_holiday_is_closed_and_says_when_the_hall_opens_again() -> None:
    hall = a_hall()
    with pytest.raises(HallClosed) as refused:
        hall.issue("id-card", at(INDEPENDENCE_DAY, 11))
    assert refused.value.code == "hall_closed"
    assert refused.value.opens_at == at(INDEPENDENCE_DAY + timedelta(days=1), 9)
    assert hall.is_open(at(INDEPENDENCE_DAY - timedelta(days=1), 11))  # the days around it work
    assert hall.tickets == {}


def test_a_shortened_day_closes_early_for_the_hall_and_for_bookings() -> None:
    hall = a_hall()
    hall.issue("id-card", at(NEW_YEARS_EVE, 16, 59))
    with pytest.raises(HallClosed, match="closed"):
        hall.issue("id-card", at(NEW_YEARS_EVE, 17))
    before = at(NEW_YEARS_EVE, 8)
    hall.book("id-card", at(NEW_YEARS_EVE, 16), "ACD123", before, iin=None)
    with pytest.raises(Conflict) as refused:
        hall.book("id-card", at(NEW_YEARS_EVE, 17), "ACD124", before, iin=None)
    assert refused.value.code == "slot_closed"
    a_fortnight_before = before - timedelta(days=15)
    with pytest.raises(Conflict, match="does not serve"):
        hall.book("id-card", at(INDEPENDENCE_DAY, 11), "ACD125", a_fortnight_before, iin=None)


def test_walk_in_tickets_stop_before_closing_and_booked_visitors_still_check_in() -> None:
    hall = a_hall(last_ticket_min=30)
    monday = T0.date()
    hall.book("id-card", at(monday, 19), "ACD123", T0, iin=None)
    hall.issue("id-card", at(monday, 19, 29))
    with pytest.raises(HallClosed) as refused:
        hall.issue("id-card", at(monday, 19, 30))
    assert refused.value.code == "issuing_ended"
    assert refused.value.opens_at == at(monday + timedelta(days=1), 9)  # Tuesday morning
    waiting = len(hall.tickets)
    issued, _ = hall.issue("id-card", at(monday, 19, 35), booking_code="ACD123")
    assert issued.ticket.booking_code == "ACD123" and len(hall.tickets) == waiting + 1


def test_the_last_ticket_follows_a_services_own_closing_and_a_shortened_day() -> None:
    catalogue = small_catalogue(last_ticket_min=30)
    land = catalogue.service(ServiceId("land"))
    assert land is not None
    mornings = WeekHours({d: DayHours(time(9), time(13)) for d in range(5)})
    services = tuple(
        replace(s, hours=mornings) if s.id == "land" else s for s in catalogue.services
    )
    hall = Hall(replace(catalogue, services=services), T0.date())
    hall.issue("land", at(T0.date(), 12, 29))
    with pytest.raises(HallClosed) as refused:
        hall.issue("land", at(T0.date(), 12, 30))
    assert refused.value.code == "issuing_ended"
    hall.issue("id-card", at(T0.date(), 12, 30))  # the hall's other services go on
    shortened = a_hall(last_ticket_min=30)
    with pytest.raises(HallClosed, match="no longer issued"):
        shortened.issue("id-card", at(NEW_YEARS_EVE, 16, 30))


def test_a_services_tickets_for_the_day_run_out_and_booked_visitors_still_check_in() -> None:
    catalogue = small_catalogue()
    services = tuple(replace(s, daily_limit=2) if s.id == "land" else s for s in catalogue.services)
    hall = Hall(replace(catalogue, services=services), T0.date())
    hall.book("land", at(T0.date(), 15), "ACD123", T0, iin=None)
    hall.issue("land", T0)
    hall.issue("land", T0)
    with pytest.raises(HallClosed) as refused:
        hall.issue("land", T0)
    assert refused.value.code == "daily_limit_reached"
    assert refused.value.opens_at == at(T0.date() + timedelta(days=1), 9)
    assert hall.issue("id-card", T0)[0].ticket.number == "A001"  # other services go on
    issued, _ = hall.issue("land", at(T0.date(), 14, 50), booking_code="ACD123")
    assert issued.ticket.number == "L003"
    hall.roll_day(T0.date() + timedelta(days=1), at(T0.date() + timedelta(days=1), 9))
    assert hall.issue("land", at(T0.date() + timedelta(days=1), 9))[0].ticket.number == "L001"


def test_when_a_service_opens_again_is_when_the_hall_and_the_service_both_are() -> None:
    afternoons = WeekHours({d: DayHours(time(14), time(18)) for d in range(6)})
    catalogue = small_catalogue(
        hours=WeekHours(
            {d: DayHours(time(9), time(20)) for d in range(6)},
            {NEW_YEARS_EVE: DayHours(time(9), time(13)), date(2027, 1, 1): None},
        ),
        last_ticket_min=30,
    )
    services = tuple(
        replace(s, hours=afternoons) if s.id == "land" else s for s in catalogue.services
    )
    hall = Hall(replace(catalogue, services=services), T0.date())
    with pytest.raises(HallClosed) as refused:  # the hall closes at 13:00 before land opens
        hall.issue("land", at(NEW_YEARS_EVE, 10))
    assert refused.value.code == "service_closed"
    assert refused.value.opens_at == at(date(2027, 1, 2), 14)  # New Year's Day is closed
    with pytest.raises(HallClosed) as ended:  # a Monday: land until 18:00, tickets to 17:30
        hall.issue("land", at(T0.date(), 17, 30))
    assert ended.value.code == "issuing_ended"
    assert ended.value.opens_at == at(T0.date() + timedelta(days=1), 14)


def test_a_transferred_working_day_keeps_the_hours_of_the_weekday_it_is_worked_as() -> None:
    """Kazakhstan moves days off: a Sunday worked as a Friday keeps a Friday's hours, the hall's
    and those of a service taken Monday to Friday (with a date's own hours alone, the hall
    opened and land plots stayed closed)."""
    sunday, next_friday = T0.date() + timedelta(days=6), T0.date() + timedelta(days=11)
    text = HALL.replace(
        'hours = { mon = "09:00-18:00" }',
        'hours = { mon = "09:00-18:00", fri = "10:00-17:00" }\n'
        f'dates = {{ "{sunday}" = "fri", "{next_friday}" = "closed" }}',
    ).replace('name = { kk = "Х"', 'timezone = "Asia/Almaty"\nname = { kk = "Х"', 1)
    catalogue = parse_catalogue(text + LAND_ON_WEEKDAYS, source="hall.toml")
    hall = Hall(catalogue, sunday)
    assert hall.is_open(at(sunday, 10)) and not hall.is_open(at(sunday, 9, 59))
    issued, _ = hall.issue("land", at(sunday, 11))
    assert issued.ticket.number == "L001"
    assert catalogue.closes_for(catalogue.services[0], at(sunday, 11)) == at(sunday, 16)
    assert catalogue.hours.dates_json()[str(sunday)] == {"opens": "10:00", "closes": "17:00"}
    assert catalogue.hours.dates_json()[str(next_friday)] is None
    assert catalogue.hours.on(sunday + timedelta(days=7)) is None, "the next Sunday rests"


LAND = """
[[group]]
id = "g"
name = { kk = "Т", ru = "Т", en = "G" }
[[service]]
id = "land"
prefix = "L"
group = "g"
name = { kk = "Ж", ru = "З", en = "Land" }
description = { kk = "Ж", ru = "З", en = "Land" }
"""
LAND_ON_WEEKDAYS = (
    LAND
    + """hours = { mon = "09:00-16:00", tue = "09:00-16:00", fri = "09:00-16:00" }
[[counter]]
id = "c1"
number = 1
name = { kk = "1", ru = "1", en = "1" }
main = ["land"]
"""
)


def test_the_demo_hall_keeps_kazakhstans_holidays_and_stops_tickets_at_half_past_seven() -> None:
    catalogue = demo_catalogue()
    assert catalogue.hours.on(INDEPENDENCE_DAY) is None
    assert catalogue.hours.on(date(2027, 3, 22)) is None  # Nauryz
    assert catalogue.hours.next_opening(at(INDEPENDENCE_DAY, 10)) == at(date(2026, 12, 17), 9)
    service = catalogue.services[0]
    assert catalogue.last_ticket_at(service, at(T0.date(), 10)) == at(T0.date(), 19, 30)


HALL = """
[hall]
id = "h"
name = { kk = "Х", ru = "Х", en = "H" }
hours = { mon = "09:00-18:00" }
"""


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            'dates = { "16.12.2026" = "closed" }',
            "[hall] dates: '16.12.2026' is not a date like 2026-12-16",
        ),
        (
            'dates = { "2026-12-31" = "17:00-09:00" }',
            "[hall] dates 2026-12-31: '17:00-09:00': it closes before it opens",
        ),
        (
            'dates = { "2026-12-31" = "shut" }',
            "[hall] dates 2026-12-31: 'shut' is not hours like 09:00-20:00"
            " (or closed, or the weekday it is worked as, like mon)",
        ),
        (
            'dates = { "2027-01-09" = "tue" }',
            "[hall] dates 2027-01-09: worked as tue, but the hall is closed on tue",
        ),
        (
            "last_ticket_min = -5",
            "[hall]: last_ticket_min must be a whole number from 0 to 240, not the number -5",
        ),
        (
            'last_ticket_min = "30"',
            "[hall]: last_ticket_min must be a whole number from 0 to 240, not the text '30'",
        ),
    ],
)
def test_a_mistaken_date_or_last_ticket_names_the_problem(extra: str, problem: str) -> None:
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(HALL.replace("hours = {", f"{extra}\nhours = {{"), source="hall.toml")
    assert str(refused.value) == f"hall.toml: {problem}"


def test_a_weekday_written_closed_says_to_leave_it_out() -> None:
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(HALL.replace('"09:00-18:00"', '"09:00-18:00", sun = "closed"'), source="h")
    assert str(refused.value) == (
        "h: [hall] hours sun: 'closed' is not hours like 09:00-20:00 (leave a closed day out)"
    )


def test_a_daily_limit_that_is_not_a_count_names_its_service() -> None:
    with pytest.raises(CatalogueError, match="service 'land': daily_limit must be a whole number"):
        parse_catalogue(HALL + LAND + "daily_limit = -1\n", source="hall.toml")


@pytest.mark.parametrize(
    ("results", "problem"),
    [
        (
            '[[result]]\nid = "Documents missing"\nname = { kk = "Қ", ru = "Н", en = "M" }',
            "result 'Documents missing': an id is 1-40 lower-case letters, digits or _",
        ),
        ('[[result]]\nid = "done"', "result 'done': name is missing"),
        (
            '[[result]]\nid = "done"\nname = { kk = "Қ", ru = "У", en = "D" }\n' * 2,
            "two visit results have the id 'done'",
        ),
        ('[result]\nid = "done"', "the catalogue: result must be [[result]] tables, not a table"),
        (
            '[[result]]\nid = "not_recorded"\nname = { kk = "Қ", ru = "У", en = "D" }',
            "result 'not_recorded': the reports use that name, choose another",
        ),
    ],
)
def test_a_mistaken_visit_result_names_the_problem(results: str, problem: str) -> None:
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(HALL + results, source="hall.toml")
    assert str(refused.value) == f"hall.toml: {problem}"


def test_the_demo_hall_records_six_results_in_three_languages() -> None:
    results = demo_catalogue().results
    assert [r.id for r in results][:2] == ["done", "documents_missing"] and len(results) == 6
    assert all(r.name.kk and r.name.ru and r.name.en for r in results)


def test_a_line_tells_the_screens_until_when_and_how_many_tickets_are_left() -> None:
    catalogue = small_catalogue(last_ticket_min=30)
    services = tuple(replace(s, daily_limit=2) if s.id == "land" else s for s in catalogue.services)
    hall = Hall(replace(catalogue, services=services), T0.date())
    land = hall.service_queue(ServiceId("land"), T0).to_json()
    assert land["issuing_until"] == at(T0.date(), 19, 30).isoformat()
    assert land["reopens_at"] == at(T0.date() + timedelta(days=1), 9).isoformat()
    assert land["tickets_left"] == 2
    hall.issue("land", T0)
    assert hall.service_queue(ServiceId("land"), T0).tickets_left == 1
    assert hall.service_queue(ServiceId("id-card"), T0).tickets_left is None  # no cap
    hall.roll_day(T0.date() + timedelta(days=1), at(T0.date() + timedelta(days=1), 9))
    tuesday = hall.service_queue(ServiceId("land"), at(T0.date() + timedelta(days=1), 9))
    assert tuesday.issuing_until == at(T0.date() + timedelta(days=1), 19, 30)
    assert tuesday.tickets_left == 2


def test_a_line_not_served_today_says_so_and_when_it_reopens() -> None:
    """Land plots are taken Monday to Friday: on the hall's Saturday the kiosk had offered
    the line (no cut-off, no reopening) and refused the visitor only once they chose it."""
    weekdays = WeekHours({d: DayHours(time(9), time(18)) for d in range(5)})
    catalogue = small_catalogue()
    services = tuple(
        replace(s, hours=weekdays) if s.id == "land" else s for s in catalogue.services
    )
    saturday = T0 + timedelta(days=5)  # T0 is a Monday, 10:00
    hall = Hall(replace(catalogue, services=services), saturday.date())
    land = hall.service_queue(ServiceId("land"), saturday)
    assert land.issuing_until is not None and land.issuing_until <= saturday
    assert land.reopens_at == at(T0.date() + timedelta(days=7), 9)  # Monday
    card = hall.service_queue(ServiceId("id-card"), saturday)  # the hall's own hours: open
    assert card.issuing_until is not None and card.issuing_until > saturday


def test_past_closing_with_no_counter_left_a_service_has_ended_for_today() -> None:
    hall = a_hall()
    monday = T0.date()
    hall.sign_in("c1", OperatorId("op-c1"), at(monday, 10))
    hall.open_counter("c1", at(monday, 10))
    hall.issue("id-card", at(monday, 19))
    card = ServiceId("id-card")
    assert not hall.ended_today(card, at(monday, 20, 10)), "a counter still serves it"
    hall.close_counter("c1", at(monday, 19, 30))
    assert hall.unserved(card) and not hall.ended_today(card, at(monday, 19, 59))  # opens yet
    assert hall.ended_today(card, at(monday, 20)) and hall.ended_today(card, at(monday, 23))
    always = Hall(hall.catalogue, T0.date(), enforce_hours=False)  # a hall open round the clock
    assert not always.ended_today(card, at(monday, 23))
