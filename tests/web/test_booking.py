"""Booking a visit on a phone, then checking in with the code at the API (as a kiosk does)."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from hallserver.service import HallService
from hallserver.store.sql import SqlHallStore
from tests.web.conftest import PHONE, Hall, shoot

W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def valid_iin(serial: int) -> str:
    """A valid IIN of someone born 1 January 1990 (the checksum is Kazakhstan's rule)."""
    while True:
        body = f"900101300{serial:02d}"
        digits = [int(c) for c in body]
        check = sum(d * w for d, w in zip(digits, W1, strict=False)) % 11
        if check == 10:
            check = sum(d * w for d, w in zip(digits, W2, strict=False)) % 11
        if check != 10:
            return body + str(check)
        serial += 1


def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(8000)
    return page


def book(page: Page, hall: Hall, lang: str, iin: str) -> str:
    page.goto(f"{hall.url}/book?lang={lang}")
    page.select_option("select[name=service]", "id-card")
    page.click("label.slot:has-text('11:00')")
    page.fill("input[name=iin]", iin)
    page.click("#book button[type=submit]")
    code = page.locator("#booking-code")
    expect(code).to_be_visible()
    return code.inner_text().strip()


def test_a_booking_made_on_the_page_is_checked_in_at_the_api(browser: Browser, hall: Hall) -> None:
    page = phone(browser)
    page.goto(f"{hall.url}/book?lang=kk")
    expect(page.locator("#about")).to_be_hidden()
    page.select_option("select[name=service]", "id-card")
    expect(page.locator("label.slot")).to_have_count(9)  # 11:00 … 19:00 of a Monday at 10:00
    about = page.locator("#about")  # in full, though the closed select cuts the name
    expect(about.locator("h2")).to_have_text("Жеке куәлік: алу және ауыстыру")
    expect(about).to_contain_text("Өзіңізбен алып келіңіз")
    expect(about.locator("li")).to_have_count(3)
    expect(about).to_contain_text("Терезеде шамамен 15 мин уақыт алады.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the service's details widen the page"
    page.select_option("select[name=service]", "")
    expect(about).to_be_hidden()
    page.select_option("select[name=service]", "id-card")
    shoot(page, "booking-kk")
    iin = valid_iin(1)
    code = book(page, hall, "kk", f"{iin[:6]}-{iin[6:]}")  # in groups: the script tidies it
    expect(page.locator("#done")).to_contain_text("Сіз жазылдыңыз")
    expect(page.locator("#done")).to_contain_text("30 минут бұрын, зал ашық кезде")
    expect(page.locator("#done .about li")).to_have_count(3)  # what to bring, with the code
    shoot(page, "booking-done-kk")
    booking = httpx.get(f"{hall.api}/bookings/{code}").json()
    assert booking["service_id"] == "id-card" and booking["slot_at"].startswith("2026-11-23T11:00")
    slots = httpx.get(f"{hall.api}/services/id-card/slots", params={"day": "2026-11-23"}).json()
    first = slots["slots"][0]
    assert first["free"] == first["capacity"] - 1

    hall.clock.advance(minutes=40)  # 10:40: check-in opens 30 minutes before the slot
    ticket = httpx.post(
        f"{hall.api}/tickets", json={"appointment_code": code}, headers=hall.bearer("kiosk")
    )
    assert ticket.status_code == 201, ticket.text
    assert ticket.json()["appointment_at"].startswith("2026-11-23T11:00")
    assert httpx.get(f"{hall.api}/bookings/{code}").json()["state"] == "checked_in"
    page.context.close()


def test_the_same_iin_cannot_book_twice_in_ten_days_and_a_booking_is_cancelled_by_code(
    browser: Browser, hall: Hall
) -> None:
    page = phone(browser)
    iin = valid_iin(5)
    code = book(page, hall, "ru", iin)
    page.goto(f"{hall.url}/book?lang=ru")
    page.select_option("select[name=service]", "id-card")
    page.click("label.slot:has-text('12:00')")
    page.fill("input[name=iin]", iin)
    page.click("#book button[type=submit]")
    expect(page.locator("#book-error")).to_have_text(
        "На этот ИИН уже есть запись в течение 10 дней"
    )
    page.wait_for_load_state("networkidle")  # the slots are read again after a refusal …
    expect(page.locator("#book-error")).to_be_visible()  # … and the refusal stays on screen
    expect(page.locator("label.slot:has-text('12:00') input")).to_be_checked()
    shoot(page, "booking-refused-ru")
    page.fill("#cancel input[name=code]", f"{code[:3]}-{code[3:]}".lower())
    page.click("#cancel button")
    expect(page.locator("#cancel-result")).to_have_text("Запись отменена")
    assert httpx.get(f"{hall.api}/bookings/{code}").json()["state"] == "cancelled"
    page.click("#cancel button")
    expect(page.locator("#cancel-result")).to_have_text("Эта запись уже отменена")
    page.fill("#cancel input[name=code]", "AB/12")  # no code has a slash: said, not "failed"
    page.click("#cancel button")
    expect(page.locator("#cancel-result")).to_have_text("Запись с таким кодом не найдена")
    page.context.close()
    store = SqlHallStore(hall.live.db_url)
    try:  # the log says the public made and cancelled it on the booking page, not a display
        actors = {r.type: r.actor for r in store.events() if r.type.startswith("booking.")}
    finally:
        store.close()
    assert actors == {
        "booking.created": "public:booking-page",
        "booking.cancelled": "public:booking-page",
    }


def test_a_public_holiday_is_neither_offered_nor_bookable(hall: Hall) -> None:
    hall.clock.advance(days=17)  # Thursday 10 December: the fortnight holds 16 December
    page = httpx.get(f"{hall.url}/book", params={"lang": "en", "service": "id-card"}).text
    assert 'value="2026-12-15"' in page and 'value="2026-12-17"' in page
    assert 'value="2026-12-16"' not in page  # Independence Day, in the demo hall's dates
    holiday = httpx.get(f"{hall.api}/services/id-card/slots", params={"day": "2026-12-16"})
    assert holiday.json()["slots"] == []
    refused = httpx.post(
        f"{hall.api}/bookings",
        json={"service_id": "id-card", "slot_at": "2026-12-16T11:00:00+05:00", "iin": valid_iin(3)},
    )
    assert refused.status_code == 409 and refused.json()["error"] == "slot_closed"
    hall_view = httpx.get(f"{hall.api}/hall").json()
    assert hall_view["dates"]["2026-12-16"] is None and hall_view["last_ticket_min"] == 30
    assert hall_view["dates"]["2026-12-31"] == {"opens": "09:00", "closes": "17:00"}


def test_a_service_suspended_today_offers_no_time_today(hall: Hall) -> None:
    slots = f"{hall.api}/services/id-card/slots"
    assert httpx.get(slots, params={"day": "2026-11-23"}).json()["slots"]
    suspended = httpx.post(
        f"{hall.api}/services/id-card/suspend", headers=hall.bearer("supervisor")
    )
    assert suspended.status_code == 200, suspended.text
    assert httpx.get(slots, params={"day": "2026-11-23"}).json()["slots"] == []
    assert httpx.get(slots, params={"day": "2026-11-24"}).json()["slots"]  # tomorrow as usual


def test_the_slots_endpoint_refuses_a_bad_day_and_an_unknown_service(hall: Hall) -> None:
    bad_day = httpx.get(f"{hall.api}/services/id-card/slots", params={"day": "tomorrow"})
    assert bad_day.status_code == 422 and bad_day.json()["error"] == "bad_field"
    assert httpx.get(f"{hall.api}/services/nope/slots").status_code == 404
    sunday = httpx.get(f"{hall.api}/services/id-card/slots", params={"day": "2026-11-29"})
    assert sunday.json()["slots"] == []  # the demo hall is closed on Sundays


def test_no_slot_is_offered_that_booking_would_refuse_as_too_far_ahead(hall: Hall) -> None:
    slots = f"{hall.api}/services/id-card/slots"
    for day in ("2027-06-01", "9999-12-31"):  # working days, past the 60 days bookings open
        assert httpx.get(slots, params={"day": day}).json()["slots"] == []
    last = httpx.get(slots, params={"day": "2027-01-22"}).json()["slots"]  # T0 + 60 days
    assert last and all(s["at"] <= "2027-01-22T10:00:00+05:00" for s in last)
    taken = httpx.post(
        f"{hall.api}/bookings",
        json={"service_id": "id-card", "slot_at": last[-1]["at"], "iin": valid_iin(5)},
    )
    assert taken.status_code == 201, taken.text  # the furthest one offered is bookable


def test_booking_and_cancelling_work_without_javascript(browser: Browser, hall: Hall) -> None:
    """An old phone, or script switched off: every step is a form the server answers."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(8000)
    page.goto(f"{hall.url}/book?lang=en")
    expect(page.locator("label.slot")).to_have_count(0)
    page.select_option("select[name=service]", "id-card")
    page.fill("input[name=iin]", "0000")
    page.click("#show-times")
    expect(page.locator("label.slot")).to_have_count(9)
    expect(page.locator("input[name=iin]")).to_have_value("0000")  # kept across "show times"
    page.fill("input[name=iin]", "")
    expect(page.locator("#about h2")).to_have_text("ID card: new or replacement")
    expect(page.locator("#about")).to_contain_text("Cost: State fee of 0.2 MCI")
    shoot(page, "booking-nojs-en")

    page.click("label.slot:has-text('12:00')")
    page.fill("input[name=iin]", "123")
    with page.expect_navigation() as refused:
        page.click("#book button.primary")
    assert refused.value is not None and refused.value.status == 422
    expect(page.locator("#book-error")).to_have_text("This IIN is not valid: check the 12 digits")
    # what the visitor typed and chose comes back with the reason, to be mended, not redone
    expect(page.locator("input[name=iin]")).to_have_value("123")
    expect(page.locator("label.slot:has-text('12:00') input")).to_be_checked()
    slots = httpx.get(f"{hall.api}/services/id-card/slots", params={"day": "2026-11-23"}).json()
    assert all(s["free"] == s["capacity"] for s in slots["slots"])  # nothing was booked

    page.click("label.slot:has-text('12:00')")
    typed = valid_iin(20)
    page.fill("input[name=iin]", f"{typed[:6]} {typed[6:]}")  # in groups, as it is printed
    with page.expect_navigation() as booked:
        page.press("input[name=iin]", "Enter")  # Enter books (it does not just show times)
    assert booked.value is not None and booked.value.status == 200  # after a 303 to a GET
    expect(page.locator("#done")).to_contain_text("You are booked")
    expect(page.locator("#done")).to_contain_text("12:00")
    expect(page.locator("#done .about")).to_contain_text("What to bring")
    expect(page.locator("#done")).to_contain_text(  # the hall's own appointment_early_min
        "You can check in from 30 minutes before your time, while the hall is open."
    )
    code = page.locator("#booking-code").inner_text().strip()
    booking = httpx.get(f"{hall.api}/bookings/{code}").json()
    assert booking["state"] == "booked" and booking["slot_at"].startswith("2026-11-23T12:00")
    shoot(page, "booking-nojs-done-en")
    page.reload()  # a restored tab, or F5: the booking again, not a second try refused
    expect(page.locator("#booking-code")).to_have_text(code)
    assert len([b for b in hall.live.hall.hall.bookings.values() if b.iin]) == 1  # type: ignore[attr-defined]
    unknown = httpx.get(f"{hall.url}/book", params={"lang": "en", "booked": "ZZZZZZ"})
    assert unknown.status_code == 404 and "booking-code" not in unknown.text  # a guess, counted

    page.fill("#cancel input[name=code]", f"{code[:3]} {code[3:]}".lower())  # in groups
    page.click("#cancel button")
    expect(page.locator("#cancel-result")).to_have_text("The booking is cancelled")
    assert httpx.get(f"{hall.api}/bookings/{code}").json()["state"] == "cancelled"
    with page.expect_navigation() as again:
        page.fill("#cancel input[name=code]", code)
        page.click("#cancel button")
    assert again.value is not None and again.value.status == 409
    expect(page.locator("#cancel-result")).to_have_text("This booking is cancelled already")
    page.click("nav.langs a[hreflang=ru]")  # from the answer to a form: back to /book itself
    expect(page.locator("h1")).to_have_text("Запись на приём")
    assert page.url.endswith("/book?lang=ru")

    too_long = httpx.post(f"{hall.url}/book?lang=en", data={"iin": "1" * 5000})
    assert too_long.status_code == 422 and "text/html" in too_long.headers["content-type"]
    assert shown_error(too_long.text) == "That did not work: please try again"
    context.close()


@pytest.mark.parametrize(
    ("slot", "says"),
    [
        ("2026-11-23T09:00:00+05:00", "Это время уже прошло: выберите более позднее"),
        ("2026-11-23T12:30:00+05:00", "Выберите время из списка"),
        ("2027-06-01T12:00:00+05:00", "Слишком далёкая дата: выберите день поближе"),
        ("завтра", "Выберите день и время из списка"),
    ],
)
def test_a_slot_the_form_cannot_book_is_explained_in_the_visitors_language(
    hall: Hall, slot: str, says: str
) -> None:
    reply = httpx.post(
        f"{hall.url}/book?lang=ru",
        data={"service": "id-card", "slot": slot, "iin": valid_iin(21)},
    )
    assert reply.status_code == 422 and shown_error(reply.text) == says


def shown_error(page: str) -> str:
    """The refusal the booking form shows (the page also embeds every message for its script)."""
    found = re.search(r'<p id="book-error"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, "no error paragraph"
    return html.unescape(found.group(1))


def test_a_phone_loading_the_page_meets_no_missing_file(browser: Browser, hall: Hall) -> None:
    """Every file the page asks for is there, the tab's icon included (it was a 404 each time)."""
    page = phone(browser)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(f"{hall.url}/book?lang=kk")
    page.wait_for_load_state("networkidle")
    icon = httpx.get(f"{hall.url}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert missing == []
    page.context.close()


def test_how_early_a_booking_checks_in_is_the_halls_own_setting(hall: Hall) -> None:
    from dataclasses import replace

    from hallserver.web.booking import show_code

    service = hall.live.hall
    assert isinstance(service, HallService)
    service.hall.catalogue = replace(service.hall.catalogue, appointment_early_min=20)
    assert "20 минут до времени записи" in show_code(service, "ru")
    assert "from 20 minutes before your time" in show_code(service, "en")


def test_the_public_books_five_times_an_hour_from_one_address_and_staff_are_not_counted(
    hall: Hall,
) -> None:
    """A script with made-up IINs (the checksum is public) cannot take a day's slots."""
    service = hall.live.hall
    assert isinstance(service, HallService)

    def book_at(hour: int, iin: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.post(
            f"{hall.api}/bookings",
            json={"service_id": "id-card", "slot_at": f"2026-11-23T{hour}:00", "iin": iin},
            headers=headers,
        )

    assert book_at(11, valid_iin(31)).status_code == 201
    refused = book_at(12, valid_iin(31))  # refused by the hall: it takes no slot, is not counted
    assert refused.status_code == 409 and refused.json()["error"] == "iin_has_booking"
    for n, hour in enumerate((12, 13, 14, 15)):
        assert book_at(hour, valid_iin(40 + n * 2)).status_code == 201
    held = len(service.hall.bookings)

    sixth = book_at(16, valid_iin(60))
    assert sixth.status_code == 429
    assert sixth.json()["error"] == "too_many_bookings"
    assert "try again in 60 min" in sixth.json()["message"]
    assert len(service.hall.bookings) == held, "a refused booking took a slot"

    page = httpx.post(  # the form without script says so in the visitor's language
        f"{hall.url}/book?lang=ru",
        data={"service": "id-card", "slot": "2026-11-23T16:00", "iin": valid_iin(60)},
    )
    assert page.status_code == 429
    assert shown_error(page.text).startswith("С этого подключения за час сделано слишком много")

    by_phone = book_at(16, valid_iin(60), hall.bearer("consultant"))  # staff, by phone
    assert by_phone.status_code == 201
    assert len(service.hall.bookings) == held + 1


def test_a_booking_made_by_the_form_shows_its_code_after_the_addresss_wrong_guesses(
    hall: Hall,
) -> None:
    """Many phones share one address behind a mobile network: another's wrong codes had left a
    visitor booked by the form (without script) on a 429 page without their code."""
    from hallserver.web.booking import WRONG_CODES_PER_HOUR

    for n in range(WRONG_CODES_PER_HOUR + 1):
        guess = f"ZZZZZ{'ACDEFGHJKLMNPQRTUVWXY'[n]}"
        httpx.get(f"{hall.url}/book", params={"booked": guess})
    assert httpx.get(f"{hall.url}/book", params={"booked": "ZZZZZZ"}).status_code == 429
    form = {"service": "id-card", "slot": "2026-11-23T15:00", "iin": valid_iin(80)}
    booked = httpx.post(f"{hall.url}/book?lang=en", data=form, follow_redirects=True)
    assert booked.status_code == 200 and 'id="booking-code"' in booked.text, booked.text[-500:]
    forged = str(booked.url).replace("&t=", "&t=0")
    assert httpx.get(forged).status_code == 429, "an unsigned code is still a guess"


def test_wrong_booking_codes_from_one_address_stop_after_twenty_and_staff_are_not_counted(
    hall: Hall,
) -> None:
    """Guessing codes would cancel somebody's visit about once in 600,000 tries with 500
    bookings ahead: minutes for a script, without a limit."""
    from hallserver.web.booking import WRONG_CODES_PER_HOUR

    booked = httpx.post(
        f"{hall.api}/bookings",
        json={"service_id": "id-card", "slot_at": "2026-11-23T11:00", "iin": valid_iin(70)},
    )
    assert booked.status_code == 201
    code = booked.json()["code"]
    for _ in range(WRONG_CODES_PER_HOUR + 5):  # a right code is not a guess: never counted
        assert httpx.get(f"{hall.api}/bookings/{code}").status_code == 200
    for n in range(WRONG_CODES_PER_HOUR):
        guess = f"ZZZZZ{'ACDEFGHJKLMNPQRTUVWXY'[n]}"
        assert httpx.post(f"{hall.api}/bookings/{guess}/cancel").status_code == 404
    stopped = httpx.post(f"{hall.api}/bookings/{code}/cancel")  # even the right one, now
    assert stopped.status_code == 429 and stopped.json()["error"] == "too_many_wrong_codes"
    assert "try again in 60 min" in stopped.json()["message"]
    assert httpx.get(f"{hall.api}/bookings/{code}").status_code == 429  # reading, too
    page = httpx.post(f"{hall.url}/book/cancel?lang=kk", data={"code": code})
    assert page.status_code == 429
    assert "тым көп қате код" in page.text
    staff = hall.bearer("consultant")  # the hall's own people, with a token: not counted
    assert httpx.get(f"{hall.api}/bookings/{code}", headers=staff).json()["state"] == "booked"
    cancelled = httpx.post(f"{hall.api}/bookings/{code}/cancel", headers=staff)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"


def test_the_booking_limit_counts_the_last_hour_and_gives_back_a_refused_booking() -> None:
    from hallserver.domain.errors import TooMany
    from hallserver.web.booking import BookingLimit

    now = [1000.0]
    limit = BookingLimit(2, clock=lambda: now[0])
    first = limit.take("10.0.0.1")
    now[0] += 600
    limit.take("10.0.0.1")
    limit.take("10.0.0.2")  # another address has its own count
    with pytest.raises(TooMany, match="try again in 50 min"):
        limit.take("10.0.0.1")
    limit.give_back("10.0.0.1", first)  # refused by the hall: it does not count
    limit.take("10.0.0.1")
    with pytest.raises(TooMany):
        limit.take("10.0.0.1")
    now[0] += 3600  # an hour on, both have left the window
    limit.take("10.0.0.1")
    unlimited = BookingLimit(0, clock=lambda: now[0])
    for _ in range(50):
        unlimited.take("10.0.0.1")
    assert unlimited._taken == {}, "no limit: nothing to remember"


def test_the_limits_count_an_ipv6_caller_by_their_64_not_each_address() -> None:
    """A home or a phone is given a whole /64: one address per guess would pass any limit."""
    from starlette.requests import Request

    from hallserver.web.booking import client_key

    def key(host: str) -> str:
        return client_key(Request({"type": "http", "client": (host, 5000), "headers": []}))

    assert key("2001:db8:1:2::1") == key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert key("2001:db8:1:3::1") != key("2001:db8:1:2::1")
    assert key("192.0.2.7") == "192.0.2.7"
    assert key("::ffff:192.0.2.7") == "::ffff:192.0.2.7"  # an IPv4 caller, as IPv6
