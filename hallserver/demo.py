"""`kezek demo`: a whole hall on this machine: server, terminals, simulated devices and visitors."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import random
import secrets
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import sqlalchemy
import uvicorn
from sqlalchemy import delete

from hallserver.access import Actor, Role, hash_pin, new_token, token_hash
from hallserver.announce import Announcer, service_info
from hallserver.catalogue_file import demo_catalogue
from hallserver.client import ClientError, HallClient, discover
from hallserver.config import ServerConfig
from hallserver.domain.catalogue import Catalogue
from hallserver.server import (
    SetupError,
    bind,
    build,
    hall_catalogue,
    open_store,
    uvicorn_config,
)
from hallserver.service import HallService, token_row
from hallserver.simulate import HallSimulation, SimOperator, service_time_s
from hallserver.store import schema
from hallserver.store.claim import claim_database
from hallserver.store.sql import SqlHallStore, shown_url

DEMO_OPERATORS = (  # (login, name, counter, supervisor): the people a visitor to the demo plays
    ("aigul", "Айгүл Сейітова", "c1", False),
    ("daniyar", "Данияр Омаров", "c4", False),
    ("supervisor", "Гүлнар Ахметова", "c12", True),
)
CONSOLE_COUNTER = "c1"
BUTTON_ADDRESS, KEYPAD_ADDRESS = 1, 41
KEYS_HELP = "c call, r recall, s start, f finish, n no-show (button); 1 2 3 rating (keypad)"
_PR_SET_PDEATHSIG = 1
DEMO_TOKENS_KEY = "demo_tokens"  # the hall_state row naming the tokens the demo made (hashes)
STAGGER_S = 0.7  # between terminals' starts: zeroconf rate-limits answers to one a second
INTERRUPTED = 130  # the exit code of a demo ended by Ctrl+C (128 + SIGINT)
USAGE_EXIT = 2  # a terminal that could not start as told (e.g. zeroconf found none or several)


@dataclass(frozen=True)
class DemoOptions:
    """What `kezek demo` was asked for."""

    db_url: str
    folder: Path  # tickets, calls, logs, ptys and the terminals' enrollments
    port: int = 8470
    visitors: int = 0  # per hall hour; 0 = nobody comes by themselves
    headless: bool = False
    lan: bool = False
    speed: float = 20.0  # hall seconds per real second for the simulation
    seed: int | None = None


@dataclass
class Credentials:
    """This run's fresh tokens and PINs (there are no defaults)."""

    tokens: dict[str, str]
    counter_tokens: dict[str, str]
    pins: dict[str, str]
    simulated: list[SimOperator] = field(default_factory=list)


