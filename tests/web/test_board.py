"""The supervisor's live board in Chromium: pushed changes, alerts on the hall clock, actions."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.conftest import open_counter
from tests.web.conftest import PHONE, SHOTS, Hall, shoot, sign_in


def issue(hall: Hall, service: str = "id-card") -> dict[str, object]:
    reply = httpx.post(
        f"{hall.api}/tickets", json={"service_id": service}, headers=hall.bearer("kiosk")
    )
    assert reply.status_code == 201, reply.text
    data: dict[str, object] = reply.json()
    return data


def test_the_board_shows_a_call_made_through_the_api(page: Page, hall: Hall) -> None:
    operator = open_counter(hall.live, "c1")
    first = issue(hall)
    sign_in(page, hall)
    card = page.locator("article.counter[data-counter=c1]")
    expect(card).to_contain_text("Free")
    expect(page.locator("tr[data-service=id-card] td.waiting")).to_have_text("1")
    called = httpx.post(
        f"{hall.api}/counters/c1/call", headers={"Authorization": f"Bearer {operator}"}
    )
    assert called.status_code == 200
    expect(card.locator(".cur")).to_contain_text(f"{first['number']} called")
    expect(page.locator("tr[data-service=id-card] td.waiting")).to_have_text("0")
    expect(page.locator("#link")).to_have_text("Live")


def test_an_alert_appears_when_a_wait_passes_the_target_and_clears_itself(
    page: Page, hall: Hall
) -> None:
    operator = open_counter(hall.live, "c1")
    auth = {"Authorization": f"Bearer {operator}"}
    issue(hall)
    sign_in(page, hall)
    expect(page.locator(".alerts")).to_contain_text("No alerts")
    hall.clock.advance(minutes=16)  # nobody sleeps: the hall's clock moves
    alert = page.locator("li[data-kind=wait_over_target]")
    expect(alert).to_contain_text("1 waiting over the target (15 min), longest 16 min")
    expect(page.locator("li[data-kind=counter_idle]")).to_contain_text("Counter 1 idle")
    expect(page.locator("tr[data-service=id-card] td.over")).to_have_text("16 min")
    shoot(page, "board-alerts")
    called = httpx.post(f"{hall.api}/counters/c1/call", headers=auth)
    assert called.status_code == 200
    expect(alert).to_have_count(0)
    expect(page.locator(".alerts")).to_contain_text("No alerts")
    started = httpx.post(f"{hall.api}/tickets/{called.json()['id']}/start", headers=auth)
    assert started.status_code == 200
    hall.clock.advance(minutes=46)  # an ID card usually takes 15
    long_visit = page.locator("li[data-kind=long_visit]")
    expect(long_visit).to_contain_text(
        f"Counter 1: {called.json()['number']} (ID card: new or replacement) in service for "
        "46 min, usually 15 min"
    )


def test_a_long_pause_and_a_kiosk_out_of_paper_stand_out(page: Page, hall: Hall) -> None:
    operator = open_counter(hall.live, "c2")
    httpx.post(
        f"{hall.api}/counters/c2/pause",
        json={"reason": "break"},
        headers={"Authorization": f"Bearer {operator}"},
    )
    httpx.post(
        f"{hall.api}/terminals/status",
        json={"printer": "paper_out", "detail": "roll empty"},
        headers=hall.bearer("kiosk"),
    )
    sign_in(page, hall, lang="ru")
    expect(page.locator("li[data-kind=printer]")).to_contain_text("нет бумаги")
    expect(page.locator("article[data-counter=c2] .cstate")).to_contain_text("Пауза: перерыв")
    hall.clock.advance(minutes=16)
    expect(page.locator("li[data-kind=pause_over_limit]")).to_contain_text(
        "Окно 2: перерыв 16 мин (норма 15 мин)"
    )
    hall.clock.advance(minutes=2)  # the kiosk has not reported for 18 minutes now
    expect(page.locator("li[data-kind=terminal_silent]")).to_contain_text("test-kiosk")
    expect(page.locator("li[data-kind=printer]")).to_have_count(0)
    shoot(page, "board-ru")


def test_the_supervisor_pauses_announces_and_calls_out_of_order_from_the_board(
    page: Page, hall: Hall
) -> None:
    open_counter(hall.live, "c1")
    first, second = issue(hall), issue(hall)
    sign_in(page, hall)
    page.click("button[data-action=call][data-counter=c1]")
    page.select_option("#action-dialog select", str(second["id"]))
    page.fill("#action-dialog input[name=reason]", "Booked by phone, disabled visitor")
    page.click("#dlg-ok")
    expect(page.locator("article[data-counter=c1] .cur")).to_contain_text(str(second["number"]))
    ticket = httpx.get(f"{hall.api}/tickets/{second['id']}").json()
    assert ticket["status"] == "called" and ticket["counter_id"] == "c1"
    assert httpx.get(f"{hall.api}/tickets/{first['id']}").json()["status"] == "waiting"

    page.fill("#announce-kk", "4-терезе бүгін жабық")
    issue(hall)  # the hall moves while the supervisor writes: the board is drawn again
    expect(page.locator("tr[data-service=id-card] td.waiting")).to_have_text("2")
    page.fill("#announce-ru", "Окно 4 сегодня закрыто")
    expect(page.locator("#announce-kk")).to_have_value("4-терезе бүгін жабық")  # not lost
    page.click("form.announce button")
    expect(page.locator(".toast")).to_have_text("Saved")
    hall_now = httpx.get(f"{hall.api}/hall").json()
    assert hall_now["announcement"] == "4-терезе бүгін жабық"
    assert hall_now["announcements"] == {  # English, left empty, shows the first text
        "kk": "4-терезе бүгін жабық",
        "ru": "Окно 4 сегодня закрыто",
        "en": "4-терезе бүгін жабық",
    }
    page.reload()  # the board shows what is saved, as written
    expect(page.locator("#announce-ru")).to_have_value("Окно 4 сегодня закрыто")
    expect(page.locator("#announce-en")).to_have_value("")
    shoot(page, "board-announcement")
    page.click("#announce-clear")  # off the displays
    expect(page.locator("#announce-kk")).to_have_value("")
    expect(page.locator(".toast")).to_have_text("Saved")
    assert httpx.get(f"{hall.api}/hall").json()["announcement"] == ""

    page.click("button[data-action=pause][data-counter=c1]")
    page.select_option("#action-dialog select", "lunch")
    page.click("#dlg-ok")
    expect(page.locator("article[data-counter=c1] .cstate")).to_contain_text("Paused: lunch")
    counters = {c["id"]: c for c in httpx.get(f"{hall.api}/counters").json()}
    assert counters["c1"]["state"] == "paused" and counters["c1"]["pause_reason"] == "lunch"
    shoot(page, "board")


def test_on_a_phone_a_closed_counter_keeps_the_buttons_that_can_work(
    page: Page, hall: Hall
) -> None:
    sign_in(page, hall)
    page.set_viewport_size(PHONE)
    profile = page.locator("button[data-action=profile][data-counter=c3]")
    expect(profile).to_be_visible()
    box = profile.bounding_box()
    assert box is not None and box["height"] >= 44, box
    # opening needs an operator signed in: no button that could only be refused
    expect(page.locator("button[data-action=open][data-counter=c3]")).to_have_count(0)
    open_counter(hall.live, "c3")  # signed in and opened at the console …
    page.click("button[data-action=close][data-counter=c3]")  # … closed from the phone
    expect(page.locator("article[data-counter=c3] .cstate")).to_contain_text("Closed")
    reopen = page.locator("button[data-action=open][data-counter=c3]")
    expect(reopen).to_be_visible()  # the operator is still signed in: it may open again
    reopen.click()
    expect(page.locator("article[data-counter=c3] .cstate")).to_contain_text("Open")
    for lang, width in (("kk", 320), ("ru", 360), ("en", 320)):  # the narrowest phones
        page.goto(f"{hall.url}/board?lang={lang}")
        page.set_viewport_size({"width": width, "height": 740})
        expect(page.locator("article[data-counter=c3]")).to_be_visible()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{lang} at {width} px: the board scrolls sideways ({wide} px)"
    page.screenshot(path=str(SHOTS / "board-en-320.png"), full_page=True)


def test_the_supervisor_changes_a_counters_profile_from_the_board(page: Page, hall: Hall) -> None:
    sign_in(page, hall)
    page.click("button[data-action=profile][data-counter=c3]")
    page.select_option("#action-dialog select[data-service=passport]", "backup")
    page.click("#dlg-ok")
    expect(page.locator(".toast")).to_have_text("Saved")
    counters = {c["id"]: c for c in httpx.get(f"{hall.api}/counters").json()}
    assert counters["c3"]["profile"]["passport"] == "backup"


def test_a_profile_left_empty_is_refused_in_the_boards_language(page: Page, hall: Hall) -> None:
    sign_in(page, hall, lang="ru")
    page.click("button[data-action=profile][data-counter=c3]")
    for select in page.locator("#action-dialog select[data-service]").all():
        select.select_option("")
    page.click("#dlg-ok")
    expect(page.locator(".toast.bad")).to_have_text("Окно должно оказывать хотя бы одну услугу.")
    counters = {c["id"]: c for c in httpx.get(f"{hall.api}/counters").json()}
    assert counters["c3"]["profile"], "the profile was left as it was"


def test_a_line_no_counter_serves_shows_no_minutes_on_the_board(page: Page, hall: Hall) -> None:
    """As on every other screen: minutes only once a counter serving the line is open (or
    paused: its operator comes back)."""
    issue(hall)
    sign_in(page, hall)
    estimate = page.locator("tr[data-service=id-card] td:nth-child(4)")
    expect(page.locator("tr[data-service=id-card] td.waiting")).to_have_text("1")
    expect(estimate).to_have_text("—")
    open_counter(hall.live, "c1")
    expect(estimate).to_have_text(re.compile(r"^\d+\u00a0min$"))


def test_a_refused_action_is_shown_to_the_supervisor(page: Page, hall: Hall) -> None:
    operator = open_counter(hall.live, "c5")
    issue(hall, "birth-registration")
    called = httpx.post(
        f"{hall.api}/counters/c5/call", headers={"Authorization": f"Bearer {operator}"}
    )
    assert called.status_code == 200, called.text
    sign_in(page, hall)
    page.click("button[data-action=close][data-counter=c5]")  # a visitor stands there
    expect(page.locator(".toast.bad")).to_have_text(
        "A visitor is at the counter: finish their visit first."
    )
    expect(page.locator("article[data-counter=c5] .cstate")).to_contain_text("Open")


def test_the_board_speaks_kazakh_from_the_login_page_on(page: Page, hall: Hall) -> None:
    page.goto(f"{hall.url}/board/login")
    expect(page.locator("h1")).to_have_text("Жетекшінің кіруі")
    shoot(page, "login-kk")
    open_counter(hall.live, "c1")
    issue(hall)
    sign_in(page, hall, lang="kk")
    expect(page.locator("article[data-counter=c1] .cstate")).to_contain_text("Ашық")
    hall.clock.advance(minutes=17)
    expect(page.locator("li[data-kind=wait_over_target]")).to_contain_text(
        "1 адам мақсаттан (15 мин) ұзақ күтуде, ең ұзағы 17 мин"
    )
    shoot(page, "board-kk")


def test_text_that_cannot_be_logged_is_refused_at_the_board_and_changes_nothing(
    page: Page, hall: Hall
) -> None:
    sign_in(page, hall)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    before = httpx.get(f"{hall.api}/hall").json()["announcement"]
    with httpx.Client(base_url=hall.url, cookies=cookies) as board:
        reply = board.post(
            "/board/api/announcement",
            content=b'{"text": "\\ud800 closed"}',  # an unpaired surrogate, as JSON allows
            headers={"X-Kezek-Board": "1", "Content-Type": "application/json"},
        )
    assert reply.status_code == 422 and reply.json()["error"] == "bad_json"
    assert httpx.get(f"{hall.api}/hall").json()["announcement"] == before
    with httpx.Client(base_url=hall.url, cookies=cookies) as board:  # as large as the API's
        padded = board.post(  # limit allows: refused before it is read, as the API does
            "/board/api/announcement",
            json={"text": "closed", "pad": "x" * 70_000},
            headers={"X-Kezek-Board": "1"},
        )
    assert padded.status_code == 413 and padded.json()["error"] == "body_too_large"
    assert httpx.get(f"{hall.api}/hall").json()["announcement"] == before
    assert (
        httpx.post(
            f"{hall.api}/tickets", json={"service_id": "id-card"}, headers=hall.bearer("kiosk")
        ).status_code
        == 201
    )


def test_a_visitor_who_stepped_away_shows_on_their_counter_and_is_called_back_from_the_board(
    page: Page, hall: Hall
) -> None:
    operator = {"Authorization": f"Bearer {open_counter(hall.live, 'c1')}"}
    first = issue(hall)
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=operator).status_code == 200
    away = httpx.post(f"{hall.api}/tickets/{first['id']}/postpone", headers=operator)
    assert away.status_code == 200, away.text
    httpx.post(f"{hall.api}/counters/c1/pause", json={"reason": "lunch"}, headers=operator)
    open_counter(hall.live, "c3")  # serves ID cards too
    sign_in(page, hall)
    expect(page.locator("article[data-counter=c1] .away")).to_have_text(
        f"Stepped away: {first['number']}"
    )
    page.click("button[data-action=call][data-counter=c3]")  # c1 is at lunch: c3 takes them
    option = page.locator("#action-dialog select option").first
    expect(option).to_contain_text("back, no reason needed")
    page.click("#dlg-ok")  # no reason typed
    expect(page.locator(".toast")).to_have_text("Saved")
    expect(page.locator("article[data-counter=c3] .cur")).to_contain_text(str(first["number"]))
    expect(page.locator("article[data-counter=c1] .away")).to_have_count(0)
    ticket = httpx.get(f"{hall.api}/tickets/{first['id']}").json()
    assert (ticket["status"], ticket["counter_id"]) == ("called", "c3")


def test_a_counter_shows_the_visitors_it_sent_there_and_back(page: Page, hall: Hall) -> None:
    operator = {"Authorization": f"Bearer {open_counter(hall.live, 'c1')}"}
    ticket = issue(hall)
    assert httpx.post(f"{hall.api}/counters/c1/call", headers=operator).status_code == 200
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/start", headers=operator)
    sent = httpx.post(
        f"{hall.api}/tickets/{ticket['id']}/transfer",
        json={"service_id": "birth-registration", "come_back": True},
        headers=operator,
    )
    assert sent.status_code == 200, sent.text
    sign_in(page, hall)
    expect(page.locator("article[data-counter=c1] .coming-back")).to_have_text(
        f"Coming back from another service: {ticket['number']} (Registering a birth)"
    )
    shoot(page, "board-coming-back")
    births = {"Authorization": f"Bearer {open_counter(hall.live, 'c4')}"}
    assert httpx.post(f"{hall.api}/counters/c4/call", headers=births).status_code == 200
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/start", headers=births)
    httpx.post(f"{hall.api}/tickets/{ticket['id']}/finish", headers=births)
    expect(page.locator("article[data-counter=c1] .coming-back")).to_have_count(0)


def test_the_supervisor_messages_the_operators_and_sees_who_has_read_it(
    page: Page, hall: Hall
) -> None:
    operator = {"Authorization": f"Bearer {open_counter(hall.live, 'c3')}"}
    sign_in(page, hall)
    page.select_option("#msg-to", "c3")
    page.fill("#msg-text", "Counter 3: please take the pension queue after lunch")
    page.click("form.messages button")
    expect(page.locator(".toast")).to_have_text("Sent")
    expect(page.locator("#msg-text")).to_have_value("")
    item = page.locator("#msg-list li").first
    expect(item).to_contain_text("→ Counter 3")
    expect(item).to_contain_text("(not read yet)")
    page.fill("#msg-text", "The system restarts at 18:00")
    page.select_option("#msg-to", "")
    page.click("form.messages button")
    expect(page.locator("#msg-list li")).to_have_count(2)
    expect(page.locator("#msg-list li").first).to_contain_text("→ All counters")
    mine = httpx.get(f"{hall.api}/messages", headers=operator).json()
    assert [m["text"] for m in mine] == [
        "Counter 3: please take the pension queue after lunch",
        "The system restarts at 18:00",
    ]
    read = httpx.post(f"{hall.api}/messages/{mine[0]['id']}/read", headers=operator)
    assert read.status_code == 200
    expect(page.locator("#msg-list li[data-message='1']")).to_contain_text("(read by: 3)")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    with httpx.Client(base_url=hall.url, cookies=cookies) as board:
        wrong = board.post(  # not a counter, and not "all" either
            "/board/api/messages",
            json={"counter_id": False, "text": "hello"},
            headers={"X-Kezek-Board": "1"},
        )
    assert wrong.status_code == 422 and wrong.json()["error"] == "bad_field"
    page.fill("#msg-text", "   ")  # only spaces: the server says what is wrong, nothing is sent
    page.click("form.messages button")
    expect(page.locator(".toast.bad")).to_have_text("Please write the text first.")
    expect(page.locator("#msg-list li")).to_have_count(2)
    shoot(page, "board-messages")


def test_a_board_left_open_in_another_tab_stops_when_its_session_ends(
    page: Page, hall: Hall
) -> None:
    """Signed out in one tab, the other tab had gone on receiving the waiting lines, the
    operators' names and the messages to them: its socket was checked only when it opened."""
    sign_in(page, hall)
    expect(page.locator("#link")).to_have_text("Live")
    other = page.context.new_page()
    other.goto(f"{hall.url}/board")
    other.click("form[action='/board/logout'] button")
    other.wait_for_url(f"{hall.url}/board/login**")
    issue(hall)  # news the first tab must no longer hear of
    page.wait_for_url(f"{hall.url}/board/login**")
    expect(page.locator("input[name=login]")).to_be_visible()


