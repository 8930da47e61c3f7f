"""The kiosk's logic without Qt: the citizen flow, the hall state, rating and accessibility."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from hallserver.protocol import (
    HallEvent,
    HallView,
    QueueEntry,
    ServiceView,
    Snapshot,
    TicketView,
)
from kiosk.accessibility import Screen as PhysicalScreen
from kiosk.accessibility import contrast, hex_rgb
from kiosk.flow import CitizenFlow, Screen
from kiosk.hallstate import HallState
from kiosk.issuing import SlipWords, make_slip
from kiosk.rating_flow import RatingFlow, RatingScreen

T = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def service(sid: str, kk: str, ru: str, en: str) -> ServiceView:
    return ServiceView(
        id=sid, prefix=sid[0].upper(), name={"kk": kk, "ru": ru, "en": en}, description={}
    )


@pytest.fixture
def state() -> HallState:
    hall = HallState()
    hall.set_services(
        [
            service(
                "passport", "Шетелге шығуға арналған төлқұжат", "Паспорт для выезда", "Passport"
            ),
            service(
                "birth", "Баланың туылуын тіркеу", "Регистрация рождения", "Birth registration"
            ),
            service("land", "Жер учаскесі", "Земельный участок", "Land plot"),
        ]
    )
    return hall


def test_search_finds_a_service_by_its_name_in_any_language(state: HallState) -> None:
    assert [s.id for s in state.search("пасп", "kk")] == ["passport"]
    assert [s.id for s in state.search("төлқ", "en")] == ["passport"]
    assert [s.id for s in state.search("BIRTH", "ru")] == ["birth"]
    assert state.search("   ", "kk") == []


def test_popular_services_follow_the_halls_list_then_todays_tickets(state: HallState) -> None:
    state.issued_today["land"] = 3
    assert [s.id for s in state.popular(2)] == ["land", "passport"]
    ranked = HallState(popular=("birth",))
    ranked.set_services(state.services.values())
    assert [s.id for s in ranked.popular(1)] == ["birth"]


def test_a_wrong_iin_is_explained_and_nothing_is_sent(state: HallState) -> None:
    flow = CitizenFlow(state)
    flow.set_online(True)
    flow.open_checkin()
    for key in "90010130000":
        flow.press_key(key)
    assert flow.submit_checkin() is None and flow.entry_problem == "length"
    flow.press_key("5")  # 900101300005: the check digit is 7
    assert flow.submit_checkin() is None and flow.entry_problem == "checksum"
    flow.erase_key()
    flow.press_key("7")
    request = flow.submit_checkin()
    assert request is not None and request.iin == "900101300007" and flow.entry_problem is None


def test_the_pad_takes_only_what_an_iin_or_a_booking_code_can_hold(state: HallState) -> None:
    flow = CitizenFlow(state)
    for key in "12a3456789012345":
        flow.press_key(key)
    assert flow.entry == "123456789012"
    flow.checkin_with("code")
    for key in "ab0c1d3e4f5":
        flow.press_key(key)
    assert flow.entry == "ACD3E4"  # no B, 0 or 1 in a code, and six at most


def test_nothing_is_issued_while_offline_or_when_the_service_is_suspended(state: HallState) -> None:
    flow = CitizenFlow(state)
    flow.choose_language("ru")
    flow.open_service("passport")
    assert flow.take_ticket() is None
    flow.set_online(True)
    state.set_queue([QueueEntry("passport", 0, 0, 1, 0, suspended=True)])
    assert flow.take_ticket() is None
    state.set_queue([QueueEntry("passport", 0, 0, 1, 0)])
    request = flow.take_ticket()
    assert request is not None and request.language == "ru" and request.service_id == "passport"
    assert flow.take_ticket() is None  # one tap, one ticket


def test_a_hall_closed_refusal_shows_when_it_opens(state: HallState) -> None:
    from hallserver.protocol import HallView

    state.set_hall(HallView("h", {"en": "Hall"}, "Asia/Almaty", "2026-11-23", T, open=True))
    flow = CitizenFlow(state)
    flow.set_online(True)
    flow.choose_language("en")
    flow.open_service("land")
    assert flow.take_ticket() is not None
    flow.refused("hall_closed", T.replace(hour=9))
    assert flow.screen is Screen.CLOSED and state.opens_at == T.replace(hour=9)


def test_back_and_start_over_walk_the_path_the_visitor_came(state: HallState) -> None:
    flow = CitizenFlow(state)
    flow.start_priority()
    flow.choose_priority("pregnant")
    flow.open_groups()
    flow.back()
    assert flow.screen is Screen.HOME and flow.priority == "pregnant"
    flow.back()
    flow.back()
    assert flow.screen is Screen.WELCOME and flow.priority is None
    flow.choose_language("en")
    flow.reset()
    assert (flow.screen, flow.language) == (Screen.WELCOME, "kk")


def ticket_event(seq: int, kind: str, number: str, counter: str | None) -> HallEvent:
    data = TicketView("t-" + number, number, "passport", "x", T, counter_id=counter)
    raw = {
        "id": data.id,
        "number": number,
        "service_id": "passport",
        "status": "serving",
        "issued_at": T.isoformat(),
        "counter_id": counter,
    }
    return HallEvent(seq, kind, T, "test", {"ticket": raw})


def test_rating_asks_once_when_this_counter_finishes_and_not_for_others() -> None:
    flow = RatingFlow("c1")
    assert not flow.apply_event(ticket_event(1, "ticket.called", "B001", "c2"))
    assert flow.apply_event(ticket_event(2, "ticket.called", "A001", "c1"))
    assert flow.screen is RatingScreen.SERVING and flow.current is not None
    assert flow.rate("good") is None  # nobody is asked yet
    assert flow.apply_event(ticket_event(3, "ticket.finished", "A001", "c1"))
    assert flow.screen is RatingScreen.ASKING
    assert flow.rate("excellent") == ("t-A001", "excellent")
    assert flow.rate("good") is None and flow.screen is RatingScreen.THANKS
    flow.thanks_over()
    assert flow.screen is RatingScreen.WAITING


def test_a_visitor_who_steps_away_leaves_the_rating_screen_waiting() -> None:
    flow = RatingFlow("c1")
    flow.apply_event(ticket_event(1, "ticket.started", "A001", "c1"))
    assert flow.screen is RatingScreen.SERVING
    assert flow.apply_event(ticket_event(2, "ticket.postponed", "A001", "c1"))
    assert flow.screen is RatingScreen.WAITING and flow.current is None


def test_no_answer_records_nothing() -> None:
    flow = RatingFlow("c1")
    flow.apply_event(ticket_event(1, "ticket.finished", "A001", "c1"))
    flow.no_answer()
    assert flow.screen is RatingScreen.WAITING and flow.rate("good") is None


def test_fifteen_millimetres_on_a_21_inch_full_hd_kiosk_is_61_pixels() -> None:
    assert PhysicalScreen(21.5, 1920, 1080).min_touch_px == 61
    assert PhysicalScreen(24, 1080, 1920).min_touch_px == 55


def test_contrast_is_measured_as_wcag_does() -> None:
    assert contrast(hex_rgb("#000000"), hex_rgb("#FFFFFF")) == pytest.approx(21)
    assert contrast(hex_rgb("#777777"), hex_rgb("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


def test_a_lost_tickets_number_is_read_as_the_hall_prints_it(state: HallState) -> None:
    from hallserver.protocol import HallView
    from kiosk.consultant_flow import ConsultantFlow

    state.set_services([*state.services.values(), service("бала", "Бала", "Дети", "Children")])
    state.hall = HallView("h", {"en": "Hall"}, "Asia/Almaty", "2026-11-23", T, True)
    flow = ConsultantFlow(state)
    flow.online = True
    # a Cyrillic P typed for the Latin prefix P; the hall's own Cyrillic prefix Б as it is
    assert flow.copy_request(" р017 ") == "20261123-P017"
    flow.busy = False
    assert flow.copy_request("б002") == "20261123-Б002"
    assert flow.copy_request("Б003") is None and flow.problem == "busy"  # a double tap
    flow.busy = False
    for typed in ("17", "PP17", "P1", "P0171234"):
        assert flow.copy_request(typed) is None and flow.problem == "number_format", typed
    flow.print_here = False
    assert flow.copy_request("P017") is None and flow.problem == "no_printing"
    flow.print_here, flow.online = True, False
    assert flow.copy_request("P017") is None and flow.problem == "offline"
    opened = HallEvent(
        seq=9, type="day.opened", at=T, actor="admin:system", data={"day": "2026-11-24"}
    )
    state.apply_event(opened)
    flow.online = True
    assert flow.copy_request("P001") == "20261124-P001"  # after midnight: the new day's


def test_a_line_is_unserved_only_with_no_counter_open_or_paused(state: HallState) -> None:
    state.set_queue(
        [
            QueueEntry("passport", 2, 60, 0, 1200),  # before 9:00
            QueueEntry("id-card", 2, 60, 0, 1200, paused_counters=1),  # at lunch
            QueueEntry("pension", 2, 60, 1, 1200),
        ]
    )
    assert state.unserved() == {"passport"}
    raw = {"service_id": "x", "waiting": 0, "open_counters": 0, "estimated_wait_s": 0}
    assert QueueEntry.from_json(raw).unserved, "an older server's entry reads as before"
    assert not QueueEntry.from_json({**raw, "paused_counters": 2}).unserved


def test_the_slip_tells_a_place_only_to_a_visitor_waiting_in_a_line() -> None:
    at = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    waiting = TicketView("t1", "A001", "passport", "waiting", at, priority="elderly")
    words = SlipWords("Wait for your number")

    def slip(ticket: TicketView, unserved: bool = False) -> tuple[bool, bool, bool]:
        made = make_slip(ticket, {}, {"en": "Hall"}, words, "en", unserved=unserved)
        return made.in_line, made.priority, made.unserved

    assert slip(waiting) == (True, True, False)
    assert slip(waiting, unserved=True) == (True, True, True)
    called = TicketView("t1", "A001", "passport", "called", at, counter_number=3)
    assert slip(called) == (False, False, False), "a copy printed after the call"
    booked = TicketView("t2", "A002", "passport", "waiting", at, appointment_at=at)
    assert slip(booked)[0] is False, "the slot's time is the promise"
    late = TicketView(
        "t3", "A003", "passport", "waiting", at, appointment_at=at, late_for_appointment=True
    )
    assert slip(late)[0] is True, "late: a regular visitor in the line"


def test_why_a_service_issues_no_ticket_is_one_answer_for_its_tile_and_its_button(
    state: HallState,
) -> None:
    state.set_hall(HallView("h", {"en": "Hall"}, "Asia/Almaty", "2026-11-23", T, open=True))
    state.set_queue(
        [
            QueueEntry("passport", 0, 0, 1, 0, suspended=True),
            QueueEntry("birth", 0, 0, 1, 0, tickets_left=0),  # the daily limit reached
            QueueEntry("land", 0, 0, 1, 0, tickets_left=3),
        ]
    )
    assert [state.not_issuing(s) for s in ("passport", "birth", "land")] == [
        "suspended",
        "stopped",
        None,
    ]
    flow = CitizenFlow(state)
    flow.set_online(True)
    flow.choose_language("en")
    for service_id in ("passport", "birth", "land"):
        flow.open_service(service_id)
        assert flow.can_issue() is (state.not_issuing(service_id) is None)


def test_a_service_revised_while_the_services_are_read_keeps_its_revision(
    state: HallState,
) -> None:
    """The kiosk asks for the services with each snapshot; a fee changed on the board while
    that read is under way arrives as an event first, and the older answer must not undo it."""
    hall = HallView("h", {"en": "Hall"}, "Asia/Almaty", "2026-11-23", T, open=True)
    state.apply_snapshot(Snapshot(seq=7, hall=hall, queue=(), counters=(), tickets=()))
    old = state.services["passport"]
    read_before_the_edit = list(state.services.values())
    revised = replace(old, fee={"kk": "4 325 ₸", "ru": "4 325 ₸", "en": "4,325 ₸"})
    view = {"id": "passport", "prefix": "P", "name": revised.name, "description": {}}
    state.apply_event(
        HallEvent(
            8,
            "service.changed",
            T,
            "test",
            {"service_id": "passport", "service": {**view, "fee": revised.fee}},
        )
    )
    state.apply_event(
        HallEvent(9, "service.changed", T, "test", {"service_id": "birth", "suspended": True})
    )
    state.set_services(read_before_the_edit)
    assert state.services["passport"].fee == revised.fee
    assert state.services["birth"].suspended
    assert list(state.services) == ["passport", "birth", "land"]
    # the next read, with nothing revised meanwhile, is taken whole (a restart's new catalogue)
    state.apply_snapshot(Snapshot(seq=9, hall=hall, queue=(), counters=(), tickets=()))
    state.set_services(read_before_the_edit[:2])
    assert state.services["passport"] == old and "land" not in state.services


def test_a_service_suspended_while_the_services_are_read_keeps_the_reads_words(
    state: HallState,
) -> None:
    """A suspension carries no words: the read's newer name stays, suspended."""
    hall = HallView("h", {"en": "Hall"}, "Asia/Almaty", "2026-11-23", T, open=True)
    state.apply_snapshot(Snapshot(seq=7, hall=hall, queue=(), counters=(), tickets=()))
    suspended = {"service_id": "birth", "suspended": True}
    state.apply_event(HallEvent(8, "service.changed", T, "test", suspended))
    renamed = service("birth", "Туу", "Рождение", "Births (renamed after a restart)")
    state.set_services([renamed])
    assert state.services["birth"] == replace(renamed, suspended=True)


