"""The ticket's page on a phone: it turns to "called — go to counter N" by itself."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Clock, open_counter, start_live_server
from tests.web.conftest import PHONE, SHOTS, Hall


def issue(hall: Hall, language: str) -> dict[str, object]:
    reply = httpx.post(
        f"{hall.api}/tickets",
        json={"service_id": "id-card", "language": language},
        headers=hall.bearer("kiosk"),
    )
    assert reply.status_code == 201
    data: dict[str, object] = reply.json()
    return data


def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(8000)
    return page


def test_the_ticket_page_turns_to_called_without_reloading(browser: Browser, hall: Hall) -> None:
    operator = open_counter(hall.live, "c1")
    first = issue(hall, "kk")
    second = issue(hall, "ru")
    page = phone(browser)
    page.goto(str(second["status_url"]))
    expect(page.locator("#s")).to_contain_text("Перед вами: 1")
    page.evaluate("window.stillTheSamePage = true")
    texts = {"kk": "Сенбі күні 13:00-ге дейін", "ru": "В субботу до 13:00"}
    supervisor = hall.bearer("supervisor")
    httpx.post(f"{hall.api}/announcement", json={"texts": texts}, headers=supervisor)
    expect(page.locator(".note")).to_have_text("В субботу до 13:00")  # the hall's line, live
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ticket-waiting-ru-phone.png"))
    auth = {"Authorization": f"Bearer {operator}"}
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=auth).status_code == 200
    expect(page.locator("#s")).to_contain_text("Перед вами никого нет")  # the one ahead: called
    httpx.post(f"{hall.api}/tickets/{first['id']}/start", headers=auth)
    httpx.post(f"{hall.api}/tickets/{first['id']}/finish", headers=auth)
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=auth).status_code == 200
    expect(page.locator(".called")).to_contain_text("Вас вызывают")
    expect(page.locator(".called")).to_contain_text("пройдите к окну 1")
    assert page.evaluate("window.stillTheSamePage") is True
    page.screenshot(path=str(SHOTS / "ticket-called-ru-phone.png"))
    page.context.close()


def test_the_ticket_page_speaks_each_language_and_says_when_it_is_over(
    browser: Browser, hall: Hall
) -> None:
    operator = open_counter(hall.live, "c1")
    ticket = issue(hall, "kk")
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("#s")).to_contain_text("Алдыңызда ешкім жоқ")
    page.screenshot(path=str(SHOTS / "ticket-waiting-kk-phone.png"))
    page.click("text=English")
    expect(page.locator("#s")).to_contain_text("You are first in line")
    expect(page.locator("#s")).to_contain_text("You will be called soon")  # not "About 1 min"
    page.screenshot(path=str(SHOTS / "ticket-waiting-en-phone.png"))
    auth = {"Authorization": f"Bearer {operator}"}
    httpx.post(f"{hall.api}/counters/c1/call", headers=auth)
    expect(page.locator(".called")).to_contain_text("go to counter 1")
    page.set_viewport_size({"width": 1366, "height": 700})
    page.screenshot(path=str(SHOTS / "ticket-called-en-desktop.png"))
    page.set_viewport_size(PHONE)
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/start", headers=auth)
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/finish", headers=auth)
    expect(page.locator("#s")).to_contain_text("Done. Thank you!")
    page.context.close()


def test_a_visitor_sent_there_and_back_reads_where_they_go_afterwards(
    browser: Browser, hall: Hall
) -> None:
    operator = open_counter(hall.live, "c1")
    ticket = issue(hall, "ru")
    auth = {"Authorization": f"Bearer {operator}"}
    httpx.post(f"{hall.api}/counters/c1/call", headers=auth)
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/start", headers=auth)
    sent = httpx.post(
        f"{hall.api}/tickets/{ticket['id']}/transfer",
        json={"service_id": "birth-registration", "come_back": True},
        headers=auth,
    )
    assert sent.status_code == 200, sent.text
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator("#s")).to_contain_text("После этого вернётесь к\u00a0окну\u00a01")
    page.screenshot(path=str(SHOTS / "ticket-there-and-back-ru-phone.png"))
    back_to_service = "После этого вернётесь: Удостоверение личности"
    for profile, expected in (
        ({"passport": "main"}, back_to_service),  # counter 1 no longer takes ID cards
        ({"id-card": "main"}, "окну\u00a01"),
    ):
        changed = httpx.post(
            f"{hall.api}/counters/c1/profile",
            json={"profile": profile},
            headers=hall.bearer("supervisor"),
        )
        assert changed.status_code == 200, changed.text
        expect(page.locator("#s")).to_contain_text(expected)
    assert httpx.post(f"{hall.api}/counters/c1/close", headers=auth).status_code == 200
    expect(page.locator("#s")).to_contain_text(back_to_service)
    page.context.close()


# what the page asks of the phone, recorded: buzzes, and the tones of its chimes
RECORD_ALERTS = """
window.buzzes = [];
navigator.vibrate = pattern => { window.buzzes.push(pattern); return true; };
window.tones = 0;
const Real = window.AudioContext;
window.AudioContext = class extends Real {
  createOscillator() { window.tones += 1; return super.createOscillator(); }
};
"""


def test_the_page_says_when_the_turn_is_near_and_buzzes_and_chimes_when_asked(
    browser: Browser, hall: Hall
) -> None:
    operator = open_counter(hall.live, "c1")
    tickets = [issue(hall, "en") for _ in range(5)]
    page = phone(browser)
    page.add_init_script(RECORD_ALERTS)
    page.goto(str(tickets[4]["status_url"]))
    expect(page.locator("#s")).to_contain_text("People ahead: 4")
    expect(page.locator(".near")).to_have_count(0)
    expect(page).to_have_title("A005 · People ahead: 4")  # a phone's tab list shows it
    sound = page.locator("#k")
    expect(sound).to_have_text("Alert me with a sound")
    box = sound.bounding_box()
    assert box is not None and box["height"] >= 44, box
    sound.tap()
    expect(sound).to_have_attribute("aria-pressed", "true")
    expect(sound).to_have_text("Sound on: you will hear the call")
    assert page.evaluate("window.tones") == 1  # a chime at once: the visitor hears it works

    auth = {"Authorization": f"Bearer {operator}"}

    def serve_next() -> None:
        called = httpx.post(f"{hall.api}/counters/c1/call", headers=auth)
        assert called.status_code == 200, called.text
        ticket = called.json()["id"]
        httpx.post(f"{hall.api}/tickets/{ticket}/start", headers=auth)
        httpx.post(f"{hall.api}/tickets/{ticket}/finish", headers=auth)

    serve_next()
    expect(page.locator("#s")).to_contain_text("People ahead: 3")
    assert page.evaluate("window.buzzes") == []  # not near yet
    serve_next()
    expect(page.locator(".near")).to_have_text("Your turn is near: stay in the hall")
    expect(page).to_have_title("A005 · People ahead: 2")
    page.wait_for_function("window.buzzes.length === 1")
    assert page.evaluate("window.buzzes") == [200]
    assert page.evaluate("window.tones") == 2
    serve_next()  # nearer still: no second buzz for the same news
    expect(page.locator("#s")).to_contain_text("People ahead: 1")
    page.screenshot(path=str(SHOTS / "ticket-near-en-phone.png"))
    serve_next()
    expect(page).to_have_title("A005 · You are first in line")  # not "People ahead: 0"
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=auth).status_code == 200  # A005
    expect(page.locator(".called")).to_contain_text("go to counter 1")
    expect(page).to_have_title("A005 → go to counter 1")
    page.wait_for_function("window.buzzes.length === 2")
    assert page.evaluate("window.buzzes") == [200, [300, 100, 300]]
    assert page.evaluate("window.tones") == 5  # three for the call
    recalled = httpx.post(f"{hall.api}/tickets/{tickets[4]['id']}/recall", headers=auth)
    assert recalled.status_code == 200, recalled.text
    page.wait_for_function("window.buzzes.length === 3")  # a recall alerts again
    assert page.evaluate("window.tones") == 8
    sound.tap()  # a second tap: quiet again
    expect(sound).to_have_attribute("aria-pressed", "false")
    expect(sound).to_have_text("Alert me with a sound")
    page.context.close()


def test_no_near_before_a_counter_opens_and_near_once_while_pushed_back_and_forth(
    browser: Browser, hall: Hall
) -> None:
    tickets = [issue(hall, "en") for _ in range(2)]
    page = phone(browser)
    page.add_init_script(RECORD_ALERTS)
    page.goto(str(tickets[1]["status_url"]))
    expect(page.locator("#s")).to_contain_text("People ahead: 1")
    expect(page.locator(".near")).to_have_count(0)  # nobody serves the line yet
    unserved = "No counter open for this service yet: you will be called when one opens"
    expect(page.locator("#s")).to_contain_text(unserved)  # as the kiosk and the paper say
    expect(page.locator("#s")).not_to_contain_text(" min")
    operator = open_counter(hall.live, "c1")
    expect(page.locator(".near")).to_have_text("Your turn is near: stay in the hall")
    expect(page.locator("#s")).not_to_contain_text(unserved)
    # a counter serves it now: the one ahead's 15 minutes, and their walk to the counter
    expect(page.locator("#s")).to_contain_text("About 16\u00a0min")
    page.wait_for_function("window.buzzes.length === 1")
    priority = {"service_id": "id-card", "priority": "disabled", "priority_reason": "wheelchair"}
    for _ in range(2):  # two priority visitors go ahead: 3 ahead, no longer near …
        reply = httpx.post(f"{hall.api}/tickets", json=priority, headers=hall.bearer("consultant"))
        assert reply.status_code == 201, reply.text
    expect(page.locator("#s")).to_contain_text("People ahead: 3")
    expect(page.locator(".near")).to_have_count(0)
    auth = {"Authorization": f"Bearer {operator}"}
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=auth).status_code == 200
    expect(page.locator(".near")).to_have_count(1)  # … and near again: said, not buzzed again
    page.wait_for_timeout(300)
    assert page.evaluate("window.buzzes") == [200]
    page.context.close()


def test_without_javascript_the_page_offers_no_sound_button(browser: Browser, hall: Hall) -> None:
    open_counter(hall.live, "c1")
    ticket = issue(hall, "kk")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(str(ticket["status_url"]))
    expect(page.locator("#s")).to_contain_text("Кезегіңіз жақын: залдан алыс кетпеңіз")
    expect(page.locator("#k")).to_be_hidden()  # nothing could chime
    context.close()


def test_no_near_where_only_a_backup_counter_is_open_and_kazakh_puts_the_number_first(
    browser: Browser, hall: Hall
) -> None:
    open_counter(hall.live, "c2")  # criminal records only as its backup
    reply = httpx.post(
        f"{hall.api}/tickets",
        json={"service_id": "criminal-record", "language": "kk"},
        headers=hall.bearer("kiosk"),
    )
    assert reply.status_code == 201, reply.text
    page = phone(browser)
    page.goto(str(reply.json()["status_url"]))
    expect(page.locator("#s")).to_contain_text("Алдыңызда ешкім жоқ")
    expect(page.locator(".near")).to_have_count(0)  # c2 calls it only once it waits too long
    operator = open_counter(hall.live, "c1")
    ticket = issue(hall, "kk")
    page.goto(str(ticket["status_url"]))
    expect(page.locator(".near")).to_have_count(1)  # c1 serves ID cards as its main work
    auth = {"Authorization": f"Bearer {operator}"}
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=auth).status_code == 200
    expect(page.locator(".called")).to_contain_text("1\u2011терезеге барыңыз")
    expect(page).to_have_title("A001 → 1\u2011терезеге барыңыз")
    page.context.close()


def test_a_ticket_sent_to_one_counter_is_near_only_while_that_counter_is_open(
    browser: Browser, hall: Hall
) -> None:
    first = open_counter(hall.live, "c1")
    second = open_counter(hall.live, "c2")
    ticket = issue(hall, "en")
    at_first = {"Authorization": f"Bearer {first}"}
    at_second = {"Authorization": f"Bearer {second}"}
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=at_first).status_code == 200
    sent = httpx.post(
        f"{hall.api}/tickets/{ticket['id']}/transfer",
        json={"service_id": "passport", "counter_id": "c2"},
        headers=at_first,
    )
    assert sent.status_code == 200, sent.text
    paused = httpx.post(
        f"{hall.api}/counters/c2/pause", json={"reason": "lunch"}, headers=at_second
    )
    assert paused.status_code == 200, paused.text
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator("#s")).to_contain_text("You are first in line")
    expect(page.locator(".near")).to_have_count(0)  # counter 1 is open, but may not call it
    assert httpx.post(f"{hall.api}/counters/c2/open", headers=at_second).status_code == 200
    expect(page.locator(".near")).to_have_count(1)
    page.context.close()


def test_a_visitor_who_checked_in_early_reads_their_time_not_first_in_line(
    browser: Browser, hall: Hall
) -> None:
    """Booked for 11:00, here at 10:40: due at 11:00, called sooner only by an idle counter."""
    booked = httpx.post(
        f"{hall.api}/bookings",
        json={"service_id": "id-card", "slot_at": "2026-11-23T11:00:00+05:00"},
        headers=hall.bearer("consultant"),  # booked by phone
    )
    assert booked.status_code == 201, booked.text
    open_counter(hall.live, "c1")
    hall.clock.advance(minutes=40)
    checked_in = httpx.post(
        f"{hall.api}/tickets",
        json={"appointment_code": booked.json()["code"]},
        headers=hall.bearer("kiosk"),
    )
    assert checked_in.status_code == 201, checked_in.text
    page = phone(browser)
    page.goto(f"{checked_in.json()['status_url']}?lang=ru")
    expect(page.locator("#s")).to_contain_text(
        "Вы записаны на 11:00: вас вызовут к этому времени или раньше, если нет очереди"
    )
    expect(page.locator("#s")).not_to_contain_text("никого нет")
    expect(page.locator(".near")).to_have_count(0)
    assert page.title().endswith("· 11:00")
    page.screenshot(path=str(SHOTS / "ticket-appointment-ru-phone.png"))
    hall.clock.advance(minutes=20)  # 11:00: due, and ahead of a walk-in who comes now
    issue(hall, "ru")  # the page hears of its line at the next event in it
    expect(page.locator("#s")).to_contain_text("Перед вами никого нет")
    page.context.close()


def test_a_long_address_in_the_announcement_wraps_on_a_phone(browser: Browser, hall: Hall) -> None:
    """A URL in the hall's line made the page 888 px wide on a 360 px phone, cut off."""
    url = "https://egov.kz/cms/ru/services/passport_for_travel_abroad/pass_onlineservices_form"
    texts = {"kk": f"Онлайн өтініш: {url}", "ru": f"Подать заявление онлайн: {url}"}
    httpx.post(f"{hall.api}/announcement", json={"texts": texts}, headers=hall.bearer("supervisor"))
    ticket = issue(hall, "ru")
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator(".note")).to_contain_text("egov.kz")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"
    page.screenshot(path=str(SHOTS / "ticket-long-address-ru-phone.png"))
    page.context.close()


