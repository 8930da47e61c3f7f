"""Citizen mode against a real hall server and the simulated printer, tapped as a visitor would."""

from __future__ import annotations

import concurrent.futures
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hallserver.client import HallClient
from hardware.printer import PrinterStatus, TicketPrinter
from hardware.printer_links import PrinterLink
from hardware.profiles import load_profile
from hardware.ticket_layout import LABELS
from kiosk.flow import IssueRequest, Screen
from kiosk.issuing import Issuer, SlipWords
from tests.conftest import T0, Clock, LiveServer, open_counter, start_live_server
from tests.kiosk.conftest import shoot
from tests.proxy import CuttableProxy

SERVICE_NAMES = {
    "kk": "Жеке куәлік: алу және ауыстыру",
    "ru": "Удостоверение личности: получение и замена",
    "en": "ID card: new or replacement",
}
SOON = {"kk": "Сізді жақында шақырады", "ru": "Вас скоро вызовут", "en": "You will be called soon"}
FIRST = {
    "kk": "Алдыңызда ешкім жоқ",
    "ru": "Перед вами никого нет",
    "en": "You are first in line",
}


def find(window: QWidget, name: str) -> QWidget:
    page = getattr(window, "page", None) or window  # the current screen, not one being deleted
    widget = page.findChild(QWidget, name)
    assert widget is not None and widget.isVisible(), f"no visible {name}"
    return widget


def tap(qtbot: QtBot, window: QWidget, name: str) -> None:
    widget = find(window, name)
    assert isinstance(widget, QAbstractButton) and widget.isEnabled(), f"{name} cannot be tapped"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def text_of(window: QWidget, name: str) -> str:
    widget = find(window, name)
    assert isinstance(widget, QLabel)
    return widget.text()


def ready(qtbot: QtBot, kiosk: object) -> QWidget:
    window = kiosk.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(window.flow.online and window.flow.state.services), timeout=10000)
    return window  # type: ignore[no-any-return]


