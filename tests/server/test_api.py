"""The HTTP API over real sockets: the contract of DESIGN.md, refusals that change nothing."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import io
import json
import os
import signal
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from hallserver.service import HallService
from hallserver.store.schema import events as event_table
from hallserver.store.sql import CATALOGUE_KEY, SqlHallStore
from tests.conftest import (
    Clock,
    LiveServer,
    a_free_slot,
    add_operator,
    counter_terminal_token,
    open_counter,
    serving,
    start_live_server,
)


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.api, timeout=10) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def issue(
    http: httpx.Client, live: LiveServer, service: str = "id-card", **body: object
) -> dict[str, object]:
    reply = http.post(
        "/tickets", json={"service_id": service, **body}, headers=bearer(live.tokens["kiosk"])
    )
    assert reply.status_code == 201, reply.text
    data: dict[str, object] = reply.json()
    return data


@contextlib.contextmanager
def live_events(live: LiveServer) -> Iterator[ClientConnection]:
    """The public event stream, past its first message (the snapshot): live events next."""
    with connect(live.url.replace("http://", "ws://") + "/api/v1/events", open_timeout=5) as stream:
        json.loads(stream.recv(timeout=5))
        yield stream


def pairing_code(http: httpx.Client, live: LiveServer, name: str) -> str:
    """A supervisor's one-time code for a kiosk called `name`."""
    made = http.post(
        "/pairing-codes",
        json={"role": "kiosk", "name": name},
        headers=bearer(live.tokens["supervisor"]),
    )
    assert made.status_code == 201, made.text
    return str(made.json()["code"])


def test_public_reads_need_no_token(http: httpx.Client) -> None:
    hall = http.get("/hall").json()
    assert hall["id"] == "demo-hall" and set(hall["name"]) == {"kk", "ru", "en"}
    services = http.get("/services").json()
    assert len(services) >= 15 and all(s["documents"] for s in services)
    assert len(http.get("/counters").json()) >= 10
    queue = http.get("/queue").json()
    assert {q["service_id"] for q in queue} == {s["id"] for s in services}


def test_a_ticket_is_issued_with_its_place_and_estimate(
    http: httpx.Client, live_server: LiveServer
) -> None:
    first = issue(http, live_server)
    second = issue(http, live_server, language="ru")
    assert first["number"] == "A001" and second["number"] == "A002"
    assert second["position"] == 2 and second["people_ahead"] == 1
    assert isinstance(second["estimated_wait_s"], int) and second["estimated_wait_s"] > 0
    assert str(second["status_url"]).endswith(f"/t/{second['id']}")
    assert http.get(f"/tickets/{first['id']}").json()["status"] == "waiting"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"service_id": "no-such-service"}, 404, "service_not_found"),
        ({"service_id": "id-card", "language": "fr"}, 422, "bad_field"),
        ({"service_id": "id-card", "priority": "vip"}, 422, "bad_field"),
        ({"service_id": 7}, 422, "bad_field"),
        ({}, 422, "missing_field"),
        ({"iin": "123"}, 422, "bad_iin_length"),
        ({"iin": "900101300018"}, 422, "bad_iin_checksum"),
        ({"appointment_code": "NOPE42"}, 404, "booking_not_found"),
    ],
)
def test_bad_tickets_are_refused_with_a_reason(
    http: httpx.Client, live_server: LiveServer, body: dict[str, object], status: int, code: str
) -> None:
    reply = http.post("/tickets", json=body, headers=bearer(live_server.tokens["kiosk"]))
    assert reply.status_code == status
    assert reply.json()["error"] == code and reply.json()["message"]
    assert sum(q["waiting"] for q in http.get("/queue").json()) == 0


def waiting(http: httpx.Client, service: str = "id-card") -> int:
    return sum(q["waiting"] for q in http.get("/queue").json() if q["service_id"] == service)


