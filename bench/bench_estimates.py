"""Wait estimates: how close the wait a ticket promises comes to the wait the visitor then has.

Simulated days of the demo hall (its 12 counters and 18 services), driven through the domain's
own `Hall` on a simulated clock: visitors arrive at random (the service mix of
`hallserver.simulate`, 6 % priority), each open counter calls the next visitor by the hall's
rule as soon as it is free, the visitor walks up in 40 s, and the visit lasts a random time
around the service's real mean (which differs from the catalogue's typical duration, as it
does in a real hall). For every ticket it compares the estimate printed on it with the time it
waited until its first call.

Prints, per load: tickets, the mean wait, and for the hall's estimate (the replay) and for the
plain formula it replaced (people ahead x the average visit / the counters serving the line):
the mean and median error, the bias (estimate minus the real wait), and the share of tickets
whose estimate was within 5 minutes or 25 % of the real wait (whichever is wider). Then what
one forecast costs, in a 12-counter hall and in the 100-counter one of `bench_server`.

    .venv/bin/python -m bench.bench_estimates [--days N] [--seed S]
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import statistics
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from hallserver.catalogue_file import demo_catalogue
from hallserver.domain.catalogue import CounterSpec, Level
from hallserver.domain.estimates import estimate, forecast, serving_capacity
from hallserver.domain.hall import Hall
from hallserver.domain.ids import CounterId, OperatorId, ServiceId
from hallserver.domain.tickets import Priority
from hallserver.simulate import OTHER_WEIGHT, POPULAR, PRIORITY_SHARE, WALK_UP_S

DAY = date(2026, 11, 23)
OPENS = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 9:00 in Almaty
HOURS = 8.0
SIGMA = 0.55  # spread of a visit's length (lognormal): most are near the mean, a few are long
# the offered load (the work arriving over the work the counters can do): a calm day, a busy
# one, and an afternoon the hall cannot keep up with
LOADS = (0.75, 0.9, 1.05)


@dataclass(frozen=True)
class Outcome:
    estimate_s: float  # as printed on the ticket
    formula_s: float  # people ahead x the average visit / the counters serving the line
    waited_s: float


def _arrival_rate(hall: Hall, weights: dict[ServiceId, float], load: float) -> float:
    """Visitors per second that give the hall `load` of its counters' working time."""
    total = sum(weights.values())
    mean_visit_s = sum(w / total * hall.services[s].duration_min * 60 for s, w in weights.items())
    return load * len(hall.counters) / (mean_visit_s + WALK_UP_S)


def simulate_day(load: float, rng: random.Random) -> list[Outcome]:  # noqa: PLR0915 - one event loop
    hall = Hall(demo_catalogue(), DAY, enforce_hours=False)
    services = [s.id for s in hall.catalogue.services]
    weights = {s: POPULAR.get(s, OTHER_WEIGHT) for s in services}
    # each service's real mean visit: the catalogue's typical duration is a round guess
    real_mean = {s: hall.services[s].duration_min * 60 * rng.uniform(0.7, 1.4) for s in services}
    for counter in hall.counters.values():
        hall.sign_in(counter.id, OperatorId(f"op-{counter.id}"), OPENS)
        hall.open_counter(counter.id, OPENS)
    rate = _arrival_rate(hall, weights, load)
    end = OPENS + timedelta(hours=HOURS)
    promised: dict[str, tuple[float, float]] = {}
    outcomes: list[Outcome] = []
    idle: set[CounterId] = set(hall.counters)
    serving: dict[str, CounterId] = {}  # ticket -> the counter that called it
    # (when, sequence, what, subject)
    pending: list[tuple[datetime, int, str, str]] = []
    seq = 0

    def at(when: datetime, what: str, subject: str) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(pending, (when, seq, what, subject))

    def call(counter_id: CounterId, now: datetime) -> None:
        ticket, _ = hall.call_next(counter_id, now)
        if ticket is None:
            idle.add(counter_id)
            return
        idle.discard(counter_id)
        serving[ticket.id] = counter_id
        estimates = promised.pop(ticket.id, None)
        if estimates is not None:  # a transfer or a recall is no first call
            waited_s = (now - ticket.issued_at).total_seconds()
            outcomes.append(Outcome(*estimates, waited_s))
        at(now + timedelta(seconds=WALK_UP_S), "start", ticket.id)

    at(OPENS + timedelta(seconds=rng.expovariate(rate)), "arrive", "")
    while pending:
        now, _, what, subject = heapq.heappop(pending)
        if what == "arrive":
            if now < end:
                service = rng.choices(services, weights=[weights[s] for s in services])[0]
                priority = Priority.ELDERLY if rng.random() < PRIORITY_SHARE else Priority.REGULAR
                issued, _ = hall.issue(service, now, priority=priority)
                ahead = issued.estimate.people_ahead
                capacity = serving_capacity(issued.ticket.service, hall.counters.values())
                formula = estimate(ahead, hall.services[service], hall.times, capacity)
                promised[issued.ticket.id] = (
                    issued.estimate.estimated_wait_s,
                    formula.estimated_wait_s,
                )
                for counter_id in sorted(idle):
                    call(counter_id, now)
                at(now + timedelta(seconds=rng.expovariate(rate)), "arrive", "")
        elif what == "start":
            ticket, _ = hall.start(subject, now)
            mean = real_mean[ticket.service]
            seconds = rng.lognormvariate(math.log(mean) - SIGMA**2 / 2, SIGMA)
            at(now + timedelta(seconds=seconds), "finish", subject)
        else:  # finish
            hall.finish(subject, now)
            call(serving.pop(subject), now)
    return outcomes