def test_calling_out_of_order_with_nobody_waiting_says_so_in_the_boards_language(
    page: Page, hall: Hall
) -> None:
    """The dialog had opened with nothing to pick, and its Save said "write the text first"."""
    open_counter(hall.live, "c1")
    sign_in(page, hall, lang="ru")
    page.click("button[data-action=call][data-counter=c1]")
    expect(page.locator(".toast.bad")).to_have_text("В очереди к услугам этого окна никого нет.")
    expect(page.locator("#action-dialog")).not_to_be_visible()


def test_a_refusal_the_board_has_no_words_for_is_still_in_its_language(
    page: Page, hall: Hall
) -> None:
    """A text with a control character pasted into it had been refused in the server's
    English on a Russian board."""
    sign_in(page, hall, lang="ru")
    page.fill("#announce-kk", "Терезе\u0007 жабық")
    page.click("form.announce button")
    expect(page.locator(".toast.bad")).to_have_text(
        "Это значение не принято: проверьте и напишите заново."
    )
    assert httpx.get(f"{hall.api}/hall").json()["announcement"] == ""


def contrast_on_white(css_color: str) -> float:
    """WCAG's contrast of an `rgb(r, g, b)` text colour on white."""
    channels = [int(n) / 255 for n in re.findall(r"\d+", css_color)[:3]]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_quiet_lines_stay_readable(page: Page, hall: Hall) -> None:
    """Services nobody waits for are greyed, at 4.5:1 at least (they had been 3.1:1)."""
    sign_in(page, hall)
    cell = page.locator("tr.quietrow td").first
    expect(cell).to_be_visible()
    assert contrast_on_white(cell.evaluate("td => getComputedStyle(td).color")) >= 4.5