def test_a_request_id_sent_again_answers_its_ticket_and_issues_none_after_a_restart_too(
    tmp_path: Path,
) -> None:
    """A kiosk whose answer was lost asks again with the same key: the same ticket (200), one in
    the line, today's count unchanged; and so after a restart (the key is in the event log)."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    body = {"service_id": "id-card", "language": "ru", "request_id": "tap-1"}
    with serving(url) as live, httpx.Client(base_url=live.api, timeout=10) as http:
        kiosk = bearer(live.tokens["kiosk"])
        first = http.post("/tickets", json=body, headers=kiosk)
        assert first.status_code == 201, first.text
        again = http.post("/tickets", json=body, headers=kiosk)
        assert again.status_code == 200, again.text
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["number"] == first.json()["number"] == "A001"
        assert again.json()["witness"] and again.json()["status_url"]
        assert waiting(http) == 1
        other = http.post("/tickets", json={**body, "request_id": "tap-2"}, headers=kiosk)
        assert other.status_code == 201 and other.json()["number"] == "A002"
    with serving(url) as live, httpx.Client(base_url=live.api, timeout=10) as http:
        kiosk = bearer(live.tokens["kiosk"])
        after = http.post("/tickets", json=body, headers=kiosk)
        assert after.status_code == 200, after.text
        assert after.json()["id"] == first.json()["id"]
        assert waiting(http) == 2
        reused = http.post("/tickets", json={**body, "service_id": "land-plot"}, headers=kiosk)
        assert reused.status_code == 409 and reused.json()["error"] == "request_reused"
        assert waiting(http, "land-plot") == 0
        fresh = http.post("/tickets", json={**body, "request_id": "tap-3"}, headers=kiosk)
        assert fresh.status_code == 201 and fresh.json()["number"] == "A003"


def test_a_request_key_stays_between_the_kiosk_and_the_hall(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """The event stream is public: the key and its digest (of an IIN or booking code asked
    with) are not on it; the log keeps them for a restart."""
    kiosk = bearer(live_server.tokens["kiosk"])
    with live_events(live_server) as stream:
        body = {"service_id": "id-card", "request_id": "tap-secret"}
        assert http.post("/tickets", json=body, headers=kiosk).status_code == 201
        issued = stream.recv(timeout=5)
    assert '"ticket.issued"' in issued and "tap-secret" not in issued and "digest" not in issued
    store = live_server.hall.store  # type: ignore[attr-defined]
    assert any("tap-secret" in row["data"] for row in store.rows(event_table))


def test_a_request_id_used_for_another_request_or_malformed_is_refused(
    http: httpx.Client, live_server: LiveServer
) -> None:
    kiosk = bearer(live_server.tokens["kiosk"])
    body = {"service_id": "id-card", "request_id": "k"}
    assert http.post("/tickets", json=body, headers=kiosk).status_code == 201
    for other in ({"service_id": "land-plot"}, {"priority": "disabled"}, {"language": "en"}):
        reused = http.post("/tickets", json={**body, **other}, headers=kiosk)
        assert reused.status_code == 409, reused.text
        assert reused.json()["error"] == "request_reused" and reused.json()["message"]
    for bad in ("", "x" * 65, "a\tb", "a\u200bb", 7, ["k"]):
        refused = http.post("/tickets", json={**body, "request_id": bad}, headers=kiosk)
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["error"] == "bad_field" and "request_id" in refused.json()["message"]
    assert (
        http.post("/tickets", json={**body, "request_id": "x" * 64}, headers=kiosk).status_code
        == 201
    )
    assert waiting(http) == 2 and waiting(http, "land-plot") == 0


def test_malformed_json_is_a_422_not_a_500(http: httpx.Client, live_server: LiveServer) -> None:
    reply = http.post("/tickets", content=b"{not json", headers=bearer(live_server.tokens["kiosk"]))
    assert reply.status_code == 422 and reply.json()["error"] == "bad_json"
    reply = http.post("/tickets", content=b"[1, 2]", headers=bearer(live_server.tokens["kiosk"]))
    assert reply.status_code == 422
    supervisor = bearer(live_server.tokens["supervisor"])  # a command that needs no body
    for body in (b"{not json", b"[1, 2, 3]"):
        reply = http.post("/services/land-plot/suspend", content=body, headers=supervisor)
        assert reply.status_code == 422 and reply.json()["error"] == "bad_json"
    assert http.get("/services/land-plot").json()["suspended"] is False  # nothing changed
    assert http.post("/services/land-plot/suspend", headers=supervisor).status_code == 200
    assert http.get("/services/land-plot").json()["suspended"] is True
    resumed = http.post("/services/land-plot/resume", content=b"{not json", headers=supervisor)
    assert resumed.status_code == 422 and http.get("/services/land-plot").json()["suspended"]


def test_changing_the_queue_needs_the_right_token(
    http: httpx.Client, live_server: LiveServer
) -> None:
    assert http.post("/tickets", json={"service_id": "id-card"}).status_code == 401
    wrong = http.post("/tickets", json={"service_id": "id-card"}, headers=bearer("made-up"))
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
    display = http.post(
        "/tickets", json={"service_id": "id-card"}, headers=bearer(live_server.tokens["display"])
    )
    assert display.status_code == 403
    assert (
        http.post("/counters/c1/call", headers=bearer(live_server.tokens["kiosk"])).status_code
        == 403
    )


def test_an_operator_serves_a_visitor_from_call_to_rating(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    ticket = issue(http, live_server)
    called = http.post("/counters/c1/call", headers=bearer(operator))
    assert called.status_code == 200
    assert called.json()["number"] == ticket["number"] and called.json()["counter_number"] == 1
    for action in ("recall", "start", "finish"):
        reply = http.post(f"/tickets/{ticket['id']}/{action}", headers=bearer(operator))
        assert reply.status_code == 200, reply.text
    rated = http.post(
        f"/tickets/{ticket['id']}/rating",
        json={"grade": "excellent"},
        headers=bearer(live_server.tokens["kiosk"]),
    )
    assert rated.json()["rating"] == "excellent" and rated.json()["status"] == "finished"
    assert http.post("/counters/c1/call", headers=bearer(operator)).status_code == 204


def test_a_finish_records_how_the_visit_ended_from_the_halls_results(
    http: httpx.Client, live_server: LiveServer
) -> None:
    results = http.get("/hall").json()["results"]
    assert results[0] == {
        "id": "done",
        "name": {"kk": "Қызмет көрсетілді", "ru": "Услуга оказана", "en": "Service provided"},
    }
    assert "documents_missing" in [r["id"] for r in results]
    operator = open_counter(live_server, "c1")
    ticket = issue(http, live_server)
    http.post("/counters/c1/call", headers=bearer(operator))
    http.post(f"/tickets/{ticket['id']}/start", headers=bearer(operator))
    before = http.get(f"/tickets/{ticket['id']}").json()
    for body, code in (({"result": "lost"}, "unknown_result"), ({"result": 7}, "bad_field")):
        reply = http.post(f"/tickets/{ticket['id']}/finish", json=body, headers=bearer(operator))
        assert reply.status_code == 422 and reply.json()["error"] == code, reply.text
    assert http.get(f"/tickets/{ticket['id']}").json() == before
    reply = http.post(
        f"/tickets/{ticket['id']}/finish",
        json={"result": "documents_missing"},
        headers=bearer(operator),
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["status"], reply.json()["result"]) == ("finished", "documents_missing")
    # the result is for the staff: not on the token-free ticket page's JSON, nor the stream
    assert http.get(f"/tickets/{ticket['id']}").json()["result"] is None
    staff = http.get(f"/tickets/{ticket['id']}", headers=bearer(operator)).json()
    assert staff["result"] == "documents_missing"
    ws_url = live_server.url.replace("http://", "ws://") + "/api/v1/events"
    with connect(f"{ws_url}?after=0", open_timeout=5) as stream:
        while (event := json.loads(stream.recv(timeout=5)))["type"] != "ticket.finished":
            pass
    assert event["data"]["ticket"]["status"] == "finished"
    assert event["data"]["ticket"]["result"] is None


def test_a_refused_action_names_the_problem_and_changes_nothing(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    ticket = issue(http, live_server)
    http.post("/counters/c1/call", headers=bearer(operator))
    before = http.get(f"/tickets/{ticket['id']}").json()
    reply = http.post(f"/tickets/{ticket['id']}/finish", headers=bearer(operator))
    assert reply.status_code == 409
    assert reply.json() == {
        "error": "illegal_transition",
        "message": f"cannot finish {ticket['number']}: it is called",
    }
    assert http.get(f"/tickets/{ticket['id']}").json() == before


def test_operators_act_only_at_their_own_counter(
    http: httpx.Client, live_server: LiveServer
) -> None:
    at_c1 = open_counter(live_server, "c1")
    at_c2 = open_counter(live_server, "c2")
    ticket = issue(http, live_server)
    http.post("/counters/c1/call", headers=bearer(at_c1))
    assert http.post("/counters/c1/call", headers=bearer(at_c2)).status_code == 403
    reply = http.post(f"/tickets/{ticket['id']}/start", headers=bearer(at_c2))
    assert reply.status_code == 403 and "counter 1" in reply.json()["message"]
    cancelled = http.post(f"/tickets/{ticket['id']}/cancel", headers=bearer(at_c2))
    assert cancelled.status_code == 403 and cancelled.json()["error"] == "other_counter"
    assert http.get(f"/tickets/{ticket['id']}").json()["status"] == "called"
    waiting = issue(http, live_server)  # a visitor who gives up, told at any counter
    assert http.post(f"/tickets/{waiting['id']}/cancel", headers=bearer(at_c2)).status_code == 200


def test_a_supervisor_calls_out_of_order_only_with_a_reason(
    http: httpx.Client, live_server: LiveServer
) -> None:
    open_counter(live_server, "c1")
    issue(http, live_server)
    second = issue(http, live_server)
    supervisor = bearer(live_server.tokens["supervisor"])
    missing = http.post("/counters/c1/call", json={"ticket_id": second["id"]}, headers=supervisor)
    assert missing.status_code == 422
    called = http.post(
        "/counters/c1/call",
        json={"ticket_id": second["id"], "reason": "urgent medical"},
        headers=supervisor,
    )
    assert called.status_code == 200 and called.json()["number"] == second["number"]


def test_an_empty_booking_code_is_a_walk_in(http: httpx.Client, live_server: LiveServer) -> None:
    walk_in = issue(http, live_server, appointment_code="")  # a form's empty field
    assert walk_in["appointment_at"] is None and walk_in["booking_code"] is None


def test_transfer_sends_the_visitor_to_another_service(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    ticket = issue(http, live_server)
    http.post("/counters/c1/call", headers=bearer(operator))
    http.post(f"/tickets/{ticket['id']}/start", headers=bearer(operator))
    closed = http.post(  # c3 serves passports but nobody is there: the visitor would wait forever
        f"/tickets/{ticket['id']}/transfer",
        json={"service_id": "passport", "counter_id": "c3"},
        headers=bearer(operator),
    )
    assert closed.status_code == 409 and closed.json()["error"] == "to_counter_closed", closed.text
    assert http.get(f"/tickets/{ticket['id']}").json()["status"] == "serving"
    moved = http.post(
        f"/tickets/{ticket['id']}/transfer",
        # an empty counter is none, as in a message to the counters
        json={"service_id": "birth-registration", "counter_id": "", "note": "also a birth"},
        headers=bearer(operator),
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["target_counter_id"] is None
    assert (
        moved.json()["service_id"] == "birth-registration" and moved.json()["status"] == "waiting"
    )
    assert moved.json()["issued_at"] == ticket["issued_at"]


def test_a_visitor_sent_on_and_back_returns_to_their_counter_after_a_restart(
    tmp_path: Path,
) -> None:
    """Sent from c1 to births "and back": the return survives a restart, and finishing the
    birth registration puts the visitor back in c1's hands."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    live, server, thread = start_live_server(url)
    with httpx.Client(base_url=live.api, timeout=10) as http:
        operator = open_counter(live, "c1")
        ticket = issue(http, live)
        http.post("/counters/c1/call", headers=bearer(operator))
        http.post(f"/tickets/{ticket['id']}/start", headers=bearer(operator))
        path = f"/tickets/{ticket['id']}/transfer"
        for body, code in (
            ({"service_id": "birth-registration", "come_back": "yes"}, "bad_field"),
            ({"service_id": "id-card", "come_back": True}, "same_service"),
        ):
            refused = http.post(path, json=body, headers=bearer(operator))
            assert refused.status_code == 422 and refused.json()["error"] == code, refused.text
        assert http.get(f"/tickets/{ticket['id']}").json()["status"] == "serving"
        sent = http.post(
            path,
            json={"service_id": "birth-registration", "come_back": True},
            headers=bearer(operator),
        )
        assert sent.status_code == 200, sent.text
        assert (sent.json()["return_service_id"], sent.json()["return_counter_id"]) == (
            "id-card",
            "c1",
        )
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)
    live, server, thread = start_live_server(url)
    try:
        with httpx.Client(base_url=live.api, timeout=10) as http:
            again = http.get(f"/tickets/{ticket['id']}").json()
            assert (
                again["return_counter_id"] == "c1" and again["service_id"] == "birth-registration"
            )
            births = open_counter(live, "c4", login="op-births")
            with live_events(live) as stream:
                called = http.post("/counters/c4/call", headers=bearer(births))
                assert called.json()["id"] == ticket["id"], called.text
                http.post(f"/tickets/{ticket['id']}/start", headers=bearer(births))
                done = http.post(
                    f"/tickets/{ticket['id']}/finish",
                    json={"result": "done"},
                    headers=bearer(births),
                )
                assert done.status_code == 200, done.text
                back = done.json()
                assert (back["status"], back["service_id"]) == ("waiting", "id-card")
                assert back["target_counter_id"] == "c1" and back["return_service_id"] is None
                types = []
                while "ticket.transferred" not in types and len(types) < 10:
                    event = json.loads(stream.recv(timeout=5))
                    types.append(event["type"])
            assert types[-1] == "ticket.transferred", types
            assert event["data"]["returned"] is True and event["data"]["to_counter_id"] == "c1"
            assert event["data"]["result"] is None  # for the staff: the public stream has none
            births_day = http.get("/operators/op-births/today", headers=bearer(births)).json()
            assert births_day["served"] == 1, "served here, though finished at the first counter"
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
    with serving(url) as live, httpx.Client(base_url=live.api, timeout=10) as http:
        supervisor = bearer(live.tokens["supervisor"])
        again = http.get("/operators/op-births/today", headers=supervisor).json()
        assert again == births_day, "the day's count of visits sent back survives a restart"


def test_pause_needs_a_known_reason(http: httpx.Client, live_server: LiveServer) -> None:
    operator = open_counter(live_server, "c1")
    assert (
        http.post(
            "/counters/c1/pause", json={"reason": "nap"}, headers=bearer(operator)
        ).status_code
        == 422
    )
    paused = http.post("/counters/c1/pause", json={"reason": "lunch"}, headers=bearer(operator))
    assert paused.json()["state"] == "paused" and paused.json()["pause_reason"] == "lunch"


def test_wrong_pins_are_refused_then_locked(http: httpx.Client, live_server: LiveServer) -> None:
    add_operator(live_server, "aigul", "2468")
    terminal = bearer(counter_terminal_token(live_server, "c3"))
    for _ in range(5):
        reply = http.post(
            "/counters/c3/sign-in", json={"login": "aigul", "pin": "0000"}, headers=terminal
        )
        assert reply.status_code == 403 and reply.json()["error"] == "bad_credentials"
    locked = http.post(
        "/counters/c3/sign-in", json={"login": "aigul", "pin": "2468"}, headers=terminal
    )
    assert locked.json()["error"] == "locked"
    elsewhere = http.post(
        "/counters/c4/sign-in", json={"login": "aigul", "pin": "2468"}, headers=terminal
    )
    assert elsewhere.status_code == 403 and elsewhere.json()["error"] == "not_counter"