def test_a_consultants_ticket_left_unanswered_is_asked_for_again_under_its_key(
    state: HallState,
) -> None:
    """As at the citizen's kiosk: a second tap after "cannot reach the server" had made a
    second ticket, and the first, issued, was in nobody's list to cancel."""
    from kiosk.consultant_flow import ConsultantFlow

    flow = ConsultantFlow(state)
    flow.online = True
    flow.select("passport")
    first = flow.issue_request("ru")
    assert first is not None
    flow.refused("unreachable")
    again = flow.issue_request("ru")
    assert again is not None and again.request_id == first.request_id
    flow.ticket_issued(TicketView("t1", "P001", "passport", "waiting", T))
    flow.select("passport")
    fresh = flow.issue_request("ru")
    assert fresh is not None and fresh.request_id != first.request_id, "a new tap, a new key"
    flow.ticket_issued(TicketView("t2", "P002", "passport", "waiting", T))
    flow.refused("unreachable")  # a cancel's answer lost: no ticket request was on its way
    flow.select("passport")
    third = flow.issue_request("ru")
    assert third is not None and third.request_id not in (first.request_id, fresh.request_id)


def test_the_consultant_checks_in_a_code_or_an_iin_typed_in_groups(state: HallState) -> None:
    from kiosk.consultant_flow import ConsultantFlow

    flow = ConsultantFlow(state)
    flow.online = True
    by_iin = flow.checkin_request("900101 300007", "ru")
    assert by_iin is not None and by_iin.iin == "900101300007", flow.problem
    flow.busy = False
    by_code = flow.checkin_request("k77-h9p", "ru")
    assert by_code is not None and by_code.appointment_code == "K77H9P", flow.problem


