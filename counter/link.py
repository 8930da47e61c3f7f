"""This counter's connection to the hall server: commands off the GUI thread, events as signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from counter.commands import Command, CounterClient, Failure
from counter.devices import CounterDevices, DeviceConfig
from counter.state import Action
from hallserver.client import (
    BadReply,
    ClientError,
    EventStream,
    HallRefused,
    HallUnreachable,
    Heartbeat,
    OperatorSession,
)
from hallserver.protocol import MessageView

log = logging.getLogger(__name__)
R = TypeVar("R")


class CounterLink(QObject):
    """Everything from the server arrives here as a signal; nothing here blocks the GUI.

    Commands run one at a time on a worker thread (HTTP with a short timeout); the event stream
    runs on its own thread and resumes by itself after a drop; the heartbeat (with the terminal's
    own token, every `heartbeat_s` seconds) on a third. Other threads only emit.

    Signals:
        online_changed(bool): the event stream connected or dropped.
        snapshot_received(Snapshot): the full picture after a (re)connect.
        event_received(HallEvent): one live event, in order.
        command_done(Outcome): the server did what a command asked.
        command_failed(Failure): it refused, or could not be reached.
        signed_in(OperatorSession): an operator signed in at this counter.
        signed_out(): the operator signed out.
        day_received(OperatorDay): the operator's own day so far.
        services_received(HallOffer): the hall's services (names, checklists) and the results
            a visit may end with.
        ticket_received(TicketInfo): one ticket read in full (the card's notes after a restart).
        messages_received(list): today's messages from the supervisor to this counter.
    """

    online_changed = Signal(bool)
    snapshot_received = Signal(object)
    event_received = Signal(object)
    command_done = Signal(object)
    command_failed = Signal(object)
    signed_in = Signal(object)
    signed_out = Signal()
    day_received = Signal(object)
    services_received = Signal(object)
    ticket_received = Signal(object)
    messages_received = Signal(object)

    def __init__(
        self,
        server_url: str,
        terminal_token: str,
        counter_id: str,
        *,
        timeout: float = 3.0,
        heartbeat_s: float = 30.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self.counter_id = counter_id
        self._terminal_token = terminal_token
        self._operator: OperatorSession | None = None  # written by the worker, read by heartbeats
        self.heartbeat = Heartbeat(
            server_url,
            terminal_token,
            interval_s=heartbeat_s,
            detail=self._heartbeat_detail,
            timeout=timeout,
            name="kezek-counter-heartbeat",
        )
        self._client = CounterClient(server_url, terminal_token, timeout=timeout)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kezek-counter")
        self._stream = EventStream(
            server_url,
            on_event=self.event_received.emit,
            on_snapshot=self.snapshot_received.emit,
            on_online_changed=self.online_changed.emit,
            open_timeout=timeout,
            max_backoff=2.0,
        )
        self._started = False

    def start(self) -> None:
        """Connect the event stream, read the services and start the heartbeat."""
        if not self._started:
            self._started = True
            self._stream.start()
            self.heartbeat.start()
            self.load_services()

    def stop(self) -> None:
        """Stop the stream, heartbeat and worker; returns within about the HTTP timeout."""
        self._stream.stop(timeout=3.0)
        self.heartbeat.stop()
        self._worker.shutdown(wait=True, cancel_futures=True)
        self._client.close()

    @property
    def online(self) -> bool:
        return self._stream.online

    @property
    def last_seq(self) -> int | None:
        """The seq of the last event (or snapshot) the stream brought; None before the first."""
        return self._stream.last_seq

    # ------------------------------------------------------------------ requests

    def send(self, command: Command) -> None:
        """Run one counter command; answers with `command_done` or `command_failed`."""
        self._run(
            "command",
            command.action,
            lambda: self._client.run(self.counter_id, command),
            self.command_done.emit,
        )

    def sign_in(self, login: str, pin: str) -> None:
        def work() -> OperatorSession:
            self._client.token = self._terminal_token
            session = self._client.sign_in(self.counter_id, login, pin)
            self._client.token = session.token
            self._operator = session
            return session

        self._run("sign_in", None, work, self.signed_in.emit)

    def sign_out(self) -> None:
        def work() -> None:
            self._client.sign_out(self.counter_id)
            self._client.token = self._terminal_token
            self._operator = None

        self._run("command", Action.SIGN_OUT, work, lambda _: self.signed_out.emit())

    def forget_session(self) -> None:
        """The operator is no longer signed in here (signed out elsewhere, a new day): later
        requests go with the terminal's own token."""

        self._run("session", None, self._drop_session, lambda _: None)

    def _drop_session(self) -> None:
        """Back to the terminal's own token (on the worker thread, in the commands' order)."""
        self._client.token = self._terminal_token
        self._operator = None

    def load_day(self, login: str) -> None:
        self._run("day", None, lambda: self._client.operator_today(login), self.day_received.emit)

    def load_services(self) -> None:
        self._run("services", None, self._client.offer, self.services_received.emit)

    def load_messages(self) -> None:
        """Today's messages from the supervisor to this counter (the operator's token)."""
        self._run("messages", None, self._client.messages, self.messages_received.emit)

    def read_message(self, message_id: int) -> None:
        def work() -> list[MessageView]:
            self._client.read_message(message_id)
            return self._client.messages()

        self._run("messages", None, work, self.messages_received.emit)

    def load_ticket(self, ticket_id: str) -> None:
        self._run(
            "ticket", None, lambda: self._client.ticket_info(ticket_id), self.ticket_received.emit
        )

    def _heartbeat_detail(self) -> str:
        session = self._operator
        if session is None:
            return "no operator signed in"
        return f"operator {session.login} ({session.name})"

    def _run(
        self,
        request: str,
        action: Action | None,
        work: Callable[[], R],
        done: Callable[[R], None],
    ) -> None:
        def job() -> None:
            session = self._operator if request != "sign_in" else None
            try:
                result = work()
            except HallRefused as exc:
                ended = session is not None and (exc.status == 401 or exc.code == "not_signed_in")
                if ended and self._operator is session:  # its token is dead: the terminal's own
                    self._drop_session()
                self.command_failed.emit(
                    Failure(action, exc.code, exc.message, request, session_ended=ended)
                )
            except HallUnreachable as exc:
                self.command_failed.emit(Failure(action, "unreachable", str(exc), request))
            except BadReply as exc:
                self.command_failed.emit(Failure(action, "bad_reply", str(exc), request))
            except ClientError as exc:
                self.command_failed.emit(Failure(action, "client_error", str(exc), request))
            else:
                done(result)

        try:
            self._worker.submit(job)
        except RuntimeError:  # shut down: the window is closing
            log.info("dropped a request while closing")


class DeviceLink(QObject):
    """The counter's serial devices as signals (their threads only emit).

    Signals:
        button_pressed(Action): a key of the call button.
        rating_pressed(str): excellent | good | satisfactory, from the rating keypad.
        device_changed(str, bool): a device's port (button, display, keypad) opened or was lost.
    """

    button_pressed = Signal(object)
    rating_pressed = Signal(str)
    device_changed = Signal(str, bool)

    def __init__(
        self,
        button: DeviceConfig | None = None,
        display: DeviceConfig | None = None,
        keypad: DeviceConfig | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.devices = CounterDevices(
            button=button,
            display=display,
            keypad=keypad,
            on_button=self.button_pressed.emit,
            on_rating=self.rating_pressed.emit,
            on_connection=self.device_changed.emit,
        )

    @property
    def has_keypad(self) -> bool:
        return self.devices.keypad is not None

    @property
    def qsystem_button(self) -> bool:
        return self.devices.qsystem_button

    def start(self) -> None:
        self.devices.start()

    def stop(self) -> None:
        self.devices.stop()

    def show(self, text: str, *, blink: bool = False) -> bool:
        """The number display shows `text` (a short serial write on the GUI thread)."""
        return self.devices.show(text, blink=blink)

    def lamp(self, state: str) -> bool:
        """The call button's lamp: ON, OFF or BLINK."""
        return self.devices.lamp(state)

    def beep(self, milliseconds: int) -> bool:
        """The call button's buzzer."""
        return self.devices.beep(milliseconds)