BRING = {
    "kk": ("Өзіңізбен алып келіңіз:", "Ескі жеке куәлік"),
    "ru": ("Что взять с собой:", "Старое удостоверение"),
    "en": ("What to bring:", "Old ID card"),
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_visitor_takes_a_ticket_in_their_language_and_it_prints(
    qtbot: QtBot,
    make_kiosk: Callable[..., object],
    printer_dir: Path,
    live_server: LiveServer,
    language: str,
) -> None:
    open_counter(live_server, "c1")  # ID cards are served: the wait is told in minutes
    window = ready(qtbot, make_kiosk())
    tap(qtbot, window, f"choose-{language}")
    tap(qtbot, window, "service-id-card")
    assert SERVICE_NAMES[language] in [w.text() for w in window.page.findChildren(QLabel)]
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    assert text_of(window, "number") == "A001"
    assert text_of(window, "wait") == SOON[language]  # nobody ahead: not "about 0 min"
    assert text_of(window, "ahead") == FIRST[language]  # nor "0 people ahead"
    assert find(window, "qr") is not None
    printed = (printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
    assert LABELS[language].first in printed and LABELS[language].soon in printed
    assert LABELS[language].priority not in printed, "a regular ticket"
    assert "A001" in printed and SERVICE_NAMES[language].split(":")[0] in printed
    bring, first_document = BRING[language]  # the demo hall's ID card: what to bring, printed
    assert bring in printed and f"- {first_document}" in printed
    witness = window.flow.issued.ticket.witness  # the log's seal at the issue, printed last
    assert witness is not None and printed.rstrip().endswith(f"{witness}\n[cut]")
    shoot(window, f"flow-ticket-{language}")
    tap(qtbot, window, "done")
    assert window.flow.screen is Screen.WELCOME
    tap(qtbot, window, f"choose-{language}")  # the next visitor has one person ahead
    tap(qtbot, window, "service-id-card")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: text_of(window, "number") == "A002", timeout=5000)
    # the visitor ahead: an ID card's typical 15 minutes, and the half minute's walk to it
    assert text_of(window, "wait") != SOON[language] and "16" in text_of(window, "wait")
    assert "1" in text_of(window, "ahead")


UNSERVED = {  # on the service's page, and on the ticket
    "kk": ("Бұл қызметке ашық терезе әзірге жоқ.", "ашылғанда шақырыласыз"),
    "ru": ("Для этой услуги пока нет открытого окна.", "вас вызовут, когда откроется"),
    "en": ("No counter open for this service yet.", "you will be called when one opens"),
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_before_any_counter_opens_no_wait_in_minutes_is_promised(
    qtbot: QtBot, make_kiosk: Callable[..., object], printer_dir: Path, language: str
) -> None:
    window = ready(qtbot, make_kiosk())
    tap(qtbot, window, f"choose-{language}")
    tap(qtbot, window, "service-id-card")
    line, ticket = UNSERVED[language]
    assert text_of(window, "line").startswith(line)  # nobody waits, nobody serves
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    assert text_of(window, "wait").endswith(ticket)
    printed = (printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
    assert LABELS[language].unserved in printed and "~" not in printed, "nor on paper"
    tap(qtbot, window, "done")
    tap(qtbot, window, f"choose-{language}")
    tap(qtbot, window, "service-id-card")
    said = text_of(window, "line")  # one waits: told, with no minutes
    assert said.endswith(line) and "1" in said and "мин" not in said and "min" not in said


def test_the_priority_path_issues_a_priority_ticket(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer, printer_dir: Path
) -> None:
    window = ready(qtbot, make_kiosk())
    tap(qtbot, window, "priority")
    tap(qtbot, window, "priority-elderly")
    tap(qtbot, window, "lang-ru")  # the language can change on any screen
    tap(qtbot, window, "service-passport")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    ticket_id = window.flow.issued.ticket.id
    with HallClient(live_server.url) as client:
        ticket = client.ticket(ticket_id)
    assert (ticket.priority, ticket.language) == ("elderly", "ru")
    printed = (printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
    assert LABELS["ru"].priority in printed  # and never why: not "Пожилой посетитель"
    assert "elderly" not in printed and "Пожилой" not in printed


def test_out_of_paper_shows_the_number_longer_and_tells_the_supervisor(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer, printer_dir: Path
) -> None:
    window = ready(qtbot, make_kiosk(ticket_s=1, ticket_fault_s=60, popular=("pension",)))
    (printer_dir / "state").write_text("paper_out\n")
    tap(qtbot, window, "choose-en")
    tap(qtbot, window, "service-pension")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    assert "out of paper" in text_of(window, "printer-problem")
    assert not list(printer_dir.glob("ticket-*.bin"))
    assert window._ticket_timer.interval() == 60_000
    headers = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}

    def reported() -> bool:
        terminals = httpx.get(f"{live_server.api}/terminals", headers=headers).json()
        return any(t["printer"] == "paper_out" for t in terminals)

    qtbot.waitUntil(reported, timeout=5000)


def test_paper_that_runs_out_during_the_ticket_shows_the_number_and_tells_the_supervisor_at_once(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer, printer_dir: Path
) -> None:
    """The printer said "online" before the ticket and the roll ran out during it: the kiosk had
    taken it as printed, the visitor left with half a ticket or none, and the supervisor heard at
    the next heartbeat (here an hour away)."""
    window = ready(qtbot, make_kiosk(ticket_s=1, ticket_fault_s=60, popular=("pension",)))
    (printer_dir / "tickets_left").write_text("0\n")  # the roll ends in the next ticket
    tap(qtbot, window, "choose-kk")
    tap(qtbot, window, "service-pension")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    assert window.flow.issued is not None
    assert window.flow.issued.printer_problem == "paper_out"
    assert text_of(window, "number") == "G001"
    assert "Принтерде қағаз бітті" in text_of(window, "printer-problem")
    assert not list(printer_dir.glob("ticket-*.bin"))
    assert (printer_dir / "state").read_text().strip() == "paper_out"
    assert window._ticket_timer.interval() == 60_000
    headers = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}

    def reported() -> bool:
        terminals = httpx.get(f"{live_server.api}/terminals", headers=headers).json()
        return any(t["printer"] == "paper_out" for t in terminals)

    qtbot.waitUntil(reported, timeout=5000)


class _DriverFault(PrinterLink):
    """A printer driver failing in its own way (no PrinterError): a library's bug, a USB stack's
    exception."""

    def write(self, data: bytes) -> None:
        raise AssertionError("not reached: the status comes first")

    def status(self, timeout: float) -> PrinterStatus:
        raise RuntimeError("usb stack gone")


def test_a_printer_fault_of_any_kind_still_shows_the_issued_number(
    live_server: LiveServer,
) -> None:
    """The server has issued the ticket: a visitor must see its number whatever the printer
    driver raises (an unforeseen one had reached the screen as an internal error)."""
    with HallClient(live_server.url, token=live_server.tokens["kiosk"]) as client:
        printer = TicketPrinter("usb:04b8:0e15", _DriverFault(), load_profile("TM-T20II"))
        issuer = Issuer(client, printer)
        words = lambda ticket: SlipWords("Күтіңіз", "")  # noqa: E731
        services = {service.id: service for service in client.services()}
        request = IssueRequest("kk", "pension")
        issued = issuer.issue(request, services, client.hall().name, words)
        assert (issued.ticket.number, issued.printer_problem) == ("G001", "printer_error")
        supervisor = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}
        terminals = httpx.get(f"{live_server.api}/terminals", headers=supervisor).json()
        assert [t["printer"] for t in terminals] == ["offline"], "the supervisor is told"


def test_a_suspended_service_says_so_and_issues_nothing(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    window = ready(qtbot, make_kiosk())
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        client.suspend_service("land-plot")
    qtbot.waitUntil(lambda: window.flow.state.suspended("land-plot"), timeout=5000)
    tap(qtbot, window, "choose-kk")
    window.flow.open_group(window.flow.state.services["land-plot"].group)
    window.render()
    tile = find(window, "service-land-plot")  # marked among the others, and still opens
    assert tile.property("role") == "disabled"
    assert tile.words.text().endswith("\nБүгін талон берілмейді")  # type: ignore[attr-defined]
    assert find(window, "service-property-rights").property("role") == "tile"
    shoot(window, "flow-group-suspended-kk")
    tap(qtbot, window, "service-land-plot")
    assert find(window, "suspended")
    assert window.page.findChild(QWidget, "take-ticket") is None  # no button that does nothing


def test_a_service_changed_on_the_server_shows_on_the_kiosk_at_once(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    window = ready(qtbot, make_kiosk())
    tap(qtbot, window, "choose-en")
    window.flow.open_group(window.flow.state.services["land-plot"].group)
    window.render()
    fee = {"kk": "1 АЕК", "ru": "1 МРП", "en": "1 MCI (about 4,325 tenge)"}
    name = {"kk": "Жер учаскесі", "ru": "Земельный участок", "en": "Land plot: new documents"}
    tile = "service-land-plot"
    assert find(window, tile).words.text() != name["en"]  # type: ignore[attr-defined]
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        changed = client.revise_service("land-plot", {"fee": fee, "name": name})
        assert changed.fee == fee
        # the page on screen takes the new name, with no reload
        qtbot.waitUntil(lambda: find(window, tile).words.text() == name["en"])  # type: ignore[attr-defined]
        tap(qtbot, window, tile)
        costs = [w.text() for w in window.page.findChildren(QLabel) if "MCI" in w.text()]
        assert costs == ["Cost: 1 MCI (about 4,325 tenge)"]
        client.suspend_service("land-plot")  # the service page follows it too
        qtbot.waitUntil(lambda: window.page.findChild(QWidget, "suspended") is not None)


def test_a_tile_turns_grey_when_its_lines_last_ticket_goes_elsewhere(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    window = ready(qtbot, make_kiosk())
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        client.revise_service("land-plot", {"daily_limit": 1})
    tap(qtbot, window, "choose-en")
    window.flow.open_group(window.flow.state.services["land-plot"].group)
    window.render()
    qtbot.waitUntil(lambda: window.flow.state.queue["land-plot"].tickets_left == 1)
    assert find(window, "service-land-plot").property("role") == "tile"
    with HallClient(live_server.url, token=live_server.tokens["kiosk"]) as other:
        other.issue_ticket("land-plot")  # at another kiosk: today's last one
    qtbot.waitUntil(lambda: find(window, "service-land-plot").property("role") == "disabled")
    assert find(window, "service-land-plot").words.text().endswith("No more tickets today")  # type: ignore[attr-defined]


def test_a_hall_whose_database_has_gone_quiet_tells_the_visitor_to_try_again(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    from hallserver.service import HallService

    service = live_server.hall
    assert isinstance(service, HallService)
    kiosk = make_kiosk()
    window = ready(qtbot, kiosk)
    # the kiosk asks again for a while (ISSUE_RETRY_S) before it says so: here for a second,
    # while the other kiosk's request still waits
    kiosk.link.issuer.client.issue_retry_s = 1.0  # type: ignore[attr-defined]
    service.stalled_after_s = 0.2
    pid = service.writer_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # the database answers nothing
    try:
        with (
            HallClient(live_server.url, token=live_server.tokens["kiosk"]) as other,
            concurrent.futures.ThreadPoolExecutor(1) as pool,
        ):
            sent = pool.submit(other.issue_ticket, "id-card")  # at another kiosk: it waits
            qtbot.waitUntil(lambda: service.trouble() is not None, timeout=10_000)
            tap(qtbot, window, "choose-kk")
            tap(qtbot, window, "service-id-card")
            tap(qtbot, window, "take-ticket")
            qtbot.waitUntil(lambda: window.flow.screen is Screen.NOTICE, timeout=5000)
            assert text_of(window, "notice") == (
                "Зал сервері қазір талон бере алмайды. Сәлден соң қайталап көріңіз."
            )
            shoot(window, "flow-database-quiet-kk")
            os.kill(pid, signal.SIGCONT)
            assert sent.result(timeout=30).number == "A001"  # the one sent first is issued
    finally:
        os.kill(pid, signal.SIGCONT)


def test_a_kiosk_another_was_paired_in_place_of_says_so_to_the_visitor(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    window = ready(qtbot, make_kiosk())
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        code = client.create_pairing_code("kiosk", "test-kiosk").code  # its own name
    with HallClient(live_server.url) as newcomer:
        newcomer.enroll(code, None)  # the new machine takes its place: its token is revoked
    tap(qtbot, window, "choose-en")
    tap(qtbot, window, "service-id-card")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.NOTICE, timeout=5000)
    assert text_of(window, "notice").startswith("This kiosk no longer issues tickets")


def test_the_first_screen_shows_the_halls_announcement_line_as_it_changes(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    window = ready(qtbot, make_kiosk())
    assert window.page.findChild(QWidget, "announcement") is None  # nothing to say yet
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        client.announce({"kk": "Сенбі күні 13:00-ге дейін", "ru": "В субботу до 13:00"})

        def shown() -> str:
            notice = window.page.findChild(QLabel, "announcement")
            return notice.text() if notice is not None and notice.isVisible() else ""

        # live, on the screen a visitor first sees; English, not written, is not repeated
        qtbot.waitUntil(lambda: shown() == "Сенбі күні 13:00-ге дейін\nВ субботу до 13:00")
        client.announce({})
        qtbot.waitUntil(lambda: shown() == "")


def test_idle_returns_to_the_first_screen(qtbot: QtBot, make_kiosk: Callable[..., object]) -> None:
    window = ready(qtbot, make_kiosk(idle_s=0.3))
    tap(qtbot, window, "choose-ru")
    tap(qtbot, window, "search")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.WELCOME, timeout=3000)
    assert window.flow.language == "kk"


def test_searching_by_typing_on_the_screen_keyboard_finds_the_service(
    qtbot: QtBot, make_kiosk: Callable[..., object]
) -> None:
    window = ready(qtbot, make_kiosk())
    tap(qtbot, window, "choose-ru")
    tap(qtbot, window, "search")
    keyboard = find(window, "keyboard")
    for letter in "пенс":
        key = next(
            b
            for b in find(window, "keyboard").findChildren(QAbstractButton)
            if b.text() == letter.upper()
        )
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    assert keyboard is not None
    assert text_of(window, "query").startswith("пенс")
    tap(qtbot, window, "service-pension")
    assert window.flow.screen is Screen.SERVICE


def test_losing_the_server_shows_a_banner_and_resumes_from_the_last_event(
    qtbot: QtBot, make_kiosk: Callable[..., object], live_server: LiveServer
) -> None:
    relay = CuttableProxy(int(live_server.url.rsplit(":", 1)[1]))
    try:
        kiosk = make_kiosk(server_url=relay.url)
        window = ready(qtbot, kiosk)
        tap(qtbot, window, "choose-en")
        tap(qtbot, window, "service-id-card")
        relay.cut()
        qtbot.waitUntil(lambda: not window.flow.online, timeout=5000)
        assert find(window, "offline-banner")
        take = find(window, "take-ticket")
        assert isinstance(take, QAbstractButton) and not take.isEnabled()
        shoot(window, "flow-offline-en")
        with HallClient(live_server.url, token=live_server.tokens["kiosk"]) as client:
            missed = client.issue_ticket("id-card")  # happens while the kiosk is away
        relay.restore()
        qtbot.waitUntil(lambda: window.flow.online, timeout=10000)
        qtbot.waitUntil(lambda: window.flow.state.queue["id-card"].waiting == 1, timeout=5000)
        assert kiosk.link.last_seq is not None  # type: ignore[attr-defined]
        assert window.page.findChild(QWidget, "offline-banner") is None
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
        assert window.flow.issued.ticket.people_ahead == 1
        assert missed.number == "A001" and text_of(window, "number") == "A002"
    finally:
        relay.cut()


def test_a_lost_answer_to_take_a_ticket_is_asked_again_and_gives_one_ticket(
    qtbot: QtBot, make_kiosk: Callable[..., object], printer_dir: Path, live_server: LiveServer
) -> None:
    """The connection drops as the server answers the kiosk's POST /tickets: the kiosk asks
    again under the same request key and shows and prints the ticket issued, the only one."""
    relay = CuttableProxy(int(live_server.url.rsplit(":", 1)[1]))
    try:
        window = ready(qtbot, make_kiosk(server_url=relay.url))
        tap(qtbot, window, "choose-en")
        tap(qtbot, window, "service-id-card")
        relay.lose_answers = [b"POST /api/v1/tickets"]
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: window.flow.screen is not Screen.SERVICE, timeout=15000)
        assert relay.lost == 1, "the first answer was lost"
        assert window.flow.screen is Screen.TICKET and text_of(window, "number") == "A001"
        assert window.flow.issued.ticket.witness  # printed last on the slip, as ever
        printed = sorted(p.name for p in printer_dir.glob("ticket-*.txt"))
        assert printed == ["ticket-0001.txt"], "printed once"
        assert "A001" in (printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
        with HallClient(live_server.url) as client:
            assert client.queue()[0].service_id == "id-card"
            assert sum(entry.waiting for entry in client.queue()) == 1
    finally:
        relay.cut()


def test_the_same_visitor_tapping_again_after_the_kiosk_gave_up_gets_the_ticket_issued(
    qtbot: QtBot, make_kiosk: Callable[..., object], printer_dir: Path, live_server: LiveServer
) -> None:
    """Every try's answer is lost until the kiosk gives up ('cannot reach'); the visitor taps
    again and the kiosk sends the unanswered key again: the ticket issued then, not another."""
    relay = CuttableProxy(int(live_server.url.rsplit(":", 1)[1]))
    try:
        kiosk = make_kiosk(server_url=relay.url)
        window = ready(qtbot, kiosk)
        kiosk.link.issuer.client.issue_retry_s = 0.5  # type: ignore[attr-defined]  # gives up soon
        tap(qtbot, window, "choose-en")
        tap(qtbot, window, "service-id-card")
        relay.lose_answers = [b"POST /api/v1/tickets"] * 10
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: window.flow.screen is Screen.NOTICE, timeout=15000)
        assert window.flow.notice is not None and window.flow.notice.code == "unreachable"
        relay.lose_answers = []
        window.flow.back()
        window.render()
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=15000)
        assert text_of(window, "number") == "A001"
        with HallClient(live_server.url) as client:
            assert sum(entry.waiting for entry in client.queue()) == 1
        tap(qtbot, window, "done")  # the next visitor: a new request
        tap(qtbot, window, "choose-en")
        tap(qtbot, window, "service-id-card")
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: text_of(window, "number") == "A002", timeout=5000)
    finally:
        relay.cut()


@pytest.fixture
def clocked(tmp_path: Path) -> Iterator[tuple[LiveServer, Clock]]:
    clock = Clock()
    live, server, thread = start_live_server(
        f"sqlite:///{tmp_path / 'clocked.sqlite3'}", clock=clock
    )
    yield live, clock
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


def test_the_hall_closed_says_when_it_opens_and_issues_nothing(
    qtbot: QtBot,
    make_kiosk: Callable[..., object],
    clocked: tuple[LiveServer, Clock],
    printer_dir: Path,
) -> None:
    live, clock = clocked
    # start_live_server always ignores opening hours; this hall keeps them (Mon-Sat 09-20).
    live.hall.enforce_hours = True  # type: ignore[attr-defined]
    live.hall.hall.enforce_hours = True  # type: ignore[attr-defined]
    clock.now = T0.replace(hour=21)
    window = ready(qtbot, make_kiosk(server_url=live.url, token=live.tokens["kiosk"]))
    qtbot.waitUntil(lambda: not window.flow.state.is_open, timeout=5000)
    # said before a language is chosen, in all three
    qtbot.waitUntil(lambda: window.page.findChild(QLabel, "hall-closed") is not None)
    closed = text_of(window, "hall-closed").splitlines()
    assert closed == [
        "Зал қазір жабық, 24.11 күні сағат 09:00-де ашылады.",
        "Зал сейчас закрыт. Время открытия: 24.11 09:00.",
        "The hall is closed now: it opens at 24.11 09:00.",
    ]
    shoot(window, "flow-welcome-closed")
    tap(qtbot, window, "choose-en")
    assert window.flow.screen is Screen.CLOSED
    assert "09:00" in text_of(window, "opens-at")
    shoot(window, "flow-closed-en")
    window.flow.open_service("id-card")  # a visitor already on a page when the hall closes
    window.flow.state.hall = window.flow.state.hall.__class__(
        **{**window.flow.state.hall.__dict__, "open": True}
    )
    window.render()  # the page itself knows tickets stopped at 19:30 …
    assert find(window, "stopped")
    assert window.page.findChild(QWidget, "take-ticket") is None
    line = window.flow.state.queue["id-card"]  # … and one that did not hear is told by the server
    window.flow.state.queue["id-card"] = replace(line, issuing_until=None)
    window.render()
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.CLOSED, timeout=5000)
    assert "09:00" in text_of(window, "opens-at")
    assert not list(printer_dir.glob("ticket-*.bin"))


def test_iin_check_in_explains_a_wrong_iin_and_checks_in_a_good_one(
    qtbot: QtBot, make_kiosk: Callable[..., object], clocked: tuple[LiveServer, Clock]
) -> None:
    live, clock = clocked
    with HallClient(live.url, token=live.tokens["supervisor"]) as client:
        client.book("id-card", T0 + timedelta(hours=1), iin="900101300007")
        client.book("passport", T0 + timedelta(hours=3), iin="850505400018")
        client.book("id-card", T0 + timedelta(days=2, hours=1), iin="900202300006")
    clock.advance(minutes=45)
    window = ready(qtbot, make_kiosk(server_url=live.url, token=live.tokens["kiosk"]))
    tap(qtbot, window, "appointment")
    pad = find(window, "pad")

    def type_iin(digits: str) -> None:
        while window.flow.entry:
            window.flow.erase_key()
        for digit in digits:
            key = next(
                b for b in find(window, "pad").findChildren(QAbstractButton) if b.text() == digit
            )
            qtbot.mouseClick(key, Qt.MouseButton.LeftButton)

    assert pad is not None
    type_iin("900101300005")  # checksum wrong
    assert window.flow.entry == "900101300005"
    tap(qtbot, window, "submit-checkin")
    assert "mistyped" in text_of(window, "entry-problem") or window.flow.entry_problem == "checksum"
    type_iin("901301300007")  # month 13
    tap(qtbot, window, "submit-checkin")
    assert window.flow.entry_problem == "date"
    shoot(window, "flow-checkin-problem-kk")
    type_iin("850505400018")  # booked for 13:00: too early at 10:45
    tap(qtbot, window, "submit-checkin")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.NOTICE, timeout=5000)
    assert "12:30" in text_of(window, "notice")
    tap(qtbot, window, "back")
    type_iin("900202300006")  # booked for Wednesday: it says which day
    tap(qtbot, window, "submit-checkin")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.NOTICE, timeout=5000)
    assert "Бұл жазылу 25.11 күнге" in text_of(window, "notice")
    tap(qtbot, window, "back")
    type_iin("900101300007")
    tap(qtbot, window, "submit-checkin")
    qtbot.waitUntil(lambda: window.flow.screen is Screen.TICKET, timeout=5000)
    ticket = window.flow.issued.ticket
    assert ticket.appointment_at is not None and ticket.service_id == "id-card"