def no_screen(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """True on a machine with no screen for Qt windows."""
    return not (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM")
    )


def seed_credentials(db_url: str, counters: Sequence[str]) -> Credentials:
    """Replace the tokens and operators with fresh ones, one simulated operator per free counter."""
    store = open_store(db_url)
    now = datetime.now(UTC)
    humans = {counter for _, _, counter, _ in DEMO_OPERATORS}
    free = [c for c in counters if c not in humans]
    tokens = {role: new_token() for role in ("kiosk", "consultant", "supervisor")}
    counter_tokens = {counter: new_token() for counter in [*sorted(humans), *free]}
    pins = {login: f"{secrets.randbelow(10**4):04d}" for login, *_ in DEMO_OPERATORS}
    simulated = [
        SimOperator(c, counter_tokens[c], f"sim-{c}", f"{secrets.randbelow(10**6):06d}")
        for c in free
    ]
    people = [(login, name, pins[login], sup) for login, name, _, sup in DEMO_OPERATORS]
    people += [(s.login, f"Simulated operator {s.counter_id}", s.pin, False) for s in simulated]
    try:
        with store.engine.begin() as conn:  # fresh credentials each run: none is a default
            conn.execute(delete(schema.tokens))
            conn.execute(delete(schema.operators))
            made = sorted(token_hash(t) for t in [*tokens.values(), *counter_tokens.values()])
            store.put_config(DEMO_TOKENS_KEY, json.dumps(made), conn)  # they are its own
            for role, token in tokens.items():
                actor = Actor(Role(role), f"demo-{role}")
                conn.execute(schema.tokens.insert(), [token_row(token, actor, now)])
            for counter, token in counter_tokens.items():
                actor = Actor(Role.COUNTER, f"demo-counter-{counter}", counter)
                conn.execute(schema.tokens.insert(), [token_row(token, actor, now)])
            for login, name, pin, supervisor in people:
                row = {"login": login, "name": name, "pin_hash": hash_pin(pin)}
                conn.execute(schema.operators.insert(), [{**row, "supervisor": supervisor}])
    finally:
        store.close()
    return Credentials(tokens, counter_tokens, pins, simulated)


def _another_halls(store: SqlHallStore, hall_id: str, folder: Path) -> str | None:
    """What in the database is not the demo's own (None when nothing is): another hall's
    catalogue, terminals' tokens or operators. The demo's own tokens are those it made (their
    hashes kept beside them) and those its terminals saved in `folder`, whatever their names."""
    if hall_id != demo_catalogue().hall_id:
        return f"the hall {hall_id!r}"
    tokens, operators = schema.tokens.c, schema.operators.c
    demo_logins = {login for login, *_ in DEMO_OPERATORS}
    with store.engine.connect() as conn:
        terminals = conn.execute(
            sqlalchemy.select(tokens.token_hash, tokens.role, tokens.subject).where(
                tokens.expires_at.is_(None), tokens.revoked.is_(False)
            )
        ).all()
        logins = conn.execute(sqlalchemy.select(operators.login)).scalars().all()
        made = store.config(DEMO_TOKENS_KEY, conn)
    own = _enrolled_tokens(folder)
    try:
        own |= set(json.loads(made)) if made is not None else set()
    except (ValueError, TypeError):
        made = None
    others = sorted(
        f"{role} {name!r}"
        for key, role, name in terminals
        if key not in own and (made is not None or not name.startswith("demo-"))  # an older demo
    )
    if others:
        return f"tokens of other terminals ({', '.join(others[:3])})"
    people = sorted(x for x in logins if x not in demo_logins and not x.startswith("sim-"))
    if people:
        return f"other operators ({', '.join(people[:3])})"
    return None


def _enrolled_tokens(folder: Path) -> set[str]:
    """The hashes of the tokens the demo's terminals saved when they enrolled (in `folder`)."""
    from hallserver.client.enrollment import Enrollment
    from hallserver.client.errors import EnrollmentError

    found = set()
    for name in ("kiosk", "counter", "display", "rating"):
        try:
            saved = Enrollment.load(_enrollment_file(folder, name))
        except EnrollmentError:
            continue
        if saved is not None:
            found.add(token_hash(saved.token))
    return found


def _enrollment_file(folder: Path, terminal: str) -> Path:
    return folder / "config" / "kezek" / f"{terminal}.json"


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Children:
    """The terminals as child processes, each in its own session, logging to a file.

    They get SIGTERM if the demo dies, even by SIGKILL (prctl PDEATHSIG, set from the main
    thread, whose end is what the kernel watches); `stop()` ends them in order.
    """

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen[bytes]] = {}
        self.reported: set[str] = set()
        self.retried: set[str] = set()
        self.retry: Callable[[str], None] | None = None  # start a terminal again, with --server

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        with (self.logs / f"{name}.log").open("ab") as log:
            self.running[name] = subprocess.Popen(  # noqa: S603 - our own interpreter
                [sys.executable, "-m", "hallserver", *args],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # Ctrl+C reaches the demo, which stops them in order
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            )

    def start(self, name: str, args: list[str], env: dict[str, str]) -> None:
        if name not in self.running:  # a fresh log each run of the demo
            (self.logs / f"{name}.log").unlink(missing_ok=True)
        self.reported.discard(name)
        self._spawn(name, args, env)

    def exited(self) -> Iterator[tuple[str, int, str]]:
        """(name, exit code, last log line) of children that ended since the last call.

        A terminal that could not start as told (zeroconf found no hall, or several, or a stale
        one) is started once more with --server.
        """
        for name, process in list(self.running.items()):
            code = process.poll()
            if code is None or name in self.reported:
                continue
            self.reported.add(name)
            lines = (self.logs / f"{name}.log").read_text(errors="replace").splitlines()
            last = lines[-1] if lines else ""
            retry = code == USAGE_EXIT and self.retry is not None and name not in self.retried
            if retry and self.retry is not None:
                self.retried.add(name)
                self.retry(name)
                continue
            yield name, code, last

    def stop(self, timeout: float = 5.0) -> None:
        for process in self.running.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.running.values():
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Devices:
    """The counter console's call button and rating keypad, simulated on ptys in `folder`."""

    def __init__(self, folder: Path) -> None:
        from hardware.devices.simulators import ButtonSimulator, KeypadSimulator, PtyPort

        folder.mkdir(parents=True, exist_ok=True)
        self.button_port = PtyPort(folder / "button")
        self.keypad_port = PtyPort(folder / "keypad")
        self.button = ButtonSimulator(self.button_port, BUTTON_ADDRESS)
        self.keypad = KeypadSimulator(self.keypad_port, KEYPAD_ADDRESS)
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._drain = threading.Thread(target=self._read_acks, name="kezek-demo-ptys", daemon=True)
        self._drain.start()

    def press(self, key: str) -> bool:
        """A key as `kezek hardware simulate` reads it; False when it means nothing."""
        from hardware.cli import BUTTON_KEYS, KEYPAD_KEYS

        with self.lock:
            if key in BUTTON_KEYS:
                self.button.press(BUTTON_KEYS[key])
            elif key in KEYPAD_KEYS:
                self.keypad.press(KEYPAD_KEYS[key])
            else:
                return False
        return True

    def _read_acks(self) -> None:  # the console answers every frame; keep the ptys from filling
        while not self._stop.is_set():
            self.button_port.read(0.1)
            self.keypad_port.read(0.1)

    def close(self) -> None:
        self._stop.set()
        self._drain.join(2)
        self.button_port.close()
        self.keypad_port.close()


