"""The terminals' client against a real hall server on loopback: commands, refusals, events."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from hallserver import protocol
from hallserver.client import (
    Enrollment,
    EnrollmentError,
    EventStream,
    HallClient,
    HallRefused,
    HallUnreachable,
)
from hallserver.protocol import HallEvent, Snapshot, TicketView
from tests.conftest import (
    LiveServer,
    a_free_slot,
    add_operator,
    counter_terminal_token,
    open_counter,
    serving,
)
from tests.proxy import CuttableProxy

SERVICE = "id-card"  # the demo hall's; counter c1 serves it (and passport)
OTHER_SERVICE = "passport"
COUNTER = "c1"


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        threading.Event().wait(0.01)


@pytest.fixture
def kiosk(live_server: LiveServer) -> Iterator[HallClient]:
    with HallClient(live_server.url, live_server.tokens["kiosk"]) as client:
        yield client


@pytest.fixture
def operator(live_server: LiveServer) -> Iterator[HallClient]:
    with HallClient(live_server.url, open_counter(live_server, COUNTER)) as client:
        yield client


@pytest.fixture
def supervisor(live_server: LiveServer) -> Iterator[HallClient]:
    with HallClient(live_server.url, live_server.tokens["supervisor"]) as client:
        yield client


class Recorder:
    """Collects what an EventStream delivers, from its thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[HallEvent] = []
        self.snapshots: list[Snapshot] = []
        self.online: list[bool] = []

    def on_event(self, event: HallEvent) -> None:
        with self.lock:
            self.events.append(event)

    def on_snapshot(self, snapshot: Snapshot) -> None:
        with self.lock:
            self.snapshots.append(snapshot)

    def on_online_changed(self, online: bool) -> None:
        with self.lock:
            self.online.append(online)

    def stream(
        self, live: LiveServer, *, after: int | None = None, min_backoff: float = 0.2
    ) -> EventStream:
        return EventStream(
            live.url,
            self.on_event,
            self.on_snapshot,
            self.on_online_changed,
            after,
            min_backoff=min_backoff,
        )

    def seqs(self) -> list[int]:
        with self.lock:
            return [e.seq for e in self.events]

    def types(self) -> list[str]:
        with self.lock:
            return [e.type for e in self.events]


# ---------------------------------------------------------------------- reads


def test_reads_return_typed_views_of_the_demo_hall(kiosk: HallClient) -> None:
    hall = kiosk.hall()
    assert hall.id == "demo-hall"
    assert set(hall.name) == {"kk", "ru", "en"}
    assert hall.protocol_version == protocol.PROTOCOL_VERSION
    services = kiosk.services()
    assert SERVICE in {s.id for s in services}
    assert kiosk.service(SERVICE).documents
    assert {q.service_id for q in kiosk.queue()} == {s.id for s in services}
    counters = kiosk.counters()
    assert counters[0].id == COUNTER and counters[0].state == "closed"
    assert kiosk.health() is True


def test_snapshot_has_the_seq_and_the_open_tickets(kiosk: HallClient) -> None:
    ticket = kiosk.issue_ticket(SERVICE)
    snapshot = kiosk.snapshot()
    assert snapshot.seq >= 1
    assert [t.id for t in snapshot.tickets] == [ticket.id]
    assert snapshot.hall.id == "demo-hall"


# ---------------------------------------------------------------------- ticket life


def test_issue_call_start_finish_rate_round_trip(kiosk: HallClient, operator: HallClient) -> None:
    issued = kiosk.issue_ticket(SERVICE, language="ru")
    assert (issued.status, issued.position, issued.language) == ("waiting", 1, "ru")
    assert issued.number.startswith("A")
    called = operator.call_next(COUNTER)
    assert called is not None
    assert (called.id, called.status, called.counter_number) == (issued.id, "called", 1)
    assert operator.start(issued.id).status == "serving"
    assert operator.finish(issued.id).status == "finished"
    assert kiosk.rate(issued.id, "excellent").rating == "excellent"
    assert kiosk.ticket(issued.id).rating == "excellent"