def test_an_operator_signs_in_with_their_login_in_any_case(
    http: httpx.Client, live_server: LiveServer
) -> None:
    add_operator(live_server, "Aigul", "2468")
    terminal = bearer(counter_terminal_token(live_server, "c3"))
    reply = http.post(
        "/counters/c3/sign-in", json={"login": " AIGUL", "pin": "2468"}, headers=terminal
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["operator"]["login"] == "Aigul"  # as kept: the day and reports are one
    assert reply.json()["counter"]["operator_id"] == "Aigul"
    own_day = http.get("/operators/Aigul/today", headers=bearer(reply.json()["token"]))
    assert own_day.status_code == 200, own_day.text


def test_a_session_ends_when_its_operator_signs_out_or_another_signs_in(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """An operator signed in twice (the console restarted) and signed out with the second
    session: the first had gone on working the counter, under the next operator's name."""
    for login in ("aigul", "daniyar"):
        add_operator(live_server, login, "2468")
    terminal = bearer(counter_terminal_token(live_server, "c3"))

    def sign_in(login: str) -> dict[str, str]:
        reply = http.post(
            "/counters/c3/sign-in", json={"login": login, "pin": "2468"}, headers=terminal
        )
        assert reply.status_code == 200, reply.text
        return bearer(reply.json()["token"])

    first, second = sign_in("aigul"), sign_in("aigul")
    assert http.post("/counters/c3/sign-out", headers=second).status_code == 200
    sign_in("daniyar")
    kiosk = bearer(live_server.tokens["kiosk"])
    assert http.post("/tickets", json={"service_id": "id-card"}, headers=kiosk).is_success
    for path in ("/counters/c3/open", "/counters/c3/call"):
        stale = http.post(path, headers=first)
        assert stale.status_code == 401 and stale.json()["error"] == "unauthorized", stale.text
    assert http.get("/messages", headers=first).status_code == 401
    c3 = next(c for c in http.get("/counters").json() if c["id"] == "c3")
    assert (c3["operator_id"], c3["state"], c3["current_ticket_id"]) == ("daniyar", "closed", None)


def test_a_session_of_a_day_gone_by_acts_no_more(tmp_path: Path) -> None:
    """The day's end signs every operator out, and their sessions end with it."""
    clock = Clock()
    live, server, thread = start_live_server(f"sqlite:///{tmp_path / 'h.sqlite3'}", clock=clock)
    try:
        with httpx.Client(base_url=live.api) as http:
            add_operator(live, "aigul", "2468")
            terminal = bearer(counter_terminal_token(live, "c3"))
            reply = http.post(
                "/counters/c3/sign-in", json={"login": "aigul", "pin": "2468"}, headers=terminal
            )
            session = bearer(reply.json()["token"])
            assert http.get("/whoami", headers=session).status_code == 200
            clock.advance(hours=14, minutes=5)  # 00:05: within the session's 16 hours
            kiosk = bearer(live.tokens["kiosk"])
            assert http.post("/tickets", json={"service_id": "id-card"}, headers=kiosk).is_success
            for path in ("/whoami", "/messages"):
                ended = http.get(path, headers=session)
                assert ended.status_code == 409, ended.text
                assert ended.json()["error"] == "not_signed_in"
            opened = http.post("/counters/c3/open", headers=session)
            assert opened.json()["error"] == "not_signed_in", opened.text
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)


def test_pin_guesses_sent_all_at_once_are_locked_out_as_one_by_one(live_server: LiveServer) -> None:
    add_operator(live_server, "aigul", "2468")
    terminal = bearer(counter_terminal_token(live_server, "c3"))

    async def guess(pin: str) -> str:
        async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as http:
            body = {"login": "aigul", "pin": pin}
            reply = await http.post("/counters/c3/sign-in", json=body, headers=terminal)
            return "signed in" if reply.status_code == 200 else str(reply.json()["error"])

    async def at_once() -> list[str]:  # 29 wrong ones together, then the right one
        # (sent with them, the right one could be checked among the first five: in the order
        # the server reads them, not the order they were sent, and it would rightly sign in)
        wrong = await asyncio.gather(*(guess(f"{n:04d}") for n in range(29)))
        return [*wrong, await guess("2468")]

    answers = asyncio.run(at_once())
    assert answers.count("bad_credentials") == 5, answers  # then the counter is locked
    assert "signed in" not in answers and answers.count("locked") == 25


def test_a_terminal_enrolls_once_with_a_pairing_code(
    http: httpx.Client, live_server: LiveServer
) -> None:
    code = pairing_code(http, live_server, "Entrance kiosk")
    enrolled = http.post("/enroll", json={"code": code})
    assert enrolled.status_code == 201 and enrolled.json()["role"] == "kiosk"
    token = enrolled.json()["token"]
    assert http.get("/whoami", headers=bearer(token)).json()["name"] == "Entrance kiosk"
    assert (
        http.post("/tickets", json={"service_id": "id-card"}, headers=bearer(token)).status_code
        == 201
    )
    again = http.post("/enroll", json={"code": code})
    assert again.status_code == 403 and again.json()["error"] == "bad_code"
    assert (
        http.post(
            "/pairing-codes", json={"role": "kiosk", "name": "x"}, headers=bearer(token)
        ).status_code
        == 403
    )


def test_a_pairing_code_names_a_counter_the_hall_has_or_none(
    http: httpx.Client, live_server: LiveServer
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    for body in (
        {"role": "kiosk", "counter_id": "../../etc"},
        {"role": "counter", "counter_id": "c99"},
    ):
        junk = http.post("/pairing-codes", json={"name": "x", **body}, headers=supervisor)
        assert junk.status_code == 404 and junk.json()["error"] == "counter_not_found", junk.text
    rating = {"role": "kiosk", "name": "Rating at c1", "counter_id": "c1"}  # kept on its token
    assert http.post("/pairing-codes", json=rating, headers=supervisor).status_code == 201
    empty = {"role": "display", "name": "Wall", "counter_id": ""}  # a form's empty field
    assert http.post("/pairing-codes", json=empty, headers=supervisor).status_code == 201


def test_unknown_paths_and_methods_answer_in_json(http: httpx.Client) -> None:
    missing = http.get("/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    wrong = http.delete("/hall")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method_not_allowed"
    assert wrong.headers["allow"] == "GET, HEAD"
    both = http.put("/messages")  # two routes share the path: the methods of both
    assert both.status_code == 405 and both.headers["allow"] == "GET, HEAD, POST"
    slots = http.post("/services/passport/slots")  # the booking pages' own API path too
    assert slots.status_code == 405 and slots.headers["allow"] == "GET, HEAD", slots.text
    assert http.get("/services/passport/slots").status_code == 200


def test_numbers_too_long_to_read_are_refused_not_a_500(live_server: LiveServer) -> None:
    """Python reads at most 4,300 digits into a number: longer ones were 500s."""
    host, port = live_server.url.removeprefix("http://").split(":")
    body = b'{"service_id": "id-card"}'
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {live_server.tokens['kiosk']}\r\n".encode()
            + b"Content-Length: "
            + b"0" * 5000
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body
        )
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 201"), answer[:200]
    ws_url = live_server.url.replace("http://", "ws://") + "/api/v1/events?after=" + "9" * 5000
    with connect(ws_url, open_timeout=5, max_size=None) as stream:  # ahead of any log
        first = json.loads(stream.recv(timeout=5))
    assert first["type"] == "snapshot"


def test_a_screen_that_sends_a_large_message_is_closed_and_the_hall_goes_on(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """Screens only listen: what one sends is read and dropped, and a large message (a
    mistake or an attack on the public stream) closes it long before 16 MiB is taken in."""
    ws_url = live_server.url.replace("http://", "ws://") + "/api/v1/events"
    with connect(ws_url, open_timeout=5, max_size=None) as stream:
        json.loads(stream.recv(timeout=5))  # the snapshot
        stream.send("x" * 200_000)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                stream.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009  # too big
    with live_events(live_server) as listening:  # the hall and its stream carry on
        issued = issue(http, live_server)
        assert json.loads(listening.recv(timeout=5))["data"]["ticket"]["id"] == issued["id"]


def test_a_locked_database_is_a_503_and_holds_up_nothing_else(
    http: httpx.Client, live_server: LiveServer
) -> None:
    code = pairing_code(http, live_server, "Entrance kiosk")
    locker = sqlite3.connect(live_server.db_url.removeprefix("sqlite:///"), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # a backup tool, or a technician's sqlite3, holds it
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            enrolling = pool.submit(http.post, "/enroll", json={"code": code})
            while not enrolling.running():
                time.sleep(0.01)
            time.sleep(0.2)  # the enrollment now waits for the lock
            assert http.get("/health").status_code == 200
            assert not enrolling.done(), "the enrollment finished before the lock was let go"
            enrolled = enrolling.result(timeout=30)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert enrolled.status_code == 503 and enrolled.json()["error"] == "unavailable"
    assert http.post("/enroll", json={"code": code}).status_code == 201  # the code still works


def test_a_database_gone_quiet_shows_on_health_and_refuses_new_commands_until_it_answers(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """A writer that stops answering (a disk or a database server gone quiet) had left /health
    saying ok while every kiosk hung. Now, past the limit, /health says so and new commands
    are refused at once with nothing changed; the one already sent is answered when the
    database answers again."""
    from hallserver.client import HallClient
    from hallserver.service import HallService

    service = live_server.hall
    assert isinstance(service, HallService)
    service.stalled_after_s = 0.5
    pid = service.writer_pid()
    assert pid is not None
    first = issue(http, live_server)
    code = pairing_code(http, live_server, "Entrance kiosk")
    os.kill(pid, signal.SIGSTOP)
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            sent = pool.submit(issue, http, live_server)
            deadline = time.monotonic() + 10
            while (health := http.get("/health")).status_code == 200:
                assert time.monotonic() < deadline, "/health never said the database is quiet"
                time.sleep(0.05)
            assert health.status_code == 503, health.text
            said = health.json()
            assert said["ok"] is False and said["error"] == "unavailable"
            assert said["message"].startswith("the hall's database has not answered for")
            with HallClient(live_server.url) as client:
                assert client.health() is False
            refused = http.post(
                "/tickets",
                json={"service_id": "id-card"},
                headers=bearer(live_server.tokens["kiosk"]),
            )
            assert refused.status_code == 503 and refused.json()["error"] == "unavailable"
            assert "nothing was changed" in refused.json()["message"]
            enrolling = http.post("/enroll", json={"code": code})
            assert enrolling.status_code == 503, "refused before the code is used up"
            assert not sent.done(), "the ticket on its way was answered before its commit"
            os.kill(pid, signal.SIGCONT)
            second = sent.result(timeout=30)
    finally:
        os.kill(pid, signal.SIGCONT)
    assert http.get("/health").json() == {"ok": True}
    assert http.post("/enroll", json={"code": code}).status_code == 201  # the code still works
    third = issue(http, live_server)
    numbers = [first["number"], second["number"], third["number"]]
    assert numbers == ["A001", "A002", "A003"], "the refused ticket took a number"
    waiting = {t["number"] for t in http.get("/snapshot").json()["tickets"]}
    assert waiting == set(numbers)


def _a_finished_visit(http: httpx.Client, live_server: LiveServer) -> tuple[HallService, str]:
    """The live hall, and a ticket issued, called, served and finished at c1: one to rate."""
    from hallserver.client import HallClient

    service = live_server.hall
    assert isinstance(service, HallService)
    with HallClient(live_server.url, token=open_counter(live_server, "c1")) as operator:
        issue(http, live_server)
        called = operator.call_next("c1")
        assert called is not None
        operator.start(called.id)
        operator.finish(called.id)
    return service, called.id


def test_a_rating_sent_again_while_the_first_is_being_committed_shares_its_outcome(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """The rating screen sends a rating again every 5 s until it is answered. One sent while
    the first was still being committed was answered 409 already_rated, and the screen let it
    go; when the database then refused the first, the rating was lost. Now the same grade sent
    again waits for the first and shares its answer: 503, and the screen keeps sending."""
    from hallserver.domain.tickets import Grade

    service, ticket_id = _a_finished_visit(http, live_server)
    kiosk = bearer(live_server.tokens["kiosk"])

    def rate() -> httpx.Response:
        return http.post(f"/tickets/{ticket_id}/rating", json={"grade": "excellent"}, headers=kiosk)

    database = sqlite3.connect(live_server.db_url.removeprefix("sqlite:///"), isolation_level=None)
    pid = service.writer_pid()
    assert pid is not None
    try:  # the database will refuse the rating's event, once the writer goes on
        database.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        os.kill(pid, signal.SIGSTOP)  # and is slow to answer meanwhile
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            first = pool.submit(rate)
            deadline = time.monotonic() + 10
            while service.hall.ticket(ticket_id).rating is not Grade.EXCELLENT:
                assert time.monotonic() < deadline, "the first rating never reached the hall"
                time.sleep(0.01)
            again = pool.submit(rate)  # the screen's resend: its first answer had not come
            time.sleep(0.3)
            os.kill(pid, signal.SIGCONT)
            refused = first.result(timeout=30)
            assert refused.status_code == 503, refused.text
            shared = again.result(timeout=30)
            assert shared.status_code == 503, f"the resend heard {shared.text}"
    finally:
        os.kill(pid, signal.SIGCONT)
        database.execute("DROP TRIGGER IF EXISTS refuse")
        database.close()
    # the hall drops the refused rating from memory as it reloads from the database, which
    # begins with the refusal and ends a moment after the answers
    deadline = time.monotonic() + 10
    while http.get(f"/tickets/{ticket_id}").json()["rating"] is not None:
        assert time.monotonic() < deadline, "refused, yet kept"
        time.sleep(0.02)
    taken = rate()  # the screen sends it once more, and now it is kept
    assert taken.status_code == 200, taken.text
    assert http.get(f"/tickets/{ticket_id}").json()["rating"] == "excellent"
    assert rate().json()["error"] == "already_rated"  # once kept, a resend changes nothing


def test_a_rating_sent_again_while_the_first_is_being_committed_is_answered_as_taken(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """The same resend while the first rating's commit is slow, and the commit lands: both are
    answered 200 with the rated ticket, one rating logged."""
    from hallserver.domain.tickets import Grade

    service, ticket_id = _a_finished_visit(http, live_server)
    kiosk = bearer(live_server.tokens["kiosk"])

    def rate() -> httpx.Response:
        return http.post(f"/tickets/{ticket_id}/rating", json={"grade": "good"}, headers=kiosk)

    pid = service.writer_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            first = pool.submit(rate)
            deadline = time.monotonic() + 10
            while service.hall.ticket(ticket_id).rating is not Grade.GOOD:
                assert time.monotonic() < deadline, "the first rating never reached the hall"
                time.sleep(0.01)
            again = pool.submit(rate)
            time.sleep(0.3)
            assert not again.done(), "answered before the first rating was durable"
            os.kill(pid, signal.SIGCONT)
            answers = [first.result(timeout=30), again.result(timeout=30)]
    finally:
        os.kill(pid, signal.SIGCONT)
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    assert [a.json()["rating"] for a in answers] == ["good", "good"]
    path = live_server.db_url.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(path)) as database:
        rated = database.execute("SELECT count(*) FROM events WHERE type = 'ticket.rated'")
        assert rated.fetchone()[0] == 1


def test_a_quiet_halls_dead_database_shows_on_health_without_a_command(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """At night no command comes: a database gone quiet had shown only with the morning's
    first ticket. An idle writer is now sent one small write now and then."""
    from hallserver.service import HallService

    service = live_server.hall
    assert isinstance(service, HallService)
    service.probe_after_s, service.stalled_after_s = 0.2, 0.5
    pid = service.writer_pid()
    assert pid is not None
    assert http.get("/health").json() == {"ok": True}
    os.kill(pid, signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 15
        while (health := http.get("/health")).status_code == 200:
            assert time.monotonic() < deadline, "a quiet hall's silent database never showed"
            time.sleep(0.05)
        assert health.json()["message"].startswith("the hall's database has not answered for")
    finally:
        os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + 15
    while http.get("/health").status_code != 200:
        assert time.monotonic() < deadline, "the database answers again, /health did not say so"
        time.sleep(0.05)
    issue(http, live_server)  # and the hall goes on


def test_an_enrollment_the_database_refused_leaves_its_code_good(
    http: httpx.Client, live_server: LiveServer
) -> None:
    code = pairing_code(http, live_server, "Entrance kiosk")
    database = sqlite3.connect(live_server.db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        database.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON tokens BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        refused = http.post("/enroll", json={"code": code})
        assert refused.status_code == 503 and refused.json()["error"] == "unavailable"
    finally:
        database.execute("DROP TRIGGER IF EXISTS refuse")
        database.close()
    assert http.post("/enroll", json={"code": code}).status_code == 201, "the code was used up"


def test_the_openapi_document_describes_every_route(live_server: LiveServer) -> None:
    from hallserver.api.http import routes

    document = httpx.get(f"{live_server.url}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for route in routes():
        for method in route.methods or ():
            if method != "HEAD":
                assert method.lower() in document["paths"]["/api/v1" + route.path]
    paths = document["paths"]

    def answer(path: str, method: str, status: str) -> dict[str, object]:
        described: dict[str, object] = paths[path][method]["responses"][status]
        return described

    with httpx.Client(base_url=live_server.api, timeout=10) as http:  # as the server answers
        assert isinstance(http.get("/counters").json(), list)
        schema = answer("/api/v1/counters", "get", "200")["content"]
        assert schema == {
            "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}
        }
        supervisor = bearer(live_server.tokens["supervisor"])
        operator = bearer(open_counter(live_server, "c1"))
        assert http.post("/counters/c1/call", headers=operator).status_code == 204  # nobody
        assert "204" in paths["/api/v1/counters/{counter_id}/call"]["post"]["responses"]
        ticket = issue(http, live_server)["id"]
        empty = http.post(f"/tickets/{ticket}/transfer", headers=supervisor)  # a body it needs
        assert empty.status_code == 422 and empty.json()["error"] == "missing_field"
        assert paths["/api/v1/tickets/{ticket_id}/transfer"]["post"]["requestBody"]["required"]
        assert "503" in paths["/api/v1/tickets"]["post"]["responses"]
        plain = http.get("/events")  # not a WebSocket: told so, as the document says
        assert plain.status_code == 426 and plain.json()["error"] == "upgrade_required"
        assert "426" in paths["/api/v1/events"]["get"]["responses"]


def test_the_event_stream_replays_after_a_seq_then_goes_live(
    http: httpx.Client, live_server: LiveServer
) -> None:
    first = issue(http, live_server)
    ws_url = live_server.url.replace("http://", "ws://") + "/api/v1/events"
    with connect(ws_url, open_timeout=5) as snapshot_stream:
        snapshot = json.loads(snapshot_stream.recv(timeout=5))
        assert snapshot["type"] == "snapshot"
        assert [t["number"] for t in snapshot["data"]["tickets"]] == [first["number"]]
        seq = snapshot["seq"]
    with connect(f"{ws_url}?after={seq - 1}", open_timeout=5) as stream:
        replayed = json.loads(stream.recv(timeout=5))
        assert replayed["seq"] == seq and replayed["type"] == "ticket.issued"
        second = issue(http, live_server)
        live = json.loads(stream.recv(timeout=5))
        assert live["seq"] == seq + 1 and live["data"]["ticket"]["number"] == second["number"]
        assert live["actor"] == "kiosk:test-kiosk"


def test_bookings_are_made_checked_in_and_cancelled(
    http: httpx.Client, live_server: LiveServer
) -> None:
    slot = a_free_slot(http)
    made = http.post(
        "/bookings",
        json={"service_id": "id-card", "slot_at": slot.isoformat(), "iin": "900101300017"},
    )
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    twice = http.post(
        "/bookings",
        json={"service_id": "passport", "slot_at": slot.isoformat(), "iin": "900101300017"},
    )
    assert twice.status_code == 409 and twice.json()["error"] == "iin_has_booking"
    assert made.json()["iin"] == "900101300017"  # to whoever just typed it
    shown = http.get(f"/bookings/{code}").json()  # to whoever has the code: masked
    assert shown["state"] == "booked" and shown["iin"] == "********0017"
    assert http.post(f"/bookings/{code}/cancel").json()["state"] == "cancelled"
    by_phone = http.post(  # booked and cancelled by staff, at the visitor's call
        "/bookings",
        json={"service_id": "id-card", "slot_at": slot.isoformat()},
        headers=bearer(live_server.tokens["supervisor"]),
    )
    cancel = f"/bookings/{by_phone.json()['code']}/cancel"
    assert http.post(cancel, headers=bearer(live_server.tokens["supervisor"])).is_success
    actors = [
        r.actor for r in SqlHallStore(live_server.db_url).events() if r.type == "booking.cancelled"
    ]
    assert actors[0] == "public:booking-page" and actors[1].startswith("supervisor:"), actors


def test_the_public_event_stream_never_carries_a_whole_iin(
    http: httpx.Client, live_server: LiveServer
) -> None:
    slot = a_free_slot(http)
    with live_events(live_server) as stream:
        made = http.post(
            "/bookings",
            json={"service_id": "id-card", "slot_at": slot.isoformat(), "iin": "900101300017"},
        )
        assert made.status_code == 201, made.text
        http.post(f"/bookings/{made.json()['code']}/cancel")
        texts = [stream.recv(timeout=5) for _ in range(2)]
    created, cancelled = (json.loads(t) for t in texts)
    assert (created["type"], cancelled["type"]) == ("booking.created", "booking.cancelled")
    assert all("900101300017" not in t and "********0017" in t for t in texts)
    code = made.json()["code"]  # a live code would let any listener cancel or check in
    assert created["data"]["booking"]["code"] is None and code not in texts[0]
    assert cancelled["data"]["booking"]["code"] == code  # cancelled: it opens nothing now
    logged = [r.data for r in SqlHallStore(live_server.db_url).events() if "booking" in r.data]
    assert len(logged) == 2 and all("900101300017" in data for data in logged)  # sealed whole


def test_a_counter_that_opens_or_pauses_tells_the_screens_its_lines(
    http: httpx.Client, live_server: LiveServer
) -> None:
    issue(http, live_server)
    with live_events(live_server) as stream:
        operator = open_counter(live_server, "c1")
        opened = json.loads(stream.recv(timeout=5))
        while opened["data"].get("change") != "opened":  # signed in first
            opened = json.loads(stream.recv(timeout=5))
        http.post("/counters/c1/pause", json={"reason": "lunch"}, headers=bearer(operator))
        paused = json.loads(stream.recv(timeout=5))
    lines = {line["service_id"]: line for line in opened["data"]["queue"]}
    assert set(opened["data"]["counter"]["profile"]) <= set(lines)
    assert lines["id-card"]["waiting"] == 1 and lines["id-card"]["open_counters"] >= 1
    assert paused["data"]["change"] == "paused"
    after = {line["service_id"]: line for line in paused["data"]["queue"]}
    assert after["id-card"]["open_counters"] < lines["id-card"]["open_counters"]


def test_a_client_ahead_of_the_server_gets_a_snapshot(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """A terminal that saw a database later restored from an older backup must not go deaf."""
    issue(http, live_server)
    for after in ("999999", "9" * 40):  # a seq no log reaches is as far ahead
        ws_url = live_server.url.replace("http://", "ws://") + f"/api/v1/events?after={after}"
        with connect(ws_url, open_timeout=5) as stream:
            first = json.loads(stream.recv(timeout=5))
            assert first["type"] == "snapshot" and first["seq"] < 999999


def test_the_qr_code_opens_the_ticket_page_in_the_visitors_language(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    first = issue(http, live_server, language="kk")
    second = issue(http, live_server, language="ru")
    page = httpx.get(str(second["status_url"]))
    assert page.status_code == 200 and 'lang="ru"' in page.text
    assert second["number"] in page.text and "Перед вами: <b>1</b>" in page.text
    http.post("/counters/c1/call", headers=bearer(operator))
    called = httpx.get(str(first["status_url"]))
    assert "Сізді шақырды" in called.text and "1\u2011терезеге барыңыз" in called.text
    english = httpx.get(str(first["status_url"]), params={"lang": "en"})
    assert "go to counter\u00a01" in english.text
    assert httpx.get(f"{live_server.url}/t/nope").status_code == 404


def test_a_kiosk_reports_its_printer_and_the_supervisor_sees_it(
    http: httpx.Client, live_server: LiveServer
) -> None:
    kiosk = bearer(live_server.tokens["kiosk"])
    ws_url = live_server.url.replace("http://", "ws://") + "/api/v1/events"
    with connect(ws_url, open_timeout=5) as stream:
        seq = json.loads(stream.recv(timeout=5))["seq"]
        out = http.post("/terminals/status", json={"printer": "paper_out"}, headers=kiosk)
        assert out.status_code == 200 and out.json()["printer"] == "paper_out"
        event = json.loads(stream.recv(timeout=5))
        assert event["seq"] == seq + 1 and event["type"] == "terminal.status"
        assert event["data"]["terminal"]["printer"] == "paper_out"
        http.post("/terminals/status", json={"printer": "paper_out"}, headers=kiosk)  # no change
        issue(http, live_server)
        assert json.loads(stream.recv(timeout=5))["type"] == "ticket.issued"
    for state in ("on fire", ""):  # a printer named must be one the hall knows
        bad = http.post("/terminals/status", json={"printer": state}, headers=kiosk)
        assert bad.status_code == 422 and bad.json()["error"] == "bad_printer_state"
    listed = http.get("/terminals", headers=bearer(live_server.tokens["supervisor"])).json()
    assert [(t["name"], t["printer"]) for t in listed] == [("test-kiosk", "paper_out")]
    assert http.get("/terminals").status_code == 401
    # a device's own words, control characters and all: kept as spaces, not refused
    jammed = {"printer": "offline", "detail": "jam\x1b@ at cutter"}
    assert http.post("/terminals/status", json=jammed, headers=kiosk).status_code == 200
    listed = http.get("/terminals", headers=bearer(live_server.tokens["supervisor"])).json()
    assert listed[0]["detail"] == "jam @ at cutter"


def test_a_terminal_paired_under_a_name_in_use_takes_that_terminals_place(
    http: httpx.Client, live_server: LiveServer
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    old = live_server.tokens["kiosk"]  # "test-kiosk"
    out = http.post("/terminals/status", json={"printer": "paper_out"}, headers=bearer(old))
    assert out.status_code == 200
    code = http.post(
        "/pairing-codes", json={"role": "kiosk", "name": "test-kiosk"}, headers=supervisor
    )
    assert code.status_code == 201, code.text  # the kiosk set up again, or a new machine
    assert http.get("/whoami", headers=bearer(old)).status_code == 200, "until the code is used"
    new = http.post("/enroll", json={"code": code.json()["code"]}).json()["token"]
    assert http.get("/whoami", headers=bearer(old)).status_code == 401, "its place is taken"
    said = http.post("/terminals/status", json={"printer": "online"}, headers=bearer(new))
    assert said.status_code == 200
    other = http.post(
        "/pairing-codes", json={"role": "kiosk", "name": "Upstairs"}, headers=supervisor
    ).json()["code"]
    named = http.post("/enroll", json={"code": other, "name": "test-kiosk"})  # names itself
    assert named.status_code == 409 and named.json()["error"] == "name_taken", named.text
    assert http.get("/whoami", headers=bearer(new)).status_code == 200, "no one was replaced"
    assert http.post("/enroll", json={"code": other}).status_code == 201, "the code still works"
    display = http.post(  # a display named as the kiosk is another terminal
        "/pairing-codes", json={"role": "display", "name": "test-kiosk"}, headers=supervisor
    )
    shown = http.post("/enroll", json={"code": display.json()["code"]}).json()["token"]
    assert http.get("/whoami", headers=bearer(new)).status_code == 200
    none = http.post("/terminals/status", json={"printer": "none"}, headers=bearer(shown))
    assert none.status_code == 200
    listed = http.get("/terminals", headers=supervisor).json()
    assert sorted((t["name"], t["role"], t["printer"]) for t in listed) == [
        ("test-kiosk", "display", "none"),
        ("test-kiosk", "kiosk", "online"),  # one line, the new machine's state
    ]


def test_ticket_events_carry_the_length_of_their_line(
    http: httpx.Client, live_server: LiveServer
) -> None:
    issue(http, live_server)
    with live_events(live_server) as stream:
        issue(http, live_server)
        event = json.loads(stream.recv(timeout=5))
    [line] = event["data"]["queue"]
    assert line["service_id"] == "id-card" and line["waiting"] == 2
    assert line["estimated_wait_s"] > 0


def test_an_operator_sees_their_own_day(http: httpx.Client, live_server: LiveServer) -> None:
    operator = open_counter(live_server, "c1", login="aigul")
    for _ in range(2):
        ticket = issue(http, live_server)
        http.post("/counters/c1/call", headers=bearer(operator))
        http.post(f"/tickets/{ticket['id']}/start", headers=bearer(operator))
        http.post(f"/tickets/{ticket['id']}/finish", headers=bearer(operator))
    http.post(
        f"/tickets/{ticket['id']}/rating",
        json={"grade": "good"},
        headers=bearer(live_server.tokens["kiosk"]),
    )
    day = http.get("/operators/aigul/today", headers=bearer(operator)).json()
    assert day["served"] == 2 and day["no_shows"] == 0
    assert day["ratings"] == {"excellent": 0, "good": 1, "satisfactory": 0}
    assert http.get("/operators/someone-else/today", headers=bearer(operator)).status_code == 403
    anonymous = http.get("/operators/aigul/today")  # no token: 401, as every other such read
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "unauthorized"


def test_a_refused_enrollment_leaves_the_pairing_code_usable(
    http: httpx.Client, live_server: LiveServer
) -> None:
    code = pairing_code(http, live_server, "Entrance")
    blank = http.post("/enroll", json={"code": code, "name": "   "})
    assert blank.status_code == 422 and blank.json()["error"] == "bad_name"
    for roles in ("kiosk", [], [1], ["kiosk", None]):
        bad = http.post("/enroll", json={"code": code, "roles": roles})
        assert bad.status_code == 422 and bad.json()["error"] == "bad_field", roles
    wrong = http.post("/enroll", json={"code": code, "roles": ["counter"]})
    assert wrong.status_code == 409 and wrong.json()["error"] == "wrong_role"
    assert http.post("/enroll", json={"code": code, "roles": ["kiosk"]}).status_code == 201


@pytest.mark.parametrize(
    ("slot", "code"),
    [
        ("9999-12-31T23:00:00+00:00", "bad_field"),  # no such time in the hall's zone
        ("0001-01-01T00:00:00+14:00", "bad_field"),
        ("2099-01-05T10:00:00", "slot_too_far"),
    ],
)
def test_a_booking_at_the_calendars_ends_or_years_ahead_is_refused(
    http: httpx.Client, slot: str, code: str
) -> None:
    booking = {"service_id": "passport", "slot_at": slot, "iin": "900101300017"}
    reply = http.post("/bookings", json=booking)
    assert reply.status_code == 422 and reply.json()["error"] == code, reply.text


def test_only_staff_book_without_an_iin(http: httpx.Client, live_server: LiveServer) -> None:
    """The one-booking-per-person rule goes by the IIN: without one, anyone could take every
    slot. A consultant booking by phone for a visitor without it at hand may."""
    slot = a_free_slot(http).isoformat()
    for iin in (None, "", "   "):
        refused = http.post(
            "/bookings", json={"service_id": "id-card", "slot_at": slot, "iin": iin}
        )
        assert refused.status_code == 422 and refused.json()["error"] == "missing_field"
    kiosk = bearer(live_server.tokens["kiosk"])
    by_kiosk = http.post(
        "/bookings", json={"service_id": "id-card", "slot_at": slot}, headers=kiosk
    )
    assert by_kiosk.status_code == 422
    consultant = bearer(live_server.tokens["consultant"])
    by_phone = http.post(
        "/bookings", json={"service_id": "id-card", "slot_at": slot}, headers=consultant
    )
    assert by_phone.status_code == 201, by_phone.text
    blank = http.post(  # a blank IIN from staff is none at all
        "/bookings", json={"service_id": "id-card", "slot_at": slot, "iin": " "}, headers=consultant
    )
    assert blank.status_code == 201, blank.text
    store = SqlHallStore(live_server.db_url)
    try:  # the log names who booked by phone, not "the public"
        actors = [r.actor for r in store.events() if r.type == "booking.created"]
    finally:
        store.close()
    assert actors and all(a.startswith("consultant:") for a in actors[-2:])


def test_a_nul_character_is_refused_before_it_reaches_the_database(
    http: httpx.Client, live_server: LiveServer
) -> None:
    terminal = counter_terminal_token(live_server, "c1")
    reply = http.post(
        "/counters/c1/sign-in", json={"login": "a\u0000b", "pin": "1234"}, headers=bearer(terminal)
    )
    assert reply.status_code == 422 and reply.json()["error"] == "bad_field"
    made = http.post(
        "/pairing-codes",
        json={"role": "kiosk", "name": "a\u0000b"},
        headers=bearer(live_server.tokens["supervisor"]),
    )
    assert made.status_code == 422


def test_the_announcement_line_has_a_text_per_language_and_bad_ones_change_nothing(
    http: httpx.Client, live_server: LiveServer
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    texts = {"kk": "Түскі үзіліс 13:00-де", "ru": "Обед в 13:00", "en": ""}
    with live_events(live_server) as stream:
        reply = http.post("/announcement", json={"texts": texts}, headers=supervisor)
        event = json.loads(stream.recv(timeout=5))
    shown = {"kk": "Түскі үзіліс 13:00-де", "ru": "Обед в 13:00", "en": "Түскі үзіліс 13:00-де"}
    assert reply.status_code == 200
    assert reply.json() == {"announcement": "Түскі үзіліс 13:00-де", "announcements": shown}
    assert event["type"] == "hall.announcement"
    assert event["data"] == {"text": "Түскі үзіліс 13:00-де", "texts": shown}
    for bad, code in [
        ({"texts": {"de": "Mittag"}}, "bad_field"),  # a language the hall does not speak
        ({"texts": {"kk": 5}}, "bad_field"),
        ({"texts": "Обед"}, "bad_field"),
        ({"texts": {"ru": "x" * 501}}, "bad_field"),
        ({"text": "x" * 501}, "bad_field"),
        ({"text": 5}, "bad_field"),
        ({"text": "Обед", "texts": {"ru": "Обед"}}, "bad_field"),  # which one?
        ({}, "missing_field"),
        ({"text": None}, "missing_field"),
    ]:
        refused = http.post("/announcement", json=bad, headers=supervisor)
        assert (refused.status_code, refused.json()["error"]) == (422, code), bad
    assert http.get("/hall").json()["announcements"] == shown
    one = http.post("/announcement", json={"text": "  Closed   at 17:00 "}, headers=supervisor)
    assert one.json()["announcements"] == dict.fromkeys(("kk", "ru", "en"), "Closed at 17:00")
    cleared = http.post("/announcement", json={"texts": {}}, headers=supervisor)
    assert cleared.json() == {"announcement": "", "announcements": {"kk": "", "ru": "", "en": ""}}
    kiosk = bearer(live_server.tokens["kiosk"])
    assert http.post("/announcement", json={"text": "x"}, headers=kiosk).status_code == 403


def test_signing_out_names_the_counter_the_operator_is_at(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c2")
    assert http.post("/counters/zz/sign-out", headers=bearer(operator)).status_code == 404
    elsewhere = http.post("/counters/c1/sign-out", headers=bearer(operator))
    assert elsewhere.status_code == 403 and elsewhere.json()["error"] == "not_here"
    counters = {c["id"]: c for c in http.get("/counters").json()}
    assert counters["c2"]["operator_id"] == "op-c2"
    assert http.post("/counters/c2/sign-out", headers=bearer(operator)).status_code == 200


def test_a_body_larger_than_any_command_is_refused_unread(
    http: httpx.Client, live_server: LiveServer
) -> None:
    huge = b'{"service_id": "id-card", "pad": "' + b"x" * 70_000 + b'"}'
    reply = http.post("/tickets", content=huge, headers=bearer(live_server.tokens["kiosk"]))
    assert reply.status_code == 413 and reply.json()["error"] == "body_too_large"
    assert sum(q["waiting"] for q in http.get("/queue").json()) == 0


def test_a_bodiless_ticket_action_still_refuses_a_malformed_body(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    ticket = issue(http, live_server)
    assert http.post("/counters/c1/call", headers=bearer(operator)).status_code == 200
    reply = http.post(f"/tickets/{ticket['id']}/start", content=b"{oops", headers=bearer(operator))
    assert reply.status_code == 422 and reply.json()["error"] == "bad_json"
    assert http.get(f"/tickets/{ticket['id']}").json()["status"] == "called"


def test_an_unknown_operators_day_is_a_404(http: httpx.Client, live_server: LiveServer) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    for login in ("nobody", "a%00b"):  # a NUL never reaches the database (PostgreSQL refuses)
        reply = http.get(f"/operators/{login}/today", headers=supervisor)
        assert reply.status_code == 404 and reply.json()["error"] == "operator_not_found"


def test_opening_an_open_counter_changes_and_logs_nothing(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    before = http.get("/snapshot").json()
    since = next(c for c in before["counters"] if c["id"] == "c1")["state_since"]
    assert http.post("/counters/c1/open", headers=bearer(operator)).status_code == 200
    after = http.get("/snapshot").json()
    assert after["seq"] == before["seq"]
    assert next(c for c in after["counters"] if c["id"] == "c1")["state_since"] == since


@pytest.mark.parametrize("after", ["-1", "abc", "+5", "5_0", "\u0661\u0662"])
def test_the_event_stream_refuses_an_after_that_is_not_plain_digits(
    live_server: LiveServer, after: str
) -> None:
    from urllib.parse import quote

    ws_url = live_server.url.replace("http://", "ws://") + f"/api/v1/events?after={quote(after)}"
    with connect(ws_url, open_timeout=5) as stream:
        refusal = json.loads(stream.recv(timeout=5))
    assert refusal["error"] == "invalid_input" and "whole number" in refusal["message"]


def test_an_operator_who_has_left_is_disabled_signed_out_and_can_come_back(
    http: httpx.Client, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from hallserver.__main__ import main as kezek
    from hallserver.service import HallService

    session = open_counter(live_server, "c1", login="aigul")
    terminal = counter_terminal_token(live_server, "c1")
    assert http.get("/whoami", headers=bearer(session)).status_code == 200
    add_operator(live_server, "boss", "2468", supervisor=True)  # and a supervisor on the board
    form = {"login": "boss", "pin": "2468"}
    board = httpx.post(f"{live_server.url}/board/login", data=form)
    assert board.status_code == 303 and board.cookies.get("kezek_session")
    cookie = {"kezek_session": board.cookies["kezek_session"]}
    assert httpx.get(f"{live_server.url}/board", cookies=cookie).status_code == 200
    db = ["--db", live_server.db_url]
    assert kezek(["operator", "disable", "aigul", *db]) == 0
    assert kezek(["operator", "disable", "boss", *db]) == 0
    assert live_server.loop is not None and isinstance(live_server.hall, HallService)
    # the hall's 30-second tick, now rather than later
    asyncio.run_coroutine_threadsafe(live_server.hall.tick(), live_server.loop).result(10)
    assert http.get("/whoami", headers=bearer(session)).status_code == 401
    assert httpx.get(f"{live_server.url}/board", cookies=cookie).status_code == 303  # to login
    assert httpx.post(f"{live_server.url}/board/login", data=form).status_code != 303
    c1 = next(c for c in http.get("/counters").json() if c["id"] == "c1")
    assert (c1["operator_id"], c1["state"]) == (None, "closed")
    pin = {"login": "aigul", "pin": "4321"}
    again = http.post("/counters/c1/sign-in", json=pin, headers=bearer(terminal))
    assert again.status_code == 403 and again.json()["error"] == "operator_disabled"
    assert kezek(["operator", "list", *db]) == 0
    assert "aigul\tAigul\t(disabled)" in capsys.readouterr().out

    assert kezek(["operator", "enable", "aigul", *db]) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO("8642\n"))
        assert kezek(["operator", "pin", "aigul", "--pin-stdin", *db]) == 0
    old = http.post("/counters/c1/sign-in", json=pin, headers=bearer(terminal))
    assert old.status_code == 403 and old.json()["error"] == "bad_credentials"
    new = http.post(
        "/counters/c1/sign-in", json={"login": "aigul", "pin": "8642"}, headers=bearer(terminal)
    )
    assert new.status_code == 200, new.text


def test_the_halls_tick_lives_on_after_a_database_hiccup(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from hallserver.api import app

    calls: list[int] = []

    class Flaky:
        async def tick(self) -> None:
            calls.append(1)
            if len(calls) == 1:
                raise OSError("the database went away")

    monkeypatch.setattr(app, "TICK_S", 0.001)

    async def run() -> None:
        ticker = asyncio.create_task(app._tick(Flaky()))  # type: ignore[arg-type]
        while len(calls) < 3:
            await asyncio.sleep(0.001)
        ticker.cancel()

    asyncio.run(asyncio.wait_for(run(), 10))
    assert len(calls) >= 3 and "the hall's tick failed" in caplog.text


def test_a_visitor_steps_away_to_pay_and_their_counter_calls_them_back(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = bearer(open_counter(live_server, "c1"))
    first = issue(http, live_server)
    second = issue(http, live_server)
    http.post("/counters/c1/call", headers=operator)
    http.post(f"/tickets/{first['id']}/start", headers=operator)
    away = http.post(f"/tickets/{first['id']}/postpone", headers=operator)
    assert away.status_code == 200 and away.json()["status"] == "postponed", away.text
    page = httpx.get(f"{live_server.url}/t/{first['id']}", params={"lang": "en"}).text
    assert "When you are back, come to counter 1" in page
    assert http.post("/counters/c1/call", headers=operator).json()["id"] == second["id"]
    http.post(f"/tickets/{second['id']}/start", headers=operator)
    http.post(f"/tickets/{second['id']}/finish", headers=operator)
    back = http.post("/counters/c1/call", json={"ticket_id": first["id"]}, headers=operator)
    assert back.status_code == 200 and back.json()["status"] == "called", back.text
    # an operator's call of a waiting ticket by id is still a supervisor's out-of-order call
    third = issue(http, live_server)
    http.post(f"/tickets/{first['id']}/start", headers=operator)
    http.post(f"/tickets/{first['id']}/finish", headers=operator)
    refused = http.post("/counters/c1/call", json={"ticket_id": third["id"]}, headers=operator)
    assert refused.status_code == 403


def test_a_supervisor_messages_the_operators_and_the_public_stream_carries_no_text(
    http: httpx.Client, live_server: LiveServer
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    at_c1, at_c2 = open_counter(live_server, "c1"), open_counter(live_server, "c2")
    with live_events(live_server) as stream:
        sent = http.post(
            "/messages",
            json={"counter_id": "c2", "text": "Take the land queue"},
            headers=supervisor,
        )
        assert sent.status_code == 201, sent.text
        public = json.loads(stream.recv(timeout=5))
    assert public["type"] == "message.sent" and public["actor"] == "supervisor"
    assert public["data"]["message"]["to"] == "c2" and public["data"]["message"]["text"] is None
    message = sent.json()
    assert (message["id"], message["text"], message["read"]) == (1, "Take the land queue", {})
    everyone = http.post(  # an empty counter_id is every counter, as on the board
        "/messages", json={"text": "Lunch in shifts", "counter_id": ""}, headers=supervisor
    ).json()
    assert everyone["to"] is None
    mine = http.get("/messages", headers=bearer(at_c1)).json()
    assert [(m["id"], m["read_here"]) for m in mine] == [(everyone["id"], False)]
    theirs = http.get("/messages", headers=bearer(at_c2)).json()
    assert [m["text"] for m in theirs] == ["Take the land queue", "Lunch in shifts"]
    before = http.get("/messages", headers=supervisor).json()
    for path, headers, status, code in (
        ("/messages/1/read", bearer(at_c1), 403, "other_counter"),
        ("/messages/99/read", bearer(at_c1), 404, "message_not_found"),
        ("/messages/-1/read", bearer(at_c1), 404, "message_not_found"),
        ("/messages/1/read", supervisor, 403, "not_operator"),
    ):
        reply = http.post(path, headers=headers)
        assert (reply.status_code, reply.json()["error"]) == (status, code), path
    for body, code in (
        ({"text": "  "}, "missing_field"),
        ({"text": "hi", "counter_id": "c99"}, "counter_not_found"),
    ):
        reply = http.post("/messages", json=body, headers=supervisor)
        assert reply.status_code in (404, 422) and reply.json()["error"] == code
    assert http.post("/messages", json={"text": "hi"}, headers=bearer(at_c1)).status_code == 403
    assert http.get("/messages").status_code == 401  # no token: the text is for the staff
    assert http.get("/messages", headers=supervisor).json() == before
    read = http.post("/messages/1/read", headers=bearer(at_c2))
    assert read.status_code == 200 and read.json()["read_here"] is True
    assert list(http.get("/messages", headers=supervisor).json()[0]["read"]) == ["c2"]


def test_a_supervisor_at_a_counter_lets_go_a_visitor_who_stepped_away_from_another(
    http: httpx.Client, live_server: LiveServer
) -> None:
    at_c1 = open_counter(live_server, "c1")
    add_operator(live_server, "dana", "4321", supervisor=True)
    signed_in = http.post(
        "/counters/c2/sign-in",
        json={"login": "dana", "pin": "4321"},
        headers=bearer(counter_terminal_token(live_server, "c2")),
    )
    assert signed_in.status_code == 200, signed_in.text
    at_c2 = signed_in.json()["token"]
    at_c3 = open_counter(live_server, "c3")
    ticket = issue(http, live_server)
    http.post("/counters/c1/call", headers=bearer(at_c1))
    assert http.post(f"/tickets/{ticket['id']}/postpone", headers=bearer(at_c1)).status_code == 200
    refused = http.post(f"/tickets/{ticket['id']}/no-show", headers=bearer(at_c3))
    assert refused.status_code == 403 and refused.json()["error"] == "other_counter"
    gone = http.post(f"/tickets/{ticket['id']}/no-show", headers=bearer(at_c2))
    assert gone.status_code == 200 and gone.json()["status"] == "no_show"


def test_a_counter_calls_the_next_of_one_line_of_its_profile(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = bearer(open_counter(live_server, "c1"))  # ID cards, passports, signatures
    card = issue(http, live_server)  # an ID card, first
    passport = http.post(
        "/tickets", json={"service_id": "passport"}, headers=bearer(live_server.tokens["kiosk"])
    ).json()
    for body, status, code in (
        ({"service_id": "land-plot"}, 422, "counter_not_serving"),
        ({"service_id": "no-such"}, 404, "service_not_found"),
        ({"service_id": 7}, 422, "bad_field"),
        ({"service_id": "passport", "ticket_id": card["id"]}, 422, "bad_field"),
    ):
        refused = http.post("/counters/c1/call", json=body, headers=operator)
        assert (refused.status_code, refused.json()["error"]) == (status, code), body
    assert http.get(f"/tickets/{card['id']}").json()["status"] == "waiting"
    with live_events(live_server) as stream:
        called = http.post("/counters/c1/call", json={"service_id": "passport"}, headers=operator)
        event = json.loads(stream.recv(timeout=5))
    assert called.status_code == 200 and called.json()["number"] == passport["number"]
    assert event["data"]["chosen_service"] == "passport" and event["data"]["out_of_order"] is True
    http.post(f"/tickets/{passport['id']}/no-show", headers=operator)
    empty = http.post("/counters/c1/call", json={"service_id": "passport"}, headers=operator)
    assert empty.status_code == 204


FEE = {"kk": "Тегін", "ru": "Бесплатно", "en": "Free of charge"}


def test_a_supervisor_changes_a_services_words_and_figures_while_the_hall_runs(
    http: httpx.Client, live_server: LiveServer
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    before = http.get("/services/passport").json()
    issue(http, live_server, "passport")
    documents = [{"kk": "Жеке куәлік", "ru": "Удостоверение личности", "en": "ID card"}]
    with live_events(live_server) as stream:
        changed = http.patch(
            "/services/passport",
            json={"fee": FEE, "documents": documents, "duration_min": 45, "daily_limit": 80},
            headers=supervisor,
        )
        assert changed.status_code == 200, changed.text
        event = json.loads(stream.recv(timeout=5))
    assert event["type"] == "service.changed" and event["data"]["service"] == changed.json()
    [line] = event["data"]["queue"]  # the line's estimate and tickets left, as they now are
    assert (line["service_id"], line["tickets_left"]) == ("passport", 79)
    view = http.get("/services/passport").json()
    assert view == changed.json(), "the hall shows it at once"
    assert (view["fee"], view["documents"], view["duration_min"]) == (FEE, documents, 45)
    assert view["daily_limit"] == 80 and view["name"] == before["name"], "the rest stays"
    line = next(q for q in http.get("/queue").json() if q["service_id"] == "passport")
    assert line["estimated_wait_s"] == 45 * 60 and line["tickets_left"] == 79  # the new figures
    saved = live_server.hall.store.config(CATALOGUE_KEY)
    assert saved is not None and saved.startswith("# Kezek demo hall"), "its comments stay"
    assert 'en = "Free of charge"' in saved and "duration_min = 45" in saved
    free = http.patch("/services/passport", json={"fee": None}, headers=supervisor)
    assert free.status_code == 200 and free.json()["fee"] is None
    unlimited = http.patch("/services/passport", json={"daily_limit": None}, headers=supervisor)
    assert unlimited.status_code == 200 and unlimited.json()["daily_limit"] is None, "as GET says"
    line = next(q for q in http.get("/queue").json() if q["service_id"] == "passport")
    assert line["tickets_left"] is None
    assert "daily_limit" not in (live_server.hall.store.config(CATALOGUE_KEY) or "")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "nothing to change"),
        ({"prefix": "Q"}, "prefix cannot be changed here"),
        ({"duration_min": 0}, "duration_min must be a whole number from 1 to 1440"),
        ({"duration_min": "15"}, "not the text '15'"),
        ({"name": {"kk": "Төлқұжат", "ru": "Паспорт"}}, "the en text is missing"),
        ({"name": {"kk": "a\nb", "ru": "b", "en": "c"}}, "one line"),
        (
            {"name": {"kk": "Төлқұжат", "ru": "Паспорт", "en": "\u200b"}},
            "the en text shows nothing",
        ),
        ({"fee": "Free"}, 'must be { kk = "…"'),
        ({"documents": [{"kk": "x", "ru": "y", "en": "z"}] * 31}, "at most 30"),
        ({"description": {"kk": "x" * 2001, "ru": "y", "en": "z"}}, "at most 2000"),
    ],
)
def test_a_bad_change_to_a_service_is_a_422_naming_the_field_and_changes_nothing(
    http: httpx.Client, live_server: LiveServer, body: dict[str, object], says: str
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    saved = live_server.hall.store.config(CATALOGUE_KEY)
    before = http.get("/services/passport").json()
    refused = http.patch("/services/passport", json=body, headers=supervisor)
    assert refused.status_code == 422 and refused.json()["error"] == "bad_field", refused.text
    assert says in refused.json()["message"]
    assert http.get("/services/passport").json() == before
    assert live_server.hall.store.config(CATALOGUE_KEY) == saved


def test_only_a_supervisor_changes_a_service(http: httpx.Client, live_server: LiveServer) -> None:
    body = {"fee": FEE}
    assert http.patch("/services/passport", json=body).status_code == 401
    kiosk = bearer(live_server.tokens["kiosk"])
    assert http.patch("/services/passport", json=body, headers=kiosk).status_code == 403
    admin = bearer(live_server.tokens["admin"])
    assert http.patch("/services/nope", json=body, headers=admin).status_code == 404
    assert http.patch("/services/passport", json=body, headers=admin).status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/pairing-codes", {"role": "kiosk", "name": "ctl\u0001\nname"}),
        ("/announcement", {"text": "Closed at\u001dV1 noon"}),
        ("/announcement", {"texts": {"kk": "a", "ru": "b\u2028c", "en": "d"}}),
        ("/messages", {"text": "come\u001b@ here"}),
    ],
)
def test_a_control_character_in_a_text_is_refused_and_changes_nothing(
    http: httpx.Client, live_server: LiveServer, path: str, body: dict[str, object]
) -> None:
    supervisor = bearer(live_server.tokens["supervisor"])
    before = http.get("/audit/head", headers=supervisor).json()
    reply = http.post(path, json=body, headers=supervisor)
    assert reply.status_code == 422 and reply.json()["error"] == "bad_field", reply.text
    assert "control character" in reply.json()["message"]
    assert http.get("/audit/head", headers=supervisor).json() == before


def test_the_openapi_document_says_which_routes_need_a_token_as_the_server_does(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """Each route without path parameters, asked without a token: 401 where the document
    declares a bearer token needed, never 401 where it declares none (or an optional one)."""
    paths = httpx.get(f"{live_server.url}/openapi.json").json()["paths"]
    checked = 0
    for path, operations in paths.items():
        if not path.startswith("/api/v1/") or "{" in path or path == "/api/v1/events":
            continue
        for method, operation in operations.items():
            needed = operation.get("security") == [{"bearer": []}]
            reply = http.request(method.upper(), path.removeprefix("/api/v1"))
            assert (reply.status_code == 401) == needed, (method, path, reply.status_code)
            checked += 1
    assert checked >= 15


def test_a_malformed_body_stops_a_sign_out_as_it_stops_every_command(
    http: httpx.Client, live_server: LiveServer
) -> None:
    operator = open_counter(live_server, "c1")
    reply = http.post(
        "/counters/c1/sign-out",
        content=b"{",
        headers={**bearer(operator), "Content-Type": "application/json"},
    )
    assert reply.status_code == 422 and reply.json()["error"] == "bad_json"
    counter = next(c for c in http.get("/counters").json() if c["id"] == "c1")
    assert counter["operator_id"] is not None, "signed out by a request it refused"


def test_a_booking_iin_with_spaces_around_it_is_taken_as_its_digits(
    http: httpx.Client, live_server: LiveServer
) -> None:
    # a day ahead: today's last slot is gone by 19:00 in the hall (the test failed after it)
    slot = a_free_slot(http).isoformat()
    iin = "900101300007"
    reply = http.post(
        "/bookings", json={"service_id": "id-card", "slot_at": slot, "iin": f"  {iin}  "}
    )
    assert reply.status_code == 201, reply.text
    assert reply.json()["iin"] == iin
    kiosk = bearer(live_server.tokens["kiosk"])  # checked in with the spaces too: found
    early = http.post("/tickets", json={"iin": f" {iin} "}, headers=kiosk)
    assert early.json()["error"] == "wrong_day", early.text  # (it is days ahead)


def test_a_ticket_event_carries_the_lines_its_counters_also_serve_when_their_estimate_moved(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """Counter 4 serves births, marriages, deaths and name changes, whoever waited longest: a
    birth ticket makes a new marriage ticket wait too, and the wall display hears it."""
    open_counter(live_server, "c4")
    with live_events(live_server) as stream:
        issue(http, live_server, "birth-registration")  # after a snapshot: every line sent
        first = json.loads(stream.recv(timeout=5))
        issue(http, live_server, "birth-registration")
        event = json.loads(stream.recv(timeout=5))
        issue(http, live_server, "id-card")  # no open counter serves it with c4's lines
        other = json.loads(stream.recv(timeout=5))
    assert len(first["data"]["queue"]) == len(http.get("/services").json())
    lines = {line["service_id"]: line for line in event["data"]["queue"]}
    assert {"birth-registration", "marriage-registration", "name-change"} <= set(lines)
    assert lines["marriage-registration"]["waiting"] == 0
    assert lines["marriage-registration"]["estimated_wait_s"] > 20 * 60, "after the births"
    assert "id-card" not in lines, "its minutes did not move"
    assert [line["service_id"] for line in other["data"]["queue"]] == ["id-card"]
    queue = {q["service_id"]: q for q in http.get("/queue").json()}
    assert queue["marriage-registration"]["estimated_wait_s"] == pytest.approx(
        lines["marriage-registration"]["estimated_wait_s"], abs=60
    ), "what the display heard is what the queue says"


def test_codes_and_iins_typed_in_groups_are_found(
    http: httpx.Client, live_server: LiveServer
) -> None:
    """`900101 300007` and `34g-agc`: visitors type them as printed, in groups."""
    slot = a_free_slot(http).isoformat()
    reply = http.post(
        "/bookings", json={"service_id": "id-card", "slot_at": slot, "iin": "900101 300007"}
    )
    assert reply.status_code == 201, reply.text
    code = reply.json()["code"]
    assert reply.json()["iin"] == "900101300007"
    for typed in (f"{code[:3]} {code[3:]}", f"{code[:3]}-{code[3:]}".lower()):
        found = http.get(f"/bookings/{typed}")
        assert found.status_code == 200 and found.json()["code"] == code, found.text
    kiosk = bearer(live_server.tokens["kiosk"])
    for body in ({"iin": "900101-300007"}, {"appointment_code": f"{code[:3]} {code[3:]}"}):
        early = http.post("/tickets", json=body, headers=kiosk)
        assert early.json()["error"] == "wrong_day", early.text  # found: it is days ahead
        assert (early.json()["booked_day"], early.json()["slot_at"]) == (slot[:10], slot)
    cancelled = http.post(f"/bookings/{code[:3]}-{code[3:]}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"


def test_past_closing_with_the_last_counter_closed_a_ticket_has_no_estimate(
    tmp_path: Path,
) -> None:
    """At 20:10 the last ID card counter closes with visitors waiting: none opens for them
    today, so no minutes are promised."""
    clock = Clock()
    live, server, thread = start_live_server(
        f"sqlite:///{tmp_path / 'h.sqlite3'}", clock=clock, always_open=False
    )
    try:
        with httpx.Client(base_url=live.api) as http:
            operator = bearer(open_counter(live, "c1"))
            kiosk = bearer(live.tokens["kiosk"])
            tickets = [
                http.post("/tickets", json={"service_id": "id-card"}, headers=kiosk).json()
                for _ in range(2)
            ]
            clock.advance(hours=10, minutes=10)  # 20:10: the hall closed at 20:00
            still = http.get(f"/tickets/{tickets[1]['id']}").json()
            assert isinstance(still["estimated_wait_s"], int) and "service_ended" not in still
            assert http.post("/counters/c1/close", headers=operator).status_code == 200
            ended = http.get(f"/tickets/{tickets[1]['id']}").json()
            assert ended["status"] == "waiting" and ended["people_ahead"] == 1
            assert ended["estimated_wait_s"] is None and ended["service_ended"] is True
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
