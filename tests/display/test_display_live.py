"""The wall display against a real hall server: calls appear, blink, are spoken, survive losses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.audio import QtVoiceOutput
from display.board import Board, Freshness, Zone
from display.clips import ClipSet
from display.link import HallLink
from display.views.window import DisplayWindow
from display.voice import Announcer, VoiceSettings
from hallserver.client import HallClient
from hallserver.protocol import HallEvent
from tests.conftest import LiveServer, open_counter
from tests.proxy import CuttableProxy

Display = tuple[DisplayWindow, HallLink, QtVoiceOutput, Announcer]
MakeDisplay = Callable[..., Display]


@pytest.fixture
def make_display(qtbot: QtBot, clip_dir: Path, tmp_path: Path) -> Iterator[MakeDisplay]:
    links: list[HallLink] = []

    def make(url: str, zone: Zone | None = None, orientation: str = "landscape") -> Display:
        board = Board(zone=zone or Zone())
        output = QtVoiceOutput(tmp_path / "calls", use_speakers=False)
        announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(), datetime.now)
        window = DisplayWindow(board, announcer, orientation=orientation, switch_s=0, blink_s=30)
        qtbot.addWidget(window)
        window.resize(1920, 1080) if orientation == "landscape" else window.resize(1080, 1920)
        link = HallLink(url, min_backoff=0.1, max_backoff=0.3)
        window.listen(link)
        links.append(link)
        window.show()
        link.start()
        qtbot.waitUntil(
            lambda: window.board.hall is not None and bool(window.board.services), timeout=5000
        )
        return window, link, output, announcer

    yield make
    for link in links:
        link.stop()


def highlighted(window: DisplayWindow) -> str | None:
    entry = window.calls_panel.highlighted()
    return entry.number if entry else None


def banner_shown(window: DisplayWindow) -> bool:
    return window.header.offline


def shown(window: DisplayWindow) -> list[tuple[str, int]]:
    return [(c.number, c.counter_number) for c in window.calls_panel.calls]


def test_a_call_appears_highlighted_and_blinking_and_is_spoken(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    window, _, output, announcer = make_display(live_server.url)
    operator = HallClient(live_server.url, open_counter(live_server, "c1", "disp-a"))
    HallClient(live_server.url, live_server.tokens["kiosk"]).issue_ticket("id-card")
    ticket = operator.call_next("c1")
    assert ticket is not None
    qtbot.waitUntil(lambda: shown(window)[:1] == [(ticket.number, 1)], timeout=3000)
    assert highlighted(window) == ticket.number
    assert window.calls_panel.flashing()
    qtbot.waitUntil(lambda: len(output.written) == 1, timeout=3000)
    assert [c.number for c in announcer.spoken] == [ticket.number]
    assert output.written[0].stat().st_size > 44 + 2 * 22050 * 3  # more than 3 s of speech


def test_the_announcement_line_follows_the_screens_language_live(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    window, _, _, _ = make_display(live_server.url)
    assert window.lang == "kk" and not window.ticker.isVisible()
    supervisor = HallClient(live_server.url, live_server.tokens["supervisor"])
    supervisor.announce({"kk": "Түскі үзіліс 13:00-де", "ru": "Обед в 13:00"})
    qtbot.waitUntil(lambda: window.ticker.text == "Түскі үзіліс 13:00-де", timeout=3000)
    assert window.ticker.isVisible()
    window._on_switch_language()  # the screen's turn to speak Russian
    assert (window.lang, window.ticker.text) == ("ru", "Обед в 13:00")
    window.set_language("en")  # no English text: the first one there is
    assert window.ticker.text == "Түскі үзіліс 13:00-де"
    supervisor.announce({})
    qtbot.waitUntil(lambda: not window.ticker.isVisible(), timeout=3000)


def test_a_recall_brings_the_call_back_to_the_top_blinking_and_speaks_it_again(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    window, _, output, announcer = make_display(live_server.url)
    first = HallClient(live_server.url, open_counter(live_server, "c1", "disp-b1"))
    second = HallClient(live_server.url, open_counter(live_server, "c4", "disp-b4"))
    kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
    kiosk.issue_ticket("id-card")
    kiosk.issue_ticket("birth-registration")
    a = first.call_next("c1")
    b = second.call_next("c4")
    assert a is not None and b is not None
    qtbot.waitUntil(lambda: shown(window)[:2] == [(b.number, 4), (a.number, 1)], timeout=3000)
    first.recall(a.id)
    qtbot.waitUntil(lambda: shown(window)[:2] == [(a.number, 1), (b.number, 4)], timeout=3000)
    assert highlighted(window) == a.number
    assert window.calls_panel.flashing()
    qtbot.waitUntil(lambda: len(output.written) == 3, timeout=5000)
    assert [c.number for c in announcer.spoken] == [a.number, b.number, a.number]


def test_a_visitor_who_steps_away_leaves_the_board_and_returns_when_called_back(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    import httpx

    window, _, output, announcer = make_display(live_server.url)
    token = open_counter(live_server, "c1", "disp-p")
    operator = {"Authorization": f"Bearer {token}"}
    HallClient(live_server.url, live_server.tokens["kiosk"]).issue_ticket("id-card")
    ticket = HallClient(live_server.url, token).call_next("c1")
    assert ticket is not None
    qtbot.waitUntil(lambda: shown(window)[:1] == [(ticket.number, 1)], timeout=3000)
    away = httpx.post(f"{live_server.api}/tickets/{ticket.id}/postpone", headers=operator)
    assert away.status_code == 200, away.text
    qtbot.waitUntil(lambda: (ticket.number, 1) not in shown(window), timeout=3000)
    back = httpx.post(
        f"{live_server.api}/counters/c1/call", json={"ticket_id": ticket.id}, headers=operator
    )
    assert back.status_code == 200, back.text
    qtbot.waitUntil(lambda: shown(window)[:1] == [(ticket.number, 1)], timeout=3000)
    assert highlighted(window) == ticket.number
    qtbot.waitUntil(lambda: len(output.written) == 2, timeout=5000)
    assert [c.number for c in announcer.spoken] == [ticket.number, ticket.number]


def test_a_zone_display_shows_only_its_counters_calls_and_their_lines(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    everything, *_ = make_display(live_server.url)
    zone_window, _, _, zone_announcer = make_display(live_server.url, Zone(counters=frozenset({4})))
    first = HallClient(live_server.url, open_counter(live_server, "c1", "disp-z1"))
    fourth = HallClient(live_server.url, open_counter(live_server, "c4", "disp-z4"))
    kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
    for service in ("id-card", "id-card", "birth-registration", "birth-registration"):
        kiosk.issue_ticket(service)
    a = first.call_next("c1")
    b = fourth.call_next("c4")
    assert a is not None and b is not None
    qtbot.waitUntil(lambda: len(shown(everything)) == 2, timeout=3000)
    qtbot.waitUntil(lambda: shown(zone_window) == [(b.number, 4)], timeout=3000)
    profile = set(zone_window.board.counters["c4"].profile)
    lines = {service.id for service, _ in zone_window.lines_panel.rows}
    assert "birth-registration" in lines and lines <= profile and "id-card" not in profile
    assert {service.id for service, _ in everything.lines_panel.rows} >= {
        "id-card",
        "birth-registration",
    }
    assert [c.number for c in zone_announcer.spoken] == [b.number]


def test_after_losing_the_server_it_keeps_the_calls_then_catches_up_and_says_the_recent_call(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    port = int(live_server.url.rsplit(":", 1)[1])
    proxy = CuttableProxy(port)
    try:
        window, link, output, announcer = make_display(proxy.url)
        qtbot.waitUntil(lambda: window.online, timeout=3000)
        first = HallClient(live_server.url, open_counter(live_server, "c1", "disp-r1"))
        second = HallClient(live_server.url, open_counter(live_server, "c4", "disp-r4"))
        kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
        for service in ("id-card", "birth-registration", "id-card"):
            kiosk.issue_ticket(service)
        a = first.call_next("c1")
        assert a is not None
        qtbot.waitUntil(lambda: len(output.written) == 1, timeout=3000)

        proxy.cut()
        qtbot.waitUntil(lambda: not window.online, timeout=3000)
        assert banner_shown(window)
        assert shown(window) == [(a.number, 1)]  # the last state stays on the wall
        b = second.call_next("c4")  # called while the display is away
        assert b is not None
        HallClient(live_server.url, live_server.tokens["supervisor"]).announce("Ескерту")

        proxy.restore()
        qtbot.waitUntil(lambda: window.online, timeout=5000)
        qtbot.waitUntil(lambda: shown(window)[:2] == [(b.number, 4), (a.number, 1)], timeout=3000)
        # logged after b's call, so it may arrive a moment later
        qtbot.waitUntil(lambda: window.ticker.text == "Ескерту", timeout=3000)
        assert not banner_shown(window)
        # b was called seconds ago: its visitor is still listening (it had been shown only)
        qtbot.waitUntil(lambda: len(output.written) == 2, timeout=5000)
        assert [c.number for c in announcer.spoken] == [a.number, b.number]

        first.start(a.id)
        first.finish(a.id)
        c = first.call_next("c1")  # a live call after the reconnect is spoken as usual
        assert c is not None
        qtbot.waitUntil(lambda: len(output.written) == 3, timeout=5000)
        assert [x.number for x in announcer.spoken] == [a.number, b.number, c.number]
        assert highlighted(window) == c.number
        assert link.online
    finally:
        proxy.close()


@pytest.mark.parametrize(
    ("kind", "seconds_before", "live", "recent"),
    [
        ("ticket.called", 29, False, True),  # a short cut: its visitor is still listening
        ("ticket.recalled", 29, False, True),
        ("ticket.called", 31, False, False),  # older news: shown, not said
        ("ticket.finished", 1, False, False),  # only calls are said
        ("ticket.called", -1, True, False),  # after the reconnection: live
    ],
)
def test_a_call_replayed_after_a_reconnection_is_recent_for_half_a_minute(
    kind: str, seconds_before: int, live: bool, recent: bool
) -> None:
    back = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    freshness = Freshness()
    event = HallEvent(7, kind, back - timedelta(seconds=seconds_before), "counter:c1", {})
    assert not freshness.is_live(event) and not freshness.is_recent_call(event), "not connected"
    freshness.connected(back)
    assert (freshness.is_live(event), freshness.is_recent_call(event)) == (live, recent)


def test_after_a_short_cut_only_the_calls_still_waiting_for_their_visitor_are_said(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    """A visitor called during the cut who has already reached the counter is not called out:
    the first replayed call had started playing before the replay of the visit's start could
    withdraw it."""
    with CuttableProxy(int(live_server.url.rsplit(":", 1)[1])) as proxy:
        window, _, _, announcer = make_display(proxy.url)
        qtbot.waitUntil(lambda: window.online, timeout=3000)
        fourth = HallClient(live_server.url, open_counter(live_server, "c4", "disp-s4"))
        first = HallClient(live_server.url, open_counter(live_server, "c1", "disp-s1"))
        kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
        for service in ("birth-registration", "id-card"):
            kiosk.issue_ticket(service)
        proxy.cut()
        qtbot.waitUntil(lambda: not window.online, timeout=3000)
        came = fourth.call_next("c4")
        assert came is not None
        fourth.start(came.id)  # the visitor is at counter 4 already
        waits = first.call_next("c1")
        assert waits is not None
        proxy.restore()
        qtbot.waitUntil(lambda: bool(announcer.spoken), timeout=5000)
        qtbot.wait(1000)
        assert [c.number for c in announcer.spoken] == [waits.number]
        assert highlighted(window) == waits.number


def test_a_service_renamed_on_the_server_is_renamed_on_the_wall_at_once(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    window, _, _, _ = make_display(live_server.url)
    name = {"kk": "Жеке куәлік", "ru": "Удостоверение", "en": "ID cards"}
    with HallClient(live_server.url, live_server.tokens["supervisor"]) as supervisor:
        supervisor.revise_service("id-card", {"name": name})
    qtbot.waitUntil(lambda: window.board.services["id-card"].name == name, timeout=3000)


def test_a_service_suspended_or_resumed_shows_on_the_wall_at_once(
    live_server: LiveServer, make_display: MakeDisplay, qtbot: QtBot
) -> None:
    """The line's own entry says it: the wall read a flag the event did not touch."""
    window, _, _, _ = make_display(live_server.url)

    def suspended() -> bool:
        return any(s.id == "id-card" and q.suspended for s, q in window.board.lines())

    with HallClient(live_server.url, live_server.tokens["kiosk"]) as kiosk:
        kiosk.issue_ticket("id-card")  # a line with someone in it: the wall shows it
    qtbot.waitUntil(lambda: bool(window.board.lines()), timeout=3000)
    with HallClient(live_server.url, live_server.tokens["supervisor"]) as supervisor:
        supervisor.suspend_service("id-card")
        qtbot.waitUntil(suspended, timeout=3000)
        supervisor.resume_service("id-card")
        qtbot.waitUntil(lambda: not suspended(), timeout=3000)