def counter_autopilot(
    devices: Devices, stop: threading.Event, speed: float, seed: int | None
) -> Callable[[], None]:
    """The console's operator pressing the call button and the visitor the keypad, by themselves."""
    rng = random.Random(seed)

    def run() -> None:
        steps: list[tuple[str, float]] = []
        while not stop.is_set():
            steps = [
                ("c", rng.uniform(15, 40)),
                ("s", service_time_s(rng, 12)),
                ("f", 4.0),
                (rng.choices("123", (70, 20, 10))[0], rng.uniform(20, 60)),
            ]
            for key, hall_seconds in steps:
                devices.press(key)
                if stop.wait(hall_seconds / speed):
                    return

    return run


def terminal_commands(
    folder: Path, codes: dict[str, str], server: str | None
) -> dict[str, list[str]]:
    """The command lines a technician would type at each terminal (after `kezek`)."""
    where = ["--server", server] if server else []
    tickets, devices = folder / "tickets", folder / "devices"
    kiosk = ["--windowed", "--size", "600x1000", "--inches", "12", "--printer", f"sim:{tickets}"]
    rating = ["--windowed", "--size", "800x480", "--inches", "7", "--mode", "rating"]
    return {
        "kiosk": [
            "kiosk",
            *where,
            *_pair(codes["kiosk"], "Entrance kiosk", _enrollment_file(folder, "kiosk")),
            *kiosk,
        ],
        "counter": [
            "counter",
            *where,
            *_pair(codes["counter"], "Counter 1", _enrollment_file(folder, "counter")),
            *("--operator", DEMO_OPERATORS[0][0]),
            *("--button", str(devices / "button"), "--keypad", str(devices / "keypad")),
        ],
        "display": [
            "display",
            *where,
            *_pair(codes["display"], "Wall display", _enrollment_file(folder, "display")),
            *("--wav-dir", str(folder / "calls"), "--window", "1024x576"),
        ],
        "rating": [
            "kiosk",
            *where,
            *_pair(codes["rating"], "Rating at counter 1", _enrollment_file(folder, "rating")),
            *rating,
            *("--counter", CONSOLE_COUNTER),
        ],
    }


