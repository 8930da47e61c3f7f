"""Rating mode and consultant mode against a real hall server (and a keypad on a real pty)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from hallserver.client import HallClient
from hardware.devices.events import Grade
from hardware.devices.simulators import KeypadSimulator, PtyPort
from kiosk.rating_flow import RatingScreen
from tests.conftest import LiveServer, open_counter
from tests.kiosk.conftest import shoot
from tests.kiosk.test_citizen import find, tap, text_of
from tests.kiosk.test_screens import assert_label_whole
from tests.proxy import CuttableProxy


def serve_one(live: LiveServer, operator: str) -> tuple[HallClient, str]:
    with HallClient(live.url, token=live.tokens["kiosk"]) as kiosk:
        ticket = kiosk.issue_ticket("id-card")
    client = HallClient(live.url, token=operator)
    client.call_next("c1")
    client.start(ticket.id)
    return client, ticket.id


def test_the_rating_screen_follows_its_counter_and_records_the_answer(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    window = make_kiosk(mode="rating", counter_id="c1", printer=None, size=(1920, 1080)).window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.online, timeout=10000)
    client, ticket_id = serve_one(live_server, operator)
    qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.SERVING, timeout=5000)
    assert text_of(window, "serving") == "A001 → 1"
    shoot(window, "rating-serving-landscape")
    client.finish(ticket_id)
    qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.ASKING, timeout=5000)
    shoot(window, "rating-asking-landscape")
    tap(qtbot, window, "grade-excellent")
    assert find(window, "thanks")
    shoot(window, "rating-thanks-landscape")
    qtbot.waitUntil(lambda: client.ticket(ticket_id).rating == "excellent", timeout=5000)
    client.close()


def test_a_rating_given_while_the_link_is_down_is_recorded_when_it_is_back(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    """The screen thanks the visitor at once; a rating the server could not take had been
    dropped with a log line, and the operator's figures lost it."""
    with CuttableProxy(int(live_server.url.rsplit(":", 1)[1])) as relay:
        operator = open_counter(live_server, "c1")
        kiosk = make_kiosk(mode="rating", counter_id="c1", printer=None, server_url=relay.url)
        window = kiosk.window  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.online, timeout=10000)
        client, ticket_id = serve_one(live_server, operator)
        client.finish(ticket_id)
        qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.ASKING, timeout=5000)
        relay.cut()  # a blip as the visitor reaches for the key
        tap(qtbot, window, "grade-good")
        assert find(window, "thanks")
        qtbot.wait(1000)  # the send meets the cut
        assert client.ticket(ticket_id).rating is None
        relay.restore()
        qtbot.waitUntil(lambda: client.ticket(ticket_id).rating == "good", timeout=15000)
        client.close()


def test_the_serial_keypad_rates_and_no_answer_records_nothing(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    with PtyPort() as port:
        kiosk = make_kiosk(
            mode="rating", counter_id="c1", printer=None, keypad=port.path, rating_timeout_s=0.5
        )
        window = kiosk.window  # type: ignore[attr-defined]
        keypad = KeypadSimulator(port, 41)
        qtbot.waitUntil(lambda: window.online, timeout=10000)
        client, first = serve_one(live_server, operator)
        client.finish(first)
        qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.ASKING, timeout=5000)
        shoot(window, "rating-asking-portrait")
        qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.WAITING, timeout=5000)
        keypad.press(Grade.GOOD)  # too late: nobody is asked now
        _, second = serve_one(live_server, operator)
        client.finish(second)
        qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.ASKING, timeout=5000)
        keypad.press(Grade.GOOD)
        qtbot.waitUntil(lambda: client.ticket(second).rating == "good", timeout=5000)
        assert client.ticket(first).rating is None
        window.close_keypad()
        client.close()