def forecast_cost(counters: int, waiting: int, rounds: int = 200) -> float:
    """Microseconds for one forecast: `counters` open counters, each serving the three services
    of `bench_server`'s call test and serving a visitor, and `waiting` tickets in one line."""
    catalogue = demo_catalogue()
    three = tuple(ServiceId(s) for s in ("id-card", "birth-registration", "pension"))
    specs = tuple(
        CounterSpec(
            CounterId(f"c{n}"), n, catalogue.counters[0].name, dict.fromkeys(three, Level.MAIN)
        )
        for n in range(1, counters + 1)
    )
    hall = Hall(replace(catalogue, counters=specs), DAY, enforce_hours=False)
    for counter in hall.counters.values():
        hall.sign_in(counter.id, OperatorId(f"op-{counter.id}"), OPENS)
        hall.open_counter(counter.id, OPENS)
    for _ in range(waiting + counters):
        hall.issue("id-card", OPENS)
    for counter in hall.counters.values():  # each serving a visitor, as in a working hall
        called, _ = hall.call_next(counter.id, OPENS)
        assert called is not None
        hall.start(called.id, OPENS + timedelta(seconds=30))
    started = time.perf_counter()
    for round_ in range(rounds):
        forecast(
            hall.lanes,
            hall.counters.values(),
            hall.tickets,
            hall.services,
            hall.times,
            hall.policy,
            hall.catalogue.priority_streak_cap,
            OPENS + timedelta(seconds=round_),
        )
    return (time.perf_counter() - started) / rounds * 1e6


def _row(name: str, outcomes: list[Outcome], estimates: list[float]) -> str:
    errors = [abs(e - o.waited_s) for o, e in zip(outcomes, estimates, strict=True)]
    within = sum(1 for o, e in zip(outcomes, errors, strict=True) if e <= max(300, o.waited_s / 4))
    bias = statistics.fmean(e - o.waited_s for o, e in zip(outcomes, estimates, strict=True))
    mean, median = statistics.fmean(errors) / 60, statistics.median(errors) / 60
    share = within / len(outcomes)
    return f"  {name:<8} {mean:>7.1f} m {median:>9.1f} m {bias / 60:>+6.1f} m {share:>7.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--days", type=int, default=6, help="simulated days per load")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wait estimates: {args.days} simulated days per load, the demo hall, seed {args.seed}")
    print("  replay: the hall's estimate; formula: people ahead x average visit / counters")
    simulated_s = 0.0
    tickets = 0
    for load in LOADS:
        rng = random.Random(f"{args.seed}-{load}")
        outcomes: list[Outcome] = []
        for _ in range(args.days):
            started = time.perf_counter()
            outcomes += simulate_day(load, rng)
            simulated_s += time.perf_counter() - started
        tickets += len(outcomes)
        mean_wait = statistics.fmean(o.waited_s for o in outcomes) / 60
        print(f"load {load:.2f}: {len(outcomes)} tickets, mean wait {mean_wait:.1f} min")
        print(f"  {'':<8} {'mean err':>9} {'median err':>11} {'bias':>8} {'within':>8}")
        print(_row("replay", outcomes, [o.estimate_s for o in outcomes]))
        print(_row("formula", outcomes, [o.formula_s for o in outcomes]))
    print("within: the estimate was off by no more than 5 minutes, or a quarter of the wait")
    print(
        f"simulated: {simulated_s / tickets * 1e6:.0f} µs per ticket (issue, call, start, finish)"
    )
    for counters, waiting in ((12, 40), (100, 3000)):
        cost = forecast_cost(counters, waiting)
        print(f"one forecast, {counters} counters busy and {waiting} waiting: {cost:.0f} µs")


if __name__ == "__main__":
    main()
