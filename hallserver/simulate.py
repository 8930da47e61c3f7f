"""Simulated visitors and operators that move a hall through its real API (demos, load tests)."""

from __future__ import annotations

import logging
import math
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hallserver.client import ClientError, HallClient, HallRefused
from hallserver.protocol import ServiceView, TicketView

log = logging.getLogger(__name__)

LANGUAGES = (("kk", 0.60), ("ru", 0.35), ("en", 0.05))
PRIORITY_SHARE = 0.06
PRIORITY_REASONS = ("disabled", "elderly", "pregnant")
# the services a public service hall in Kazakhstan sees most (the rest share what is left)
POPULAR = {
    "id-card": 10.0,
    "passport": 6.0,
    "residence-registration": 5.0,
    "digital-signature": 5.0,
    "pension": 3.0,
    "child-benefit": 3.0,
    "property-rights": 3.0,
    "driving-licence": 3.0,
    "vehicle-registration": 2.5,
    "birth-registration": 2.0,
    "criminal-record": 2.0,
}
OTHER_WEIGHT = 1.0
GRADES = (("excellent", 0.70), ("good", 0.20), ("satisfactory", 0.10))
RATED_SHARE = 0.6  # not every visitor presses a key
NO_SHOW_SHARE = 0.03
WALK_UP_S = 40.0  # hall seconds from the call to the visitor at the counter
# visits that need another service first, then go on at the same counter: registering a
# business needs a digital signature on the ID card
THERE_AND_BACK = {"business-registration": "digital-signature"}
THERE_AND_BACK_SHARE = 0.3


def sent_there_and_back(ticket: TicketView, draw: float, share: float) -> str | None:
    """The service a visitor being served is sent to "and back" first, if any (`draw`, a
    random number in [0, 1), falls under `share`); a visitor already sent on once is not."""
    other = THERE_AND_BACK.get(ticket.service_id)
    if other is None or ticket.transfers or ticket.return_service_id is not None:
        return None
    return other if draw < share else None


@dataclass(frozen=True)
class Visitor:
    """One simulated arrival: when (hall seconds after the start), for what, in which language."""

    at_s: float
    service_id: str
    language: str
    priority_reason: str | None = None


@dataclass(frozen=True)
class SimOperator:
    """An operator the simulation signs in at a counter: the counter terminal's token and PIN."""

    counter_id: str
    counter_token: str
    login: str
    pin: str


def service_weights(services: Sequence[ServiceView]) -> dict[str, float]:
    """How often each open service is asked for: the popular ones more, the rest evenly."""
    return {s.id: POPULAR.get(s.id, OTHER_WEIGHT) for s in services if not s.suspended}