def _pair(code: str, name: str, enrollment: Path) -> list[str]:
    return ["--pair", code, "--name", name, "--enrollment", str(enrollment)]


def pairing_codes(url: str, supervisor_token: str, only: str | None = None) -> dict[str, str]:
    """One code per terminal, made as a supervisor would (POST /pairing-codes)."""
    wanted = {
        "kiosk": ("kiosk", "Entrance kiosk", None),
        "counter": ("counter", "Counter 1", CONSOLE_COUNTER),
        "display": ("display", "Wall display", None),
        "rating": ("kiosk", "Rating at counter 1", None),
    }
    with HallClient(url, supervisor_token) as client:
        return {
            key: client.create_pairing_code(role, name, counter).code
            for key, (role, name, counter) in wanted.items()
            if only in (None, key)
        }


def _keys(stream: TextIO, stop: threading.Event) -> Iterator[str]:
    """Characters typed (line by line) until end of input or `stop`."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return
    while not stop.is_set():
        ready, _, _ = select.select([fd], [], [], 0.3)
        if not ready:
            yield ""
            continue
        chunk = os.read(fd, 256).decode(errors="ignore")
        if not chunk:
            return
        yield from chunk


def _say(text: str) -> None:
    print(text, flush=True)


class HallThread:
    """The hall server in a thread of the demo, announced by zeroconf, stopped by `stop()`."""

    def __init__(self, config: ServerConfig) -> None:
        self.sock = bind(config.host, config.port)  # first: a port in use changes nothing
        try:
            self.app, self.hall = build(config)
        except BaseException:
            self.sock.close()
            raise
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        catalogue = self.hall.catalogue
        self.announcer = Announcer(
            service_info(catalogue.hall_id, catalogue.name.en, config.host, self.port),
            interfaces=list(config.announce_interfaces) or None,
        )
        self.server = uvicorn.Server(uvicorn_config(self.app))
        self.thread = threading.Thread(
            target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])),
            name="kezek-demo-hall",
        )

    def start(self) -> None:
        self.announcer.start()
        self.thread.start()
        waiting = threading.Event()
        for _ in range(400):
            if self.server.started:
                self.announcer.registered.wait(5)
                return
            if not self.thread.is_alive():
                break
            waiting.wait(0.025)
        raise RuntimeError("the demo hall server did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(10)
        self.announcer.stop()
        self.sock.close()
        self.hall.store.close()


def run_demo(options: DemoOptions) -> int:
    """Run the whole hall until Ctrl+C (or SIGTERM); everything started here stops with it."""
    # a second demo on the same folder stops here, before it replaces the first one's tokens
    claim = claim_database(options.db_url, serving=True)  # its hall server writes
    try:
        return _run_demo(options)
    finally:
        claim.release()


def _demo_catalogue_of(db_url: str, folder: Path) -> Catalogue:
    """The demo hall's catalogue in the database; SetupError if it holds another hall's."""
    store = open_store(db_url)
    try:
        catalogue = hall_catalogue(store, demo=True, path=None)
        theirs = _another_halls(store, catalogue.hall_id, folder)
    finally:
        store.close()
    if theirs is not None:  # the demo would replace a real hall's tokens and operators
        raise SetupError(
            f"{shown_url(db_url)} holds {theirs}: the demo replaces a hall's tokens and "
            "operators, so it runs on a database of its own (kezek demo without --db or --data-dir)"
        )
    return catalogue


def _run_demo(options: DemoOptions) -> int:
    folder = options.folder
    interfaces = () if options.lan else ("127.0.0.1",)
    host = "0.0.0.0" if options.lan else "127.0.0.1"  # noqa: S104 - asked for with --lan
    catalogue = _demo_catalogue_of(options.db_url, folder)
    hall = HallThread(  # it listens before anything is made: a port in use leaves nothing
        ServerConfig(
            db_url=options.db_url,
            host=host,
            port=options.port,
            demo=True,
            always_open=True,
            announce_interfaces=interfaces,
        )
    )
    stop = threading.Event()
    children = Children(folder / "logs")
    devices: Devices | None = None
    simulation: HallSimulation | None = None
    terminated = threading.Event()  # SIGTERM (a service manager's stop) ends it with 0

    def on_term(*_: object) -> None:
        terminated.set()
        _interrupt()

    previous_term = signal.signal(signal.SIGTERM, on_term)
    code = 0
    try:
        for place in ("tickets", "calls"):  # the folders it prints, there to open at once
            (folder / place).mkdir(parents=True, exist_ok=True)
        credentials = seed_credentials(options.db_url, [c.id for c in catalogue.counters])
        hall.start()
        _welcome(hall.url, credentials.tokens["supervisor"])
        headless = options.headless or no_screen()
        _say(_banner(hall.hall, hall.url, credentials, headless, options))
        devices = Devices(folder / "devices")
        found = discover(timeout=1.5, interfaces=list(interfaces) or None)
        server_flag = None if [h.port for h in found] == [hall.port] else hall.url
        if server_flag:
            _say(f"(zeroconf found {len(found)} hall(s): the terminals get --server {hall.url})")
        env = _terminal_environment(folder, credentials, headless, lan=options.lan)
        _start_terminals(children, folder, hall.url, server_flag, credentials, env, stop)
        _say(_terminals_text(folder, headless))
        if options.visitors > 0:
            simulation = _start_visitors(options, hall.url, credentials, devices, stop)
        _say(f"Keys (then Enter): {KEYS_HELP}. Ctrl+C stops everything.")
        _conduct(devices, children, hall.thread, stop)
    except KeyboardInterrupt:
        _say("stopping the demo hall…")
        code = 0 if terminated.is_set() else INTERRUPTED  # Ctrl+C: 130, as `kezek hall`
    finally:
        stop.set()
        signal.signal(signal.SIGTERM, previous_term)
        if simulation is not None:
            simulation.stop()
        children.stop()
        if devices is not None:
            devices.close()
        hall.stop()
    return code


WELCOME = {
    "kk": "Қош келдіңіз! Бұл — Kezek демо залы: талондар мен шақырулар шынайы емес.",
    "ru": "Добро пожаловать! Это демонстрационный зал Kezek: талоны и вызовы ненастоящие.",
    "en": "Welcome! This is the Kezek demo hall: its tickets and calls are not real.",
}


def _welcome(url: str, supervisor_token: str) -> None:
    """The displays' announcement line, in each language, unless the hall has one already."""
    with HallClient(url, supervisor_token) as client:
        if not client.hall().announcement:
            client.announce(WELCOME)