def test_a_ticket_of_a_day_gone_by_keeps_its_number_and_says_it_is_over(
    browser: Browser, hall: Hall
) -> None:
    """Reloaded or scanned again the next morning, the page had said only "Ticket not found"
    (404), without the number or the language links."""
    ticket = issue(hall, "ru")
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator("#s")).to_contain_text("Перед вами никого нет")
    hall.clock.advance(days=1)
    issue(hall, "kk")  # the morning's first ticket begins the new day
    expect(page.locator("#s")).to_contain_text("A001")  # the open page turns, number kept
    expect(page.locator("#s")).to_contain_text("Срок талона истёк · 23.11")
    with page.expect_navigation() as again:
        page.reload()
    assert again.value is not None and again.value.status == 410
    # in the language it was read in (it had opened in Kazakh: the hall holds no such ticket)
    expect(page.locator("#s")).to_contain_text("A001")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_title("A001 · Срок талона истёк · 23.11")
    page.click("nav.langs a[hreflang=en]")
    expect(page.locator("#s")).to_contain_text("Ticket expired · 23.11")
    page.goto(str(ticket["status_url"]))  # the QR code scanned again: the last choice holds
    expect(page).to_have_title("A001 · Ticket expired · 23.11")
    unknown = httpx.get(f"{hall.url}/t/nope")
    assert unknown.status_code == 404 and 'hreflang="en"' in unknown.text
    assert "Талон табылмады" in unknown.text  # nothing chosen: Kazakh
    page.context.close()