class VisitorPlan:
    """Poisson arrivals with a popularity-weighted mix of services and languages; seeded.

    `per_hour` visitors arrive per hall hour on average; the gaps are exponential.
    """

    def __init__(self, weights: dict[str, float], per_hour: float, seed: int = 0) -> None:
        if per_hour <= 0:
            raise ValueError("visitors per hour must be more than 0")
        if not weights:
            raise ValueError("the hall has no open service to ask for")
        self.rng = random.Random(seed)
        self.services = sorted(weights)
        self.weights = [weights[s] for s in self.services]
        self.per_hour = per_hour
        self.clock_s = 0.0

    def next(self) -> Visitor:
        """The next arrival after the previous one."""
        self.clock_s += self.rng.expovariate(self.per_hour / 3600.0)
        service = self.rng.choices(self.services, self.weights)[0]
        language = self.rng.choices([c for c, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]
        reason = self.rng.choice(PRIORITY_REASONS) if self.rng.random() < PRIORITY_SHARE else None
        return Visitor(self.clock_s, service, language, reason)

    def first(self, count: int) -> list[Visitor]:
        return [self.next() for _ in range(count)]


def service_time_s(rng: random.Random, mean_min: float) -> float:
    """A service's length in hall seconds: log-normal around the catalogue's duration."""
    sigma = 0.45
    mu = math.log(mean_min * 60.0) - sigma * sigma / 2  # so the mean is `mean_min`
    return min(rng.lognormvariate(mu, sigma), mean_min * 60.0 * 4)


@dataclass
class SimulationCounts:
    """What the simulation has done so far (read while it runs; ints only grow)."""

    issued: int = 0
    called: int = 0
    finished: int = 0
    sent_there_and_back: int = 0  # sent to another service first, to come back
    no_shows: int = 0
    rated: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


class HallSimulation:
    """Visitors arriving at a kiosk and operators serving them, each on its own thread.

    `speed` compresses hall time: at 60 a hall hour passes in a real minute (both the arrivals
    and the service times). `wait` is how a thread sleeps; it returns True when told to stop
    (the default waits on the stop event, so `stop()` ends every thread at once).
    """

    def __init__(
        self,
        base_url: str,
        kiosk_token: str,
        operators: Sequence[SimOperator],
        *,
        visitors_per_hour: float,
        speed: float = 60.0,
        seed: int = 0,
        timeout: float = 5.0,
        there_and_back_share: float = THERE_AND_BACK_SHARE,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be more than 0")
        self.base_url = base_url
        self.kiosk_token = kiosk_token
        self.operators = list(operators)
        self.visitors_per_hour = visitors_per_hour
        self.speed = speed
        self.seed = seed
        self.timeout = timeout
        self.there_and_back_share = there_and_back_share
        self.counts = SimulationCounts()
        self.issued_ids: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        """Sign the operators in, open their counters, and start arrivals and service."""
        with HallClient(self.base_url, self.kiosk_token, timeout=self.timeout) as client:
            services = client.services()
        durations = {s.id: float(s.duration_min or 10) for s in services}
        plan = VisitorPlan(service_weights(services), self.visitors_per_hour, self.seed)
        self._spawn("kezek-sim-visitors", lambda: self._arrivals(plan))
        for index, operator in enumerate(self.operators):
            rng = random.Random(f"{self.seed}-{operator.counter_id}-{index}")
            self._spawn(
                f"kezek-sim-{operator.counter_id}",
                lambda o=operator, r=rng: self._serve(o, r, durations),  # type: ignore[misc]
            )

    def stop(self, timeout: float = 10.0) -> None:
        """Stop every thread (operators stay signed in; their counters stay open)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=self._guarded(target), name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _guarded(self, target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except Exception as exc:  # a thread must not die silently: count and log it
                log.exception("simulation thread failed")
                with self._lock:
                    self.counts.errors.append(f"{type(exc).__name__}: {exc}")

        return run

    def _sleep(self, hall_seconds: float) -> bool:
        """Wait `hall_seconds` of hall time; True when told to stop."""
        return self._stop.wait(hall_seconds / self.speed)

    # ------------------------------------------------------------------ visitors

    def _arrivals(self, plan: VisitorPlan) -> None:
        with HallClient(self.base_url, self.kiosk_token, timeout=self.timeout) as kiosk:
            previous = 0.0
            while True:
                visitor = plan.next()
                if self._sleep(visitor.at_s - previous):
                    return
                previous = visitor.at_s
                self._issue(kiosk, visitor)

    def _issue(self, kiosk: HallClient, visitor: Visitor) -> None:
        try:
            ticket = kiosk.issue_ticket(
                visitor.service_id,
                language=visitor.language,
                priority="priority" if visitor.priority_reason else None,
                priority_reason=visitor.priority_reason,
            )
        except HallRefused as exc:  # a suspended service, a closed hall: the visitor leaves
            log.info("ticket refused: %s", exc)
            with self._lock:
                self.counts.refused += 1
            return
        except ClientError as exc:  # the server restarting: this visitor comes back later
            log.warning("could not issue a ticket: %s", exc)
            return
        with self._lock:
            self.counts.issued += 1
            self.issued_ids.append(ticket.id)

    # ------------------------------------------------------------------ operators

    def _serve(
        self, operator: SimOperator, rng: random.Random, durations: dict[str, float]
    ) -> None:
        client = HallClient(self.base_url, operator.counter_token, timeout=self.timeout)
        try:
            while not self._stop.is_set():
                try:
                    current = self._sign_in(client, operator)
                    self._work(client, operator, rng, durations, current)
                    return
                except ClientError as exc:  # the hall went away: try again in a moment
                    log.warning("%s: %s", operator.counter_id, exc)
                    client.token = operator.counter_token
                    if self._stop.wait(1.0):
                        return
        finally:
            client.close()

    def _sign_in(self, client: HallClient, operator: SimOperator) -> TicketView | None:
        """Sign in and open the counter; the ticket still at it (after a restart), if any."""
        session = client.sign_in(operator.counter_id, operator.login, operator.pin)
        client.token = session.token
        if session.counter.state != "open":
            client.open_counter(operator.counter_id)
        current = session.counter.current_ticket_id
        return client.ticket(current) if current else None

    def _work(
        self,
        client: HallClient,
        operator: SimOperator,
        rng: random.Random,
        durations: dict[str, float],
        current: TicketView | None,
    ) -> None:
        rater = HallClient(self.base_url, self.kiosk_token, timeout=self.timeout)
        try:
            while True:
                ticket, current = current, None
                if ticket is None:
                    ticket = client.call_next(operator.counter_id)
                    if ticket is None:
                        if self._stop.wait(0.5):  # real seconds: polling, not hall time
                            return
                        continue
                    with self._lock:
                        self.counts.called += 1
                    if self._sleep(rng.uniform(0.3, 1.0) * WALK_UP_S):
                        return
                if ticket.status == "called":
                    if rng.random() < NO_SHOW_SHARE:
                        client.no_show(ticket.id)
                        with self._lock:
                            self.counts.no_shows += 1
                        continue
                    client.start(ticket.id)
                if self._sleep(service_time_s(rng, durations.get(ticket.service_id, 10.0))):
                    return
                other = sent_there_and_back(ticket, rng.random(), self.there_and_back_share)
                if other is not None:
                    try:
                        client.transfer(ticket.id, other, note="EDS first", come_back=True)
                    except HallRefused:  # its service suspended meanwhile: finish here instead
                        log.info("%s could not be sent to %s: finished here", ticket.number, other)
                    else:
                        with self._lock:
                            self.counts.sent_there_and_back += 1
                        continue
                if client.finish(ticket.id).status != "finished":  # done there, sent back
                    continue
                with self._lock:
                    self.counts.finished += 1
                if rng.random() < RATED_SHARE:
                    grade = rng.choices([g for g, _ in GRADES], [w for _, w in GRADES])[0]
                    rater.rate(ticket.id, grade)
                    with self._lock:
                        self.counts.rated += 1
        finally:
            rater.close()
