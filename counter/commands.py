"""The counter's commands over `HallClient`: plain Python, run off the GUI thread by the link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from counter.state import Action, TicketInfo
from hallserver.client import BadReply, HallClient
from hallserver.protocol import (
    CounterView,
    JsonObject,
    JsonValue,
    ProtocolError,
    ResultView,
    ServiceView,
)

V = TypeVar("V")


@dataclass(frozen=True)
class Command:
    """One thing the operator (or a hardware key, or the keypad) asked the server for."""

    action: Action
    ticket_id: str | None = None
    service_id: str | None = None  # transfer: to which service; call next: of which line
    counter_id: str | None = None  # transfer: to which counter (optional)
    note: str | None = None  # transfer: a short note for the next operator
    reason: str | None = None  # pause reason, or the supervisor's reason to call out of order
    grade: str | None = None  # rating: excellent | good | satisfactory
    result: str | None = None  # finish: how the visit ended, one of the hall's results
    not_back: bool = False  # no-show: a visitor who stepped away and did not come back
    come_back: bool = False  # transfer: the visitor returns to this counter once done there


@dataclass(frozen=True)
class Outcome:
    """What the server answered to a command."""

    command: Command
    ticket: TicketInfo | None = None
    counter: CounterView | None = None
    nobody_waiting: bool = False  # call next: 204, nobody waits for this counter


@dataclass(frozen=True)
class HallOffer:
    """What the hall offers the console: its services, and the results a visit may end with."""

    services: tuple[ServiceView, ...]
    results: tuple[ResultView, ...]


@dataclass(frozen=True)
class Failure:
    """A command that did not happen: the server's stable `code` and its own `message`.

    `code` is `unreachable` when the server did not answer and `bad_reply` when its answer
    could not be read; the console translates known codes and shows `message` otherwise.
    `session_ended` says the operator's session was refused (401, or 409 `not_signed_in`):
    the operator is no longer signed in here, and the link went back to the terminal's token.
    """

    action: Action | None
    code: str
    message: str
    request: str = "command"  # command | sign_in | day | services | ticket
    session_ended: bool = False


class CounterClient(HallClient):
    """`HallClient` plus what the console needs that it does not offer yet.

    The ticket commands are sent through the client's own plumbing (`_post`) so the answer's
    full JSON (priority reason, notes, target counter) reaches the card; `HallClient` parses it
    into a `TicketView`, which drops those fields.
    """

    def offer(self) -> HallOffer:
        return HallOffer(tuple(self.services()), self.hall().results)

    def ticket_info(self, ticket_id: str) -> TicketInfo:
        return _parse(TicketInfo.from_json, self._get(f"/tickets/{_seg(ticket_id)}"))

    def run(self, counter_id: str, command: Command) -> Outcome:
        """Send `command` for this counter; raises `ClientError` when refused or unreachable."""
        action = command.action
        counter = f"/counters/{_seg(counter_id)}"
        ticket = f"/tickets/{_seg(command.ticket_id or '')}"
        body: JsonObject
        if action is Action.CALL_NEXT:  # with a service: the next of that one line
            body = {"service_id": command.service_id} if command.service_id else {}
            raw = self._post(f"{counter}/call", body)
            if raw is None:
                return Outcome(command, nobody_waiting=True)
            return Outcome(command, ticket=_parse(TicketInfo.from_json, raw))
        if action is Action.CALL_TICKET:  # a postponed visitor needs no reason: they are back
            body = {"ticket_id": command.ticket_id}
            if command.reason:
                body["reason"] = command.reason
            return Outcome(command, ticket=_ticket(self._post(f"{counter}/call", body)))
        if action is Action.FINISH and command.result:
            raw = self._post(f"{ticket}/finish", {"result": command.result})
            return Outcome(command, ticket=_ticket(raw))
        ticket_paths = {
            Action.RECALL: "recall",
            Action.START: "start",
            Action.FINISH: "finish",
            Action.NO_SHOW: "no-show",
            Action.POSTPONE: "postpone",
        }
        if action in ticket_paths:
            return Outcome(command, ticket=_ticket(self._post(f"{ticket}/{ticket_paths[action]}")))
        if action is Action.TRANSFER:
            body = {"service_id": command.service_id}
            if command.counter_id:
                body["counter_id"] = command.counter_id
            if command.note:
                body["note"] = command.note
            if command.come_back:
                body["come_back"] = True
            return Outcome(command, ticket=_ticket(self._post(f"{ticket}/transfer", body)))
        if action is Action.RATE:
            raw = self._post(f"{ticket}/rating", {"grade": command.grade})
            return Outcome(command, ticket=_ticket(raw))
        counter_paths = {Action.PAUSE: "pause", Action.RESUME: "open", Action.CLOSE: "close"}
        if action in counter_paths:
            body = {"reason": command.reason} if command.reason else {}
            raw = self._post(f"{counter}/{counter_paths[action]}", body)
            return Outcome(command, counter=_parse(CounterView.from_json, raw))
        raise ValueError(f"{action} is not a command the server takes")


def _seg(value: str) -> str:
    """One path segment, escaped: ids must not change the route."""
    return quote(value, safe="")


def _ticket(raw: JsonValue) -> TicketInfo:
    return _parse(TicketInfo.from_json, raw)


def _parse(parse: Callable[[object], V], raw: object) -> V:
    try:
        return parse(raw)
    except (ProtocolError, ValueError) as exc:
        raise BadReply(str(exc)) from exc
