"""The hall simulation: a seeded plan of visitors, and simulated operators moving a real hall."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest

from hallserver.client import HallClient
from hallserver.protocol import TicketView
from hallserver.simulate import (
    POPULAR,
    HallSimulation,
    SimOperator,
    VisitorPlan,
    sent_there_and_back,
    service_time_s,
    service_weights,
)
from tests.conftest import LiveServer, add_operator, counter_terminal_token

WEIGHTS = {"id-card": 10.0, "passport": 6.0, "pension": 1.0}


def test_the_same_seed_plans_the_same_visitors() -> None:
    assert VisitorPlan(WEIGHTS, 60, seed=7).first(50) == VisitorPlan(WEIGHTS, 60, seed=7).first(50)


def test_another_seed_plans_other_visitors() -> None:
    assert VisitorPlan(WEIGHTS, 60, seed=1).first(20) != VisitorPlan(WEIGHTS, 60, seed=2).first(20)


def test_arrivals_come_at_the_asked_rate() -> None:
    visitors = VisitorPlan(WEIGHTS, 120, seed=3).first(4000)
    per_hour = len(visitors) / (visitors[-1].at_s / 3600)
    assert 110 < per_hour < 130


def test_languages_are_mostly_kazakh_then_russian_then_english() -> None:
    languages = Counter(v.language for v in VisitorPlan(WEIGHTS, 60, seed=4).first(5000))
    assert 0.56 < languages["kk"] / 5000 < 0.64
    assert 0.31 < languages["ru"] / 5000 < 0.39
    assert 0.03 < languages["en"] / 5000 < 0.07


def test_popular_services_are_asked_for_more_often() -> None:
    services = Counter(v.service_id for v in VisitorPlan(WEIGHTS, 60, seed=5).first(3000))
    assert services["id-card"] > services["passport"] > services["pension"] > 0


def test_a_few_visitors_come_with_a_priority_reason() -> None:
    reasons = [v.priority_reason for v in VisitorPlan(WEIGHTS, 60, seed=6).first(3000)]
    share = sum(r is not None for r in reasons) / len(reasons)
    assert 0.03 < share < 0.10
    assert {r for r in reasons if r} == {"disabled", "elderly", "pregnant"}


def test_service_times_average_the_catalogue_duration() -> None:
    rng = random.Random(8)
    times = [service_time_s(rng, 15) for _ in range(5000)]
    assert 13 * 60 < sum(times) / len(times) < 16 * 60
    assert min(times) > 0


def test_a_plan_needs_visitors_and_services() -> None:
    with pytest.raises(ValueError, match="per hour"):
        VisitorPlan(WEIGHTS, 0)
    with pytest.raises(ValueError, match="no open service"):
        VisitorPlan({}, 10)


def test_the_demo_halls_popular_services_exist_in_its_catalogue(live_server: LiveServer) -> None:
    with HallClient(live_server.url) as client:
        weights = service_weights(client.services())
    assert set(POPULAR) <= set(weights)


def test_simulated_visitors_and_operators_move_the_hall(live_server: LiveServer) -> None:
    operators = []
    for counter in ("c2", "c3"):
        add_operator(live_server, f"sim-{counter}", "5555")
        token = counter_terminal_token(live_server, counter)
        operators.append(SimOperator(counter, token, f"sim-{counter}", "5555"))
    simulation = HallSimulation(
        live_server.url,
        live_server.tokens["kiosk"],
        operators,
        visitors_per_hour=360,  # at 600 times the speed: about 60 a real minute
        speed=600,  # a 10-minute service takes a real second
        seed=11,
    )
    simulation.start()
    try:
        deadline = datetime.now() + timedelta(seconds=30)
        while simulation.counts.finished < 3 and datetime.now() < deadline:
            threading.Event().wait(0.05)
    finally:
        simulation.stop()
    assert not simulation.running
    assert simulation.counts.errors == []
    assert simulation.counts.finished >= 3
    with HallClient(live_server.url, live_server.tokens["supervisor"]) as client:
        statuses = Counter(client.ticket(t).status for t in simulation.issued_ids[:200])
        languages = {client.ticket(t).language for t in simulation.issued_ids[:200]}
    assert statuses["finished"] >= 3
    assert {"kk", "ru"} <= languages


def test_a_business_registration_sometimes_needs_a_digital_signature_first() -> None:
    at = datetime(2026, 11, 23, 10, 0)
    fresh = TicketView("20261123-B001", "B001", "business-registration", "serving", at)
    assert sent_there_and_back(fresh, 0.29, 0.3) == "digital-signature"
    assert sent_there_and_back(fresh, 0.31, 0.3) is None
    back = TicketView("20261123-B001", "B001", "business-registration", "serving", at, transfers=2)
    assert sent_there_and_back(back, 0.0, 0.3) is None, "back from it: not sent again"
    other = TicketView("20261123-A001", "A001", "id-card", "serving", at)
    assert sent_there_and_back(other, 0.0, 1.0) is None


def test_simulated_operators_send_a_visitor_there_and_back(live_server: LiveServer) -> None:
    operators = []
    for counter in ("c9", "c3"):  # business registrations; digital signatures
        add_operator(live_server, f"sim-{counter}", "5555")
        token = counter_terminal_token(live_server, counter)
        operators.append(SimOperator(counter, token, f"sim-{counter}", "5555"))
    with HallClient(live_server.url, live_server.tokens["kiosk"]) as kiosk:
        ticket = kiosk.issue_ticket("business-registration")
    simulation = HallSimulation(
        live_server.url,
        live_server.tokens["kiosk"],
        operators,
        visitors_per_hour=1,  # few others: one every 6 real seconds
        speed=600,
        seed=12,
        there_and_back_share=1.0,
    )
    simulation.start()
    try:
        with HallClient(live_server.url, live_server.tokens["supervisor"]) as client:
            deadline = datetime.now() + timedelta(seconds=40)
            done = client.ticket(ticket.id)
            while done.status != "finished" and datetime.now() < deadline:
                threading.Event().wait(0.1)
                done = client.ticket(ticket.id)
    finally:
        simulation.stop()
    assert simulation.counts.errors == []
    assert simulation.counts.sent_there_and_back >= 1
    assert (done.status, done.service_id, done.counter_id) == (
        "finished",
        "business-registration",
        "c9",
    )
    assert done.transfers == 2  # to the digital signature, and back