def test_the_ticket_page_keeps_the_language_chosen_on_it_and_on_the_other_pages(
    browser: Browser, hall: Hall
) -> None:
    """A choice made on the page holds when the QR code is scanned again, for the page and its
    updates; a ticket the hall does not hold follows the choice made on the other pages."""
    operator = open_counter(hall.live, "c1")
    ticket = issue(hall, "kk")
    page = phone(browser)
    page.goto(str(ticket["status_url"]))
    expect(page.locator("#s")).to_contain_text("Алдыңызда ешкім жоқ")
    page.click("nav.langs a[hreflang=en]")
    expect(page.locator("#s")).to_contain_text("You are first in line")
    page.goto(str(ticket["status_url"]))  # scanned again, without ?lang=
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#s")).to_contain_text("You are first in line")
    auth = {"Authorization": f"Bearer {operator}"}
    httpx.post(f"{hall.api}/counters/c1/call", headers=auth)
    expect(page.locator(".called")).to_contain_text("go to counter 1")  # its socket alike
    other = phone(browser)  # another visitor's phone: the ticket's own language, Kazakh
    other.goto(str(ticket["status_url"]))
    expect(other.locator(".called")).to_contain_text("1\u2011терезеге барыңыз")
    other.goto(f"{hall.url}/book?lang=ru")  # Russian chosen on the booking page
    with other.expect_navigation() as missing:
        other.goto(f"{hall.url}/t/20991231-Z999")
    assert missing.value is not None and missing.value.status == 404
    expect(other.locator("html")).to_have_attribute("lang", "ru")
    expect(other.locator("body")).to_contain_text("Талон не найден")
    other.goto(f"{hall.url}/t/20200101-A001")  # a day gone by, never read here
    expect(other).to_have_title("A001 · Срок талона истёк · 01.01")
    other.goto(f"{hall.url}/t/20200101-A001?lang=kk")  # chosen on it: kept for it alone
    other.goto(f"{hall.url}/t/20200101-A001")
    expect(other).to_have_title("A001 · Талонның мерзімі өтті · 01.01")
    other.goto(f"{hall.url}/t/20200102-A001")
    expect(other).to_have_title("A001 · Срок талона истёк · 02.01")
    page.context.close()
    other.context.close()


def test_past_closing_with_no_counter_left_the_page_says_the_service_has_ended(
    browser: Browser, tmp_path: Path
) -> None:
    """Not "you will be called when a counter opens": none opens for them today."""
    clock = Clock()
    live, server, thread = start_live_server(
        f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock=clock, always_open=False
    )
    try:
        hall = Hall(live, clock)
        operator = open_counter(live, "c1")
        tickets = [issue(hall, "ru") for _ in range(2)]
        page = phone(browser)
        page.goto(str(tickets[1]["status_url"]))
        ended = "Приём по этой услуге на сегодня окончен: обратитесь к сотруднику зала"
        clock.advance(hours=10, minutes=10)  # 20:10: the hall closed at 20:00
        auth = {"Authorization": f"Bearer {operator}"}
        assert httpx.post(f"{hall.api}/counters/c1/close", headers=auth).status_code == 200
        expect(page.locator("#s")).to_contain_text(ended)  # by itself, as the counter closed
        expect(page.locator("#s")).not_to_contain_text("когда оно откроется")
        page.goto(f"{tickets[1]['status_url']}?lang=kk")
        expect(page.locator("#s")).to_contain_text("Бұл қызмет бүгін аяқталды")
        page.context.close()
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