def _start_terminals(
    children: Children,
    folder: Path,
    url: str,
    server_flag: str | None,
    credentials: Credentials,
    env: dict[str, str],
    stop: threading.Event,
) -> None:
    codes = pairing_codes(url, credentials.tokens["supervisor"])
    for name, args in terminal_commands(folder, codes, server_flag).items():
        children.start(name, args, env)
        stop.wait(STAGGER_S)

    def retry(name: str) -> None:  # zeroconf missed our hall, or found others: say where
        codes.update(pairing_codes(url, credentials.tokens["supervisor"], only=name))
        children.start(name, terminal_commands(folder, codes, url)[name], env)

    children.retry = retry


def _start_visitors(
    options: DemoOptions,
    url: str,
    credentials: Credentials,
    devices: Devices,
    stop: threading.Event,
) -> HallSimulation:
    simulation = HallSimulation(
        url,
        credentials.tokens["kiosk"],
        credentials.simulated,
        visitors_per_hour=options.visitors,
        speed=options.speed,
        seed=options.seed if options.seed is not None else secrets.randbelow(2**31),
    )
    simulation.start()
    pilot = counter_autopilot(devices, stop, options.speed, options.seed)
    threading.Thread(target=pilot, name="kezek-demo-c1", daemon=True).start()
    _say(
        f"{options.visitors} visitors an hour, hall time x{options.speed:g}; "
        f"{len(credentials.simulated)} simulated counters; counter 1 on autopilot"
    )
    return simulation