def demo_state() -> HallState:
    """The demo hall's services, as the server sends them."""
    from hallserver.catalogue_file import demo_catalogue

    catalogue = demo_catalogue()
    demo = HallState()
    demo.set_services(
        [ServiceView.from_json(catalogue.service_json(s, False)) for s in catalogue.services]
    )
    return demo


@pytest.mark.parametrize(
    ("language", "typed", "wanted"),
    [
        ("ru", "куалик", "id-card"),  # Kazakh without its letters: the keyboard has none
        ("ru", "жеке куалик", "id-card"),
        ("en", "зейнетакы", "pension"),
        ("ru", "сотталмагандыгы", "criminal-record"),
        ("kk", "сотталмағандығы", "criminal-record"),
        ("ru", "удостоверения", "id-card"),  # an inflection: not the driving licence's alone
        ("ru", "удостоверние", "id-card"),  # a typo
        ("ru", "несудимост", "criminal-record"),
        ("ru", "справка о несудимости", "criminal-record"),
        ("ru", "прописка", "residence-registration"),  # everyday words, in the description
        ("ru", "права", "driving-licence"),
        ("ru", "водительское", "driving-licence"),
        ("ru", "машина", "vehicle-registration"),
        ("en", "pasport", "passport"),
        ("en", "license", "driving-licence"),
        ("kk", "некe", "marriage-registration"),  # a Latin e in a Cyrillic word
        ("kk", "КУӘЛІК", "id-card"),
        ("ru", "ЭЦП", "digital-signature"),
    ],
)
def test_search_finds_what_visitors_type_first(language: str, typed: str, wanted: str) -> None:
    found = [s.id for s in demo_state().search(typed, language)]
    assert found[:1] == [wanted], found


def test_search_finds_nothing_for_nonsense_and_stays_fast() -> None:
    import time

    demo = demo_state()
    for typed in ("qwerty", "жжжжж", "абракадабра", "zzz", "ЦОН"):
        assert demo.search(typed, "ru") == [], typed
    queries = ["у", "уд", "удо", "удос", "удост", "удостоверние", "справка о несудимости"]
    demo.search("прогрев", "ru")  # the index is built once, at the first search
    started = time.perf_counter()
    for _ in range(20):
        for typed in queries:
            demo.search(typed, "ru")
    per_keystroke = (time.perf_counter() - started) / (20 * len(queries))
    assert per_keystroke < 0.02, f"{per_keystroke * 1000:.1f} ms a search"


def test_fold_reads_kazakh_and_mixed_alphabets_as_the_keyboard_types_them() -> None:
    from kiosk.hallstate import fold, within_one_edit

    assert fold("Жеке куәлік ЗЕЙНЕТАҚЫ") == "жеке куалик зейнетакы"
    assert fold("некe pasport") == "неке pasport"  # a mixed word only: Latin words stay Latin
    assert within_one_edit("удостоверние", "удостоверение")
    assert within_one_edit("license", "licence") and not within_one_edit("права", "правила")