def test_a_call_whose_visitor_is_at_the_counter_before_it_is_spoken_is_not_spoken(
    live_server: LiveServer, qtbot: QtBot, clip_dir: Path
) -> None:
    """The window withdraws a waiting call when its ticket is no longer called."""
    from tests.display.test_voice import HeldOutput

    output = HeldOutput()  # the first call plays until the test lets it end
    announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(), datetime.now)
    window = DisplayWindow(Board(), announcer, orientation="landscape", switch_s=0)
    qtbot.addWidget(window)
    link = HallLink(live_server.url, min_backoff=0.1, max_backoff=0.3)
    window.listen(link)
    link.start()
    try:
        qtbot.waitUntil(lambda: window.board.hall is not None, timeout=5000)
        kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
        kiosk.issue_ticket("id-card")
        kiosk.issue_ticket("id-card")
        first = HallClient(live_server.url, open_counter(live_server, "c1", "voice-a"))
        second = HallClient(live_server.url, open_counter(live_server, "c2", "voice-b"))
        one, two = first.call_next("c1"), second.call_next("c2")
        assert one is not None and two is not None
        qtbot.waitUntil(lambda: [c.ticket_id for c in announcer.pending] == [two.id])
        second.start(two.id)  # the visitor came before the voice got to them
        qtbot.waitUntil(lambda: not announcer.pending, timeout=3000)
        while output.playing:
            output.finish()
        assert [c.ticket_id for c in announcer.spoken] == [one.id]
    finally:
        link.stop()


def test_a_display_without_voice_flashes_no_recent_call_whose_visitor_already_came(
    qtbot: QtBot,
) -> None:
    """With the voice off, the call of a visitor seated during the cut had still flashed."""
    window = DisplayWindow(Board(), None, orientation="landscape", switch_s=0, blink_s=30)
    qtbot.addWidget(window)
    at = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

    def event(seq: int, kind: str, status: str) -> HallEvent:
        ticket = {
            "id": "20261123-A001",
            "number": "A001",
            "service_id": "id-card",
            "status": status,
            "issued_at": at.isoformat(),
            "counter_id": "c1",
            "counter_number": 1,
            "called_at": at.isoformat(),
        }
        return HallEvent(seq, kind, at, "counter:c1", {"ticket": ticket, "counter_number": 1})

    called = event(5, "ticket.called", "called")
    window.on_event_received(called, False)
    window.on_recent_call(called)
    window.on_event_received(event(6, "ticket.started", "serving"), False)
    qtbot.wait(800)  # past the settle
    assert [c.number for c in window.board.calls] == ["A001"]  # shown, as history
    assert not window.calls_panel.flashing()