def _terminal_environment(
    folder: Path, credentials: Credentials, headless: bool, *, lan: bool
) -> dict[str, str]:
    env = dict(os.environ)
    env["KEZEK_COUNTER_PIN"] = credentials.pins[DEMO_OPERATORS[0][0]]
    env.pop("KEZEK_SERVER", None)
    if not lan:  # the terminals look for the hall where it announces: loopback, unless --lan
        env["KEZEK_DISCOVER_ON"] = "127.0.0.1"
    if headless:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _interrupt() -> None:
    raise KeyboardInterrupt


def _conduct(
    devices: Devices, children: Children, thread: threading.Thread, stop: threading.Event
) -> None:
    """Forward typed keys to the simulated devices; say when a terminal stops."""
    for key in _keys(sys.stdin, stop):
        if key.strip() and devices.press(key.strip()):
            _say(f"pressed {key.strip()}")
        for name, code, last in children.exited():
            _say(f"the {name} stopped (exit {code}): {last}")
        if not thread.is_alive():
            _say("the hall server stopped")
            return
    # no more input (a pipe or /dev/null): keep the hall running until Ctrl+C
    while not stop.wait(0.5):
        for name, code, last in children.exited():
            _say(f"the {name} stopped (exit {code}): {last}")
        if not thread.is_alive():
            _say("the hall server stopped")
            return


def _banner(
    hall: HallService, url: str, credentials: Credentials, headless: bool, options: DemoOptions
) -> str:
    api = f"{url}/api/v1"
    tokens, pins = credentials.tokens, credentials.pins
    first = DEMO_OPERATORS[0]
    try:
        with HallClient(url, tokens["kiosk"]) as kiosk:
            sample = kiosk.issue_ticket("id-card", language="kk")
        ticket_page = f"{url}/t/{sample.id}   (ticket {sample.number}, taken for you)"
    except ClientError as exc:
        ticket_page = f"(could not take a sample ticket: {exc})"
    where = "announced on the LAN (--lan)" if options.lan else "announced on 127.0.0.1 only"
    lines = [
        f"Kezek demo hall: {hall.catalogue.name.en}   (opening hours ignored in the demo)",
        f"  hall server   {url}   {where}",
        f"  board         {url}/board   sign in: supervisor, PIN {pins['supervisor']}",
        f"  reports       {url}/reports",
        f"  a ticket      {ticket_page}",
        f"  booking       {url}/book",
        f"  API           {api}/queue   {url}/openapi.json",
        "",
        "Fresh credentials for this run (there are no default passwords):",
        *(f"  {role:<11} token  {token}" for role, token in tokens.items()),
        *(
            f"  operator {login:<10} PIN {pins[login]}  at counter {counter} "
            f"(terminal token {credentials.counter_tokens[counter]})"
            for login, _, counter, _ in DEMO_OPERATORS
        ),
        f"  try: curl -s {api}/queue;  kezek counter --server {url} "
        f"--token {credentials.counter_tokens[first[2]]} --counter {first[2]}",
    ]
    if headless:
        lines += [
            "",
            "No screen here (or --headless): the terminals run offscreen; open the board and "
            "the ticket page in a browser on this machine.",
        ]
    return "\n".join(lines)


def _terminals_text(folder: Path, headless: bool) -> str:
    how = "offscreen" if headless else "as windows"
    return "\n".join(
        [
            f"Terminals ({how}), each enrolled with its own pairing code:",
            "  kiosk (citizen), counter 1 console (aigul signed in), wall display, rating at c1",
            f"  printed tickets  {folder / 'tickets'}   spoken calls  {folder / 'calls'}",
            f"  call button      {folder / 'devices' / 'button'}   "
            f"keypad  {folder / 'devices' / 'keypad'}   logs  {folder / 'logs'}",
        ]
    )