def test_a_consultant_issues_a_priority_ticket_with_its_reason_and_cancels_a_mistake(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    kiosk = make_kiosk(mode="consultant", token="", size=(1920, 1080), printer=None)
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(window.flow.online and window.flow.state.services), timeout=10000)
    token = find(window, "token")
    assert isinstance(token, QLineEdit)
    qtbot.keyClicks(token, live_server.tokens["kiosk"])
    tap(qtbot, window, "sign-in")
    qtbot.waitUntil(lambda: window.flow.problem == "not_consultant", timeout=5000)
    shoot(window, "consultant-sign-in-kk")
    qtbot.keyClicks(find(window, "token"), live_server.tokens["consultant"])
    tap(qtbot, window, "sign-in")
    qtbot.waitUntil(lambda: window.flow.signed_in_as is not None, timeout=5000)
    qtbot.keyClicks(find(window, "search"), "passport")
    tap(qtbot, window, "pick-passport")
    tap(qtbot, window, "priority-disabled")
    tap(qtbot, window, "issue")
    assert window.flow.problem == "no_reason"
    qtbot.keyClicks(find(window, "reason"), "wheelchair")
    tap(qtbot, window, "visitor-ru")
    tap(qtbot, window, "issue")
    qtbot.waitUntil(lambda: bool(window.flow.issued), timeout=5000)
    issued = window.flow.issued[0]
    shoot(window, "consultant-desk-kk")
    with HallClient(live_server.url) as client:
        assert (client.ticket(issued.id).priority, issued.language) == ("disabled", "ru")
    tap(qtbot, window, f"cancel-{issued.number}")
    qtbot.waitUntil(lambda: window.flow.issued[0].status == "cancelled", timeout=5000)
    assert isinstance(window, QWidget)
    tomorrow = window.flow.state.hall.now.replace(hour=9, minute=0) + timedelta(days=1)
    window.flow.refused("issuing_ended", tomorrow)  # as the server says it after 19:30
    window.render()
    said = text_of(window, "problem")
    assert "талон беру аяқталды" in said and f"{tomorrow:%d.%m} 09:00" in said


def test_a_consultant_prints_a_copy_of_a_lost_ticket_by_its_number(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer, printer_dir: Path
) -> None:
    kiosk = make_kiosk(mode="consultant", token=live_server.tokens["consultant"], size=(1920, 1080))
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: window.flow.signed_in_as is not None and window.flow.online, timeout=10000
    )
    with HallClient(live_server.url, live_server.tokens["kiosk"]) as hall:
        lost = hall.issue_ticket("passport", language="ru")  # printed at a kiosk, then lost
        hall.issue_ticket("passport")
    tap(qtbot, window, "task-copy")  # one tap away from the services
    assert find(window, "copy-number").hasFocus()
    for typed, problem in (("17", "number_format"), ("Z999", "ticket_not_found")):
        find(window, "copy-number").setText(typed)
        tap(qtbot, window, "print-copy")
        qtbot.waitUntil(
            lambda p=problem: window.flow.problem == p and not window.flow.busy, timeout=5000
        )
    assert not list(printer_dir.glob("ticket-*.bin"))  # nothing printed for either
    # typed on a Russian keyboard: the Cyrillic "Р" stands for the Latin prefix P
    find(window, "copy-number").setText(lost.number.replace("P", "р"))
    tap(qtbot, window, "print-copy")
    qtbot.waitUntil(lambda: window.flow.copied == lost.number, timeout=5000)
    assert text_of(window, "copy-printed") == f"{lost.number} талонының көшірмесі басылды."
    printed = (printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
    assert lost.number in printed and "КОПИЯ утерянного талона" in printed  # in its own language
    assert lost.witness is not None and lost.witness not in printed  # the seal was the original's
    assert "Печать журнала" not in printed
    shoot(window, "consultant-copy-kk")
    tap(qtbot, window, "sign-out")  # another consultant's shift: the desk is built again
    qtbot.keyClicks(find(window, "token"), live_server.tokens["consultant"])
    tap(qtbot, window, "sign-in")
    qtbot.waitUntil(lambda: window.flow.signed_in_as is not None, timeout=5000)
    assert find(window, "search").isVisibleTo(window), "a new shift starts at the services"
    tap(qtbot, window, "task-copy")
    assert find(window, "copy-number").text() == "" and window.flow.copied is None  # nothing
    # of the last shift's visitors is left on the desk
    find(window, "copy-number").setText(lost.number)
    tap(qtbot, window, "print-copy")
    qtbot.waitUntil(lambda: window.flow.copied == lost.number, timeout=5000)  # the desk's answer
    assert len(list(printer_dir.glob("ticket-*.bin"))) == 2
    # called while the visitor looked for the ticket: the copy says where to go, not "wait"
    with HallClient(live_server.url, open_counter(live_server, "c1")) as operator:
        assert operator.call_next("c1").id == lost.id
        find(window, "copy-number").setText(lost.number)
        tap(qtbot, window, "print-copy")
        qtbot.waitUntil(lambda: window.flow.copied == lost.number, timeout=5000)
        printed = (printer_dir / "ticket-0003.txt").read_text(encoding="utf-8")
        assert "Ваш номер вызван: пройдите к окну 1." in printed
        assert "Ожидайте" not in printed
        operator.start(lost.id)
        operator.finish(lost.id)
    find(window, "copy-number").setText(lost.number)
    tap(qtbot, window, "print-copy")
    qtbot.waitUntil(lambda: window.flow.problem == "ticket_closed", timeout=5000)
    assert text_of(window, "problem") == "Бұл талон енді кезекте емес: көшірмесі қажет емес."
    assert len(list(printer_dir.glob("ticket-*.bin"))) == 3


@pytest.mark.parametrize(
    ("size", "inches"), [((1280, 800), 21.5), ((1280, 800), 10.1), ((800, 1280), 10.1)]
)
def test_the_rating_keys_show_their_words_whole_on_a_small_screen(
    qtbot: QtBot,
    make_kiosk: Callable[..., object],
    live_server: LiveServer,
    size: tuple[int, int],
    inches: float,
) -> None:
    operator = open_counter(live_server, "c1")
    kiosk = make_kiosk(
        mode="rating", counter_id="c1", printer=None, size=size, screen_inches=inches
    )
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.online, timeout=10000)
    client, ticket_id = serve_one(live_server, operator)
    client.finish(ticket_id)
    qtbot.waitUntil(lambda: window.flow.screen is RatingScreen.ASKING, timeout=5000)
    QApplication.processEvents()
    for grade in ("excellent", "good", "satisfactory"):
        key = find(window, f"grade-{grade}")
        for part in key.findChildren(QLabel):
            where = f"{grade} at {size} {inches}in"
            assert_label_whole(part, where)
            assert part.sizeHint().height() <= part.height() + 2, f"{where}: cut below"
            corner = part.mapTo(key, part.rect().bottomRight())
            assert corner.x() <= key.width() and corner.y() <= key.height(), where
    client.close()