def test_call_next_gives_none_when_nobody_waits(operator: HallClient) -> None:
    assert operator.call_next(COUNTER) is None


def test_recall_and_no_show_act_on_a_called_ticket(kiosk: HallClient, operator: HallClient) -> None:
    issued = kiosk.issue_ticket(SERVICE)
    operator.call_next(COUNTER)
    assert operator.recall(issued.id).times_called == 2
    assert operator.no_show(issued.id).status == "no_show"


def test_requeue_puts_a_called_ticket_back_to_waiting(
    kiosk: HallClient, operator: HallClient
) -> None:
    issued = kiosk.issue_ticket(SERVICE)
    operator.call_next(COUNTER)
    assert operator.requeue(issued.id).status == "waiting"


def test_transfer_moves_a_ticket_to_another_service(
    kiosk: HallClient, operator: HallClient
) -> None:
    issued = kiosk.issue_ticket(SERVICE)
    operator.call_next(COUNTER)
    operator.start(issued.id)
    moved = operator.transfer(issued.id, OTHER_SERVICE, note="needs a passport too")
    assert (moved.service_id, moved.status, moved.transfers) == (OTHER_SERVICE, "waiting", 1)


def test_cancel_closes_a_waiting_ticket(kiosk: HallClient, supervisor: HallClient) -> None:
    issued = kiosk.issue_ticket(SERVICE)
    assert supervisor.cancel(issued.id, reason="left the hall").status == "cancelled"


def test_supervisor_calls_a_ticket_out_of_order_with_a_reason(
    live_server: LiveServer, kiosk: HallClient, supervisor: HallClient
) -> None:
    open_counter(live_server, COUNTER)
    first = kiosk.issue_ticket(SERVICE)
    second = kiosk.issue_ticket(SERVICE)
    called = supervisor.call_ticket(COUNTER, second.id, "appointment on paper")
    assert called.id == second.id
    assert kiosk.ticket(first.id).status == "waiting"


# ---------------------------------------------------------------------- counters and operators


def test_operator_pauses_and_closes_their_counter(operator: HallClient) -> None:
    paused = operator.pause_counter(COUNTER, "lunch")
    assert (paused.state, paused.pause_reason) == ("paused", "lunch")
    assert operator.open_counter(COUNTER).state == "open"
    assert operator.close_counter(COUNTER).state == "closed"


def test_sign_in_gives_an_operator_token_and_sign_out_revokes_it(
    live_server: LiveServer,
) -> None:
    add_operator(live_server, "aigerim", "2468")
    terminal = counter_terminal_token(live_server, "c2")
    with HallClient(live_server.url, terminal) as client:
        session = client.sign_in("c2", "aigerim", "2468")
        assert (session.login, session.counter.id) == ("aigerim", "c2")
        client.token = session.token
        assert client.open_counter("c2").operator_id == "aigerim"
        assert client.whoami().role == "operator"
        client.sign_out("c2")
        with pytest.raises(HallRefused) as refused:
            client.whoami()
    assert (refused.value.status, refused.value.code) == (401, "unauthorized")


def test_supervisor_sets_a_profile_suspends_a_service_and_announces(
    supervisor: HallClient,
) -> None:
    counter = supervisor.set_profile("c3", {SERVICE: "main"})
    assert dict(counter.profile) == {SERVICE: "main"}
    assert supervisor.suspend_service(SERVICE).suspended is True
    assert supervisor.resume_service(SERVICE).suspended is False
    assert supervisor.announce("Перерыв до 14:00") == "Перерыв до 14:00"


# ---------------------------------------------------------------------- enrollment, bookings


def test_a_pairing_code_enrolls_a_terminal_whose_token_works(
    live_server: LiveServer, supervisor: HallClient
) -> None:
    pairing = supervisor.create_pairing_code("kiosk", "Kiosk at the door")
    assert pairing.expires_at > datetime.now(pairing.expires_at.tzinfo)
    with HallClient(live_server.url) as fresh:
        terminal = fresh.enroll(pairing.code, "Kiosk at the door")
        assert (terminal.role, terminal.hall_id) == ("kiosk", "demo-hall")
        fresh.token = terminal.token
        assert fresh.issue_ticket(SERVICE).status == "waiting"


