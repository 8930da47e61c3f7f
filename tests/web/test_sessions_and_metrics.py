"""Who may use the board (sessions in HttpOnly cookies) and what /metrics tells Prometheus."""

from __future__ import annotations

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.conftest import add_operator, open_counter
from tests.web.conftest import SUPERVISOR, Hall

BOARD = {"X-Kezek-Board": "1"}


def signed_in(hall: Hall, form: dict[str, str]) -> httpx.Client:
    client = httpx.Client(base_url=hall.url)
    reply = client.post("/board/login", data=form)
    assert reply.status_code == 303 and reply.headers["location"] == "/board", reply.text
    return client


def test_a_supervisor_operator_signs_in_with_login_and_pin_into_an_httponly_cookie(
    hall: Hall,
) -> None:
    add_operator(hall.live, *SUPERVISOR, supervisor=True)
    client = httpx.Client(base_url=hall.url)
    reply = client.post("/board/login", data={"login": SUPERVISOR[0], "pin": SUPERVISOR[1]})
    cookie = reply.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/board").status_code == 200
    assert client.post("/board/api/announcement", json={"text": "Hi"}, headers=BOARD).is_success


def test_a_supervisor_signs_in_with_their_login_in_any_case_and_is_locked_in_any_case(
    hall: Hall,
) -> None:
    login, pin = SUPERVISOR
    add_operator(hall.live, login, pin, supervisor=True)
    client = signed_in(hall, {"login": login.upper(), "pin": pin})
    assert client.get("/board").status_code == 200
    for typed in (login.upper(), login.title(), login.swapcase(), login, login.upper() + " "):
        httpx.post(f"{hall.url}/board/login", data={"login": typed, "pin": "0000"})
    # five wrong PINs in as many spellings: the login is locked, in every spelling
    right = httpx.post(f"{hall.url}/board/login", data={"login": login.title(), "pin": pin})
    assert right.status_code == 429, right.text


def test_wrong_pins_plain_operators_and_terminal_tokens_are_refused(hall: Hall) -> None:
    add_operator(hall.live, *SUPERVISOR, supervisor=True)
    add_operator(hall.live, "aigul", "1111")
    refused = [
        {"login": SUPERVISOR[0], "pin": "0000"},
        {"login": "aigul", "pin": "1111"},  # not a supervisor
        {"token": hall.live.tokens["kiosk"]},
        {"token": "made-up"},
    ]
    for form in refused:
        reply = httpx.post(f"{hall.url}/board/login", data=form)
        assert reply.status_code == 401 and "kezek_session" not in reply.headers.get(
            "set-cookie", ""
        ), form
    assert httpx.get(f"{hall.url}/board").status_code == 303
    again = httpx.post(f"{hall.url}/board/login", data={"login": '"><b>x', "pin": "0000"})
    assert 'value="&quot;&gt;&lt;b&gt;x"' in again.text, "the login typed is there again"
    assert 'value="0000"' not in again.text, "never the PIN"


def test_too_many_wrong_pins_lock_the_login_for_a_minute(hall: Hall) -> None:
    add_operator(hall.live, *SUPERVISOR, supervisor=True)
    for _ in range(5):
        httpx.post(f"{hall.url}/board/login", data={"login": SUPERVISOR[0], "pin": "0000"})
    right = httpx.post(
        f"{hall.url}/board/login", data=dict(zip(("login", "pin"), SUPERVISOR, strict=True))
    )
    assert right.status_code == 429


def test_an_admin_token_opens_a_session_and_signing_out_ends_it(hall: Hall) -> None:
    client = signed_in(hall, {"token": hall.live.tokens["admin"]})
    assert client.get("/board").status_code == 200
    assert client.post("/board/logout").status_code == 303
    assert client.get("/board").status_code == 303  # the cookie is gone


def test_a_session_token_no_longer_works_once_signed_out(hall: Hall) -> None:
    client = signed_in(hall, {"token": hall.live.tokens["supervisor"]})
    token = client.cookies["kezek_session"]
    client.post("/board/logout")
    replayed = httpx.Client(base_url=hall.url, cookies={"kezek_session": token})
    assert replayed.get("/board").status_code == 303


def test_board_actions_need_the_session_and_the_board_header(hall: Hall) -> None:
    open_counter(hall.live, "c1")
    anonymous = httpx.post(f"{hall.url}/board/api/counters/c1/close", headers=BOARD)
    assert anonymous.status_code == 401
    client = signed_in(hall, {"token": hall.live.tokens["supervisor"]})
    forged = client.post("/board/api/counters/c1/close")  # e.g. a form on another site
    assert forged.status_code == 403 and forged.json()["error"] == "not_from_board"
    closed = client.post("/board/api/counters/c1/close", headers=BOARD)
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    bad = client.post("/board/api/counters/c1/pause", json={"reason": "nap"}, headers=BOARD)
    assert bad.status_code == 422


def test_the_board_stream_refuses_a_browser_without_a_session(hall: Hall) -> None:
    url = hall.url.replace("http://", "ws://") + "/board/ws"
    with pytest.raises(ConnectionClosed) as closed, connect(url, open_timeout=5) as stream:
        stream.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


def test_metrics_show_queue_lengths_waits_and_request_latencies(hall: Hall) -> None:
    for _ in range(2):
        httpx.post(
            f"{hall.api}/tickets", json={"service_id": "passport"}, headers=hall.bearer("kiosk")
        )
    hall.clock.advance(minutes=3)
    text = httpx.get(f"{hall.url}/metrics").text
    assert 'kezek_queue_waiting{service="passport"} 2.0' in text
    assert 'kezek_queue_longest_wait_seconds{service="passport"} 180.0' in text
    assert 'kezek_counters{state="closed"} 12.0' in text
    assert (
        'kezek_http_request_duration_seconds_count{method="POST",route="/api/v1/tickets",'
        'status="201"} 2.0'
    ) in text


def test_wrong_tries_from_a_crowd_of_addresses_do_not_pile_up_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hallserver.web import sessions as module

    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    sessions = module.Sessions()
    for n in range(10_001):
        sessions.failed(f"10.0.{n // 250}.{n % 250}:x")
    for _ in range(module.LOCK_AFTER):
        sessions.failed("10.9.9.9:boss")
    now[0] += module.LOCK_FOR_S + 1
    sessions.failed("10.9.9.8:x")  # every older try (and the lock) has lasted its minute: gone
    assert len(sessions._failures) == 1
    assert not sessions.locked("10.0.0.1:x")