def test_the_consultant_types_on_while_the_desk_follows_the_hall(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    """Keys go to the focused field (a real keyboard's way), and neither a keystroke that
    filters the services nor a ticket issued at the kiosk meanwhile takes the field away."""
    kiosk = make_kiosk(
        mode="consultant", token=live_server.tokens["consultant"], size=(1280, 800), printer=None
    )
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.flow.signed_in_as is not None, timeout=10000)
    qtbot.waitUntil(lambda: bool(window.flow.state.services), timeout=10000)
    window.activateWindow()

    def typed(text: str) -> None:
        for letter in text:
            focused = QApplication.focusWidget()
            assert focused is not None, f"nobody has the keyboard before {letter!r}"
            qtbot.keyClicks(focused, letter)

    for name, text in (("search", "pass"), ("checkin", "9001013")):
        if name == "checkin":
            tap(qtbot, window, "task-checkin")  # its field has the keyboard at once
        else:
            find(window, name).setFocus()
        assert find(window, name).hasFocus(), name
        typed(text[:2])
        with HallClient(live_server.url, live_server.tokens["kiosk"]) as kiosk_client:
            kiosk_client.issue_ticket("id-card")  # the desk re-renders with the new line
        qtbot.waitUntil(lambda: window.flow.state.queue["id-card"].waiting > 0, timeout=5000)
        QApplication.processEvents()
        typed(text[2:])
        assert find(window, name).text() == text, name
    tap(qtbot, window, "task-back")
    assert find(window, "search").hasFocus() and find(window, "search").text() == "pass"
    tap(qtbot, window, "pick-passport")
    find(window, "search").clear()  # every service, and passport's documents: the left scrolls

    def bar() -> QScrollBar:
        return window.page.findChild(QScrollArea, "desk-scroll-left").verticalScrollBar()

    qtbot.waitUntil(lambda: bar().maximum() > 0, timeout=2000)  # at 1280x800 the list scrolls
    bar().setValue(bar().maximum())
    where = bar().value()
    with HallClient(live_server.url, live_server.tokens["kiosk"]) as kiosk_client:
        kiosk_client.issue_ticket("id-card")
    qtbot.waitUntil(lambda: window.flow.state.queue["id-card"].waiting > 2, timeout=5000)
    qtbot.waitUntil(lambda: bar().value() == where, timeout=2000)


SIGN_IN_WORDS = {  # what staff call what they type, and who gives it to them
    "kk": ("кіру кілті", "техник"),
    "ru": ("ключ доступа", "техник"),
    "en": ("access key", "technician"),
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_consultant_signs_in_with_the_access_key_the_technician_gave_not_a_token(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer, language: str
) -> None:
    kiosk = make_kiosk(mode="consultant", token="", printer=None, language=language)
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(window.flow.online), timeout=10000)
    key, who = SIGN_IN_WORDS[language]

    def said() -> str:
        return " ".join(
            w.text() for w in window.page.findChildren(QLabel) if w.isVisibleTo(window.page)
        ).lower()

    assert key in said() and who in said(), said()
    qtbot.keyClicks(find(window, "token"), live_server.tokens["kiosk"])  # a kiosk's, not hers
    tap(qtbot, window, "sign-in")
    qtbot.waitUntil(lambda: window.flow.problem == "not_consultant", timeout=5000)
    assert key in text_of(window, "problem").lower() and who in text_of(window, "problem").lower()
    shoot(window, f"consultant-sign-in-refused-{language}")
    for jargon in ("token", "токен"):
        assert jargon not in said(), said()