def test_enrollment_is_saved_and_loaded_so_the_terminal_starts_in_its_mode(
    live_server: LiveServer, supervisor: HallClient, tmp_path: Path
) -> None:
    path = tmp_path / "config" / "display.json"
    assert Enrollment.load(path) is None
    code = supervisor.create_pairing_code("display", "Wall display").code
    saved = Enrollment.enroll(live_server.url, code, "Wall display", path)
    loaded = Enrollment.load(path)
    assert loaded == saved
    assert (loaded.role, loaded.server_url) == ("display", live_server.url)
    assert path.stat().st_mode & 0o077 == 0
    Enrollment.forget(path)
    assert Enrollment.load(path) is None


def test_a_damaged_enrollment_file_is_reported_not_crashed_on(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.json"
    path.write_text('{"token": 5}', encoding="utf-8")
    with pytest.raises(EnrollmentError):
        Enrollment.load(path)


def test_enrollment_default_path_is_under_the_user_config_dir() -> None:
    path = Enrollment.default_path("kiosk")
    assert path.name == "kiosk.json" and path.parent.name == "kezek"


def test_book_then_cancel_a_booking(kiosk: HallClient, live_server: LiveServer) -> None:
    import httpx

    with httpx.Client(base_url=live_server.api, timeout=10) as http:
        slot = a_free_slot(http)  # not a weekend nor a holiday, whatever day the tests run
    booking = kiosk.book(SERVICE, slot, iin="900101300017")
    assert (booking.service_id, booking.state) == (SERVICE, "booked")
    read = kiosk.booking(booking.code)  # by code: the IIN masked
    assert (read.code, read.slot_at, read.iin) == (booking.code, booking.slot_at, "********0017")
    assert kiosk.cancel_booking(booking.code).state == "cancelled"


# ---------------------------------------------------------------------- failures


def test_a_refusal_carries_the_servers_code_and_message(kiosk: HallClient) -> None:
    with pytest.raises(HallRefused) as refused:
        kiosk.issue_ticket("no-such-service")
    assert refused.value.status == 404
    assert refused.value.code == "service_not_found"
    assert "no-such-service" in refused.value.message


def test_changing_the_queue_without_a_token_is_refused(live_server: LiveServer) -> None:
    with HallClient(live_server.url) as anonymous, pytest.raises(HallRefused) as refused:
        anonymous.issue_ticket(SERVICE)
    assert refused.value.status == 401


def test_an_unknown_path_segment_cannot_escape_its_route(kiosk: HallClient) -> None:
    with pytest.raises(HallRefused) as refused:
        kiosk.ticket("../hall")
    assert refused.value.status == 404


def test_an_unreachable_server_raises_hall_unreachable_quickly() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with HallClient(f"http://127.0.0.1:{port}", timeout=2.0) as client:
        with pytest.raises(HallUnreachable):
            client.hall()
        with pytest.raises(HallUnreachable):
            client.call_next(COUNTER)
    assert time.monotonic() - started < 2.0


def test_a_ticket_asked_for_with_a_key_is_asked_again_while_the_hall_is_slow_and_issued_once(
    live_server: LiveServer,
) -> None:
    """The database stalls longer than the client waits: its first try times out, the next
    ones meet a 503 or wait; once the database answers, a try with the same key gets the
    ticket issued by the first, and the hall holds that one alone."""
    from hallserver.service import HallService

    service = live_server.hall
    assert isinstance(service, HallService)
    service.stalled_after_s = 0.5
    pid = service.writer_pid()
    assert pid is not None
    with HallClient(live_server.url, live_server.tokens["kiosk"], timeout=1.0) as client:
        os.kill(pid, signal.SIGSTOP)
        resume = threading.Timer(3.0, os.kill, (pid, signal.SIGCONT))
        resume.start()
        try:
            started = time.monotonic()
            ticket = client.issue_ticket("id-card", request_id="tap-1")
        finally:
            resume.cancel()
            os.kill(pid, signal.SIGCONT)
        assert time.monotonic() - started > 2.5, "answered after the stall, not before"
        assert ticket.number == "A001"
        assert [q.waiting for q in client.queue() if q.service_id == "id-card"] == [1]
    with HallClient("http://127.0.0.1:9", timeout=0.5) as nobody:  # it gives up in time
        started = time.monotonic()
        with pytest.raises(HallUnreachable):
            nobody.issue_ticket("id-card", request_id="tap-2", retry_s=1.0)
        assert time.monotonic() - started < 2.0


# ---------------------------------------------------------------------- event stream


def test_event_stream_starts_with_a_snapshot_then_gets_a_call(
    live_server: LiveServer, kiosk: HallClient, operator: HallClient
) -> None:
    issued = kiosk.issue_ticket(SERVICE)
    recorder = Recorder()
    with recorder.stream(live_server):
        wait_until(lambda: len(recorder.snapshots) == 1)
        assert [t.id for t in recorder.snapshots[0].tickets] == [issued.id]
        operator.call_next(COUNTER)
        wait_until(lambda: protocol.TICKET_CALLED in recorder.types())
    called = recorder.events[-1]
    assert called.ticket is not None and called.ticket.id == issued.id
    assert called.seq == recorder.snapshots[0].seq + 1
    assert recorder.online == [True, False]


def test_event_stream_resumes_after_a_drop_without_losing_or_repeating_events(
    live_server: LiveServer, kiosk: HallClient
) -> None:
    recorder = Recorder()
    hall = live_server.hall
    loop = live_server.loop
    assert loop is not None
    with recorder.stream(live_server, min_backoff=0.3):
        wait_until(lambda: recorder.online == [True] and len(recorder.snapshots) == 1)
        kiosk.issue_ticket(SERVICE)
        wait_until(lambda: len(recorder.events) == 1)
        # The server cuts every subscriber off (as when a client falls too far behind).
        loop.call_soon_threadsafe(hall.hub.close_all)  # type: ignore[attr-defined]
        wait_until(lambda: recorder.online == [True, False])
        missed = [kiosk.issue_ticket(SERVICE).id for _ in range(3)]  # while it is offline
        wait_until(lambda: recorder.online == [True, False, True])
        later = kiosk.issue_ticket(SERVICE).id
        wait_until(lambda: len(recorder.events) >= 5)
    first = recorder.snapshots[0].seq
    assert recorder.seqs() == list(range(first + 1, first + 6))
    assert len(recorder.snapshots) == 1  # resumed by `after`, no second snapshot
    issued = [e.ticket.id for e in recorder.events if e.ticket is not None]
    assert issued[1:] == [*missed, later]


def test_event_stream_started_after_a_seq_replays_only_what_followed(
    live_server: LiveServer, kiosk: HallClient
) -> None:
    kiosk.issue_ticket(SERVICE)
    seen = kiosk.snapshot().seq
    second = kiosk.issue_ticket(SERVICE)
    recorder = Recorder()
    with recorder.stream(live_server, after=seen):
        wait_until(lambda: len(recorder.events) == 1)
    assert recorder.snapshots == []
    assert recorder.events[0].seq == seen + 1
    assert recorder.events[0].ticket is not None and recorder.events[0].ticket.id == second.id


def test_event_stream_to_a_dead_server_stays_offline_and_stops_fast() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    stream = EventStream(
        f"http://127.0.0.1:{port}",
        recorder.on_event,
        recorder.on_snapshot,
        recorder.on_online_changed,
        min_backoff=0.05,
        max_backoff=0.1,
    )
    stream.start()
    threading.Event().wait(0.3)  # several refused attempts, backing off
    started = time.monotonic()
    stream.stop()
    assert time.monotonic() - started < 1.0
    assert recorder.online == []
    assert not any(t.name == "kezek-events" for t in threading.enumerate())


def test_stopping_a_connected_event_stream_is_fast_and_leaves_no_thread(
    live_server: LiveServer,
) -> None:
    recorder = Recorder()
    stream = recorder.stream(live_server)
    stream.start()
    wait_until(lambda: recorder.online == [True])
    started = time.monotonic()
    stream.stop()
    assert time.monotonic() - started < 1.0
    assert recorder.online == [True, False]
    assert not any(t.name == "kezek-events" for t in threading.enumerate())


def test_a_malformed_view_raises_protocol_error_naming_the_field() -> None:
    with pytest.raises(protocol.ProtocolError, match=r"ticket\.number"):
        protocol.TicketView.from_json({"id": "x", "number": 7, "service_id": "s"})
    with pytest.raises(protocol.ProtocolError, match=r"event\.seq"):
        protocol.HallEvent.from_json({"seq": True, "type": "t", "at": "x", "data": {}})


def test_the_client_reads_notes_and_the_operators_day(live_server: LiveServer) -> None:
    operator = HallClient(live_server.url, token=open_counter(live_server, "c1", login="aigul"))
    kiosk = HallClient(live_server.url, token=live_server.tokens["kiosk"])
    issued = kiosk.issue_ticket("id-card", priority="disabled", priority_reason="wheelchair")
    assert issued.priority_reason == "wheelchair"
    operator.call_next("c1")
    open_counter(live_server, "c2")  # a visitor is sent only to a counter that is open
    moved = operator.transfer(issued.id, "passport", counter_id="c2", note="needs a passport too")
    assert moved.notes == ("needs a passport too",) and moved.target_counter_id == "c2"
    day = operator.operator_today("aigul")
    assert day.served == 0 and day.ratings == {"excellent": 0, "good": 0, "satisfactory": 0}


def back_on_a_server_started_again(
    first: str,
    second: str,
    before: int,
    after: tuple[str, int],
    until: Callable[[Recorder], bool],
    *,
    ahead: int = 0,
) -> tuple[Recorder, list[str], list[TicketView]]:
    """A terminal's event stream on the hall at `first`, which issues `ahead` tickets before
    the terminal connects and `before` after, and stops while the terminal is cut off; a
    server on `second` (the same database, or one restored) issues `after` (a service, how
    many) before the terminal is back. What the terminal heard, once `until` it, and the
    tickets of both (those issued `before`)."""
    recorder = Recorder()
    with contextlib.ExitStack() as stack:
        relay = stack.enter_context(CuttableProxy(0, up=False))
        with serving(first) as live:
            with HallClient(live.url, token=live.tokens["kiosk"]) as kiosk:
                for _ in range(ahead):
                    kiosk.issue_ticket(SERVICE)
            relay.target_port = int(live.url.rsplit(":", 1)[1])
            relay.restore()
            stack.enter_context(
                EventStream(
                    relay.url, recorder.on_event, recorder.on_snapshot, recorder.on_online_changed
                )
            )
            wait_until(lambda: len(recorder.snapshots) == 1)
            with HallClient(live.url, token=live.tokens["kiosk"]) as kiosk:
                gone = [kiosk.issue_ticket(SERVICE).number for _ in range(before)]
            wait_until(lambda: len(recorder.events) == before)
            relay.cut()
        with serving(second) as again:
            service, count = after
            with HallClient(again.url, token=again.tokens["kiosk"]) as kiosk:
                issued = [kiosk.issue_ticket(service) for _ in range(count)]
            relay.target_port = int(again.url.rsplit(":", 1)[1])
            relay.restore()
            wait_until(lambda: until(recorder), timeout=10)
    return recorder, gone, issued


def test_a_terminal_back_on_a_hall_restored_from_a_backup_takes_a_snapshot(
    tmp_path: Path,
) -> None:
    """A hall restored from a backup numbers other events as the old log did: a terminal that
    resumed after its last seq took the new log's next events onto the old one's tickets,
    showing visitors the hall did not have and missing those it had."""
    recorder, gone, kept = back_on_a_server_started_again(
        f"sqlite:///{tmp_path / 'old.sqlite3'}",
        f"sqlite:///{tmp_path / 'new.sqlite3'}",  # run past the old seq
        3,
        (OTHER_SERVICE, 5),
        lambda heard: len(heard.snapshots) == 2,
    )
    shown = [t.number for t in recorder.snapshots[-1].tickets]
    assert shown == [t.number for t in kept] and not set(gone) & set(shown)


def test_a_terminal_that_heard_only_a_snapshot_takes_another_from_a_restored_hall(
    tmp_path: Path,
) -> None:
    """A terminal that took a snapshot and heard no event since resumed after the snapshot's
    seq without a time to check it by: a hall restored from a backup, run past that seq, then
    replayed its own next events onto the old hall's tickets. The snapshot now carries the
    time of its event `seq`, and the resume is checked by it as after an event."""
    old = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    recorder, _, kept = back_on_a_server_started_again(
        old,
        f"sqlite:///{tmp_path / 'new.sqlite3'}",  # run past the old seq
        0,
        (OTHER_SERVICE, 5),
        lambda heard: len(heard.snapshots) == 2 or bool(heard.events),
        ahead=3,
    )
    assert recorder.events == [], "events of another log, replayed after the old snapshot"
    first, second = recorder.snapshots
    assert first.seq == 3 and first.seq_at is not None
    assert len(first.tickets) == 3
    assert [t.number for t in second.tickets] == [t.number for t in kept]


def test_a_terminal_that_heard_only_a_snapshot_resumes_on_its_restarted_hall(
    tmp_path: Path,
) -> None:
    """The same hall started again has the snapshot's event stamped alike: what happened
    meanwhile comes as events, no second snapshot."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    recorder, _, [missed] = back_on_a_server_started_again(
        url, url, 0, (SERVICE, 1), lambda heard: bool(heard.events), ahead=2
    )
    assert [e.type for e in recorder.events] == ["ticket.issued"]
    assert recorder.events[0].ticket is not None and recorder.events[0].ticket.id == missed.id
    assert len(recorder.snapshots) == 1


def test_a_terminal_back_on_its_restarted_hall_resumes_without_a_snapshot(
    tmp_path: Path,
) -> None:
    """Across a restart the terminal takes what it missed as events: a rating screen learns of
    the visit finished meanwhile, a wall display may say a call made seconds before."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    recorder, _, [missed] = back_on_a_server_started_again(
        url,
        url,
        1,
        (SERVICE, 1),
        lambda heard: len(heard.events) == 2,
    )
    assert [e.type for e in recorder.events] == ["ticket.issued", "ticket.issued"]
    assert recorder.events[-1].ticket is not None and recorder.events[-1].ticket.id == missed.id
    assert len(recorder.snapshots) == 1, "resumed by its last event, no snapshot"


def test_get_snapshot_says_when_its_event_was_and_a_stream_resumes_after_it(
    live_server: LiveServer,
) -> None:
    import json
    from urllib.parse import quote

    from websockets.sync.client import connect

    with HallClient(live_server.url, token=live_server.tokens["kiosk"]) as kiosk:
        kiosk.issue_ticket(SERVICE)
        issued = kiosk.issue_ticket(SERVICE)
        snapshot = HallClient(live_server.url).snapshot()
        assert snapshot.seq == 2 and snapshot.seq_at == issued.issued_at.isoformat()
        events = live_server.url.replace("http://", "ws://") + "/api/v1/events"
        resume = f"{events}?after={snapshot.seq}&at={quote(snapshot.seq_at)}"
        with connect(resume, open_timeout=5) as stream:
            kiosk.issue_ticket(SERVICE)
            first = json.loads(stream.recv(timeout=5))
        assert (first["type"], first["seq"]) == ("ticket.issued", 3)
        other = f"{events}?after={snapshot.seq}&at={quote('2020-01-01T00:00:00+00:00')}"
        with connect(other, open_timeout=5) as stream:  # another log's event 2: a snapshot
            first = json.loads(stream.recv(timeout=5))
        assert (first["type"], first["seq"]) == ("snapshot", 3)
        assert first["seq_at"] == first["data"]["tickets"][-1]["issued_at"]
