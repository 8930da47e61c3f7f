"""The citizen's path through the kiosk, in plain Python: screens, choices and what to send."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from hallserver.iin import iin_problem
from hallserver.protocol import ServiceView, TicketView
from kiosk.hallstate import LANGUAGES, HallState

PRIORITIES = ("disabled", "elderly", "pregnant")
BOOKING_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # the server's booking codes: no look-alikes
BOOKING_CODE_LENGTH = 6


class Screen(enum.Enum):
    """Where the citizen is."""

    WELCOME = "welcome"  # language, priority path, appointment
    PRIORITY = "priority"  # which priority: disabled, elderly, pregnant
    HOME = "home"  # most used services and the groups
    GROUPS = "groups"  # every service, by topic
    GROUP = "group"  # the services of one group
    SEARCH = "search"  # typing a service's name
    SERVICE = "service"  # documents, fee, duration, the line; "Take a ticket"
    CHECKIN = "checkin"  # booking code or IIN
    TICKET = "ticket"  # the number, people ahead, wait, QR
    CLOSED = "closed"  # the hall is closed: when it opens
    NOTICE = "notice"  # the server refused: why, in plain words


@dataclass(frozen=True)
class IssueRequest:
    """What to ask the server for: a ticket, or an appointment's check-in."""

    language: str
    service_id: str | None = None
    priority: str | None = None
    priority_reason: str | None = None
    appointment_code: str | None = None
    iin: str | None = None
    # made with the request (a visitor's tap): the server issues one ticket per key, however
    # often a lost answer makes the kiosk ask again; a new tap is a new request
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()), compare=False)


class RequestKeys:
    """A request the server may have issued though its answer never came (unreachable, or
    the hall's database stalled): the next tap for the same ticket sends its key again, and
    the hall then answers the ticket it issued, not a second one."""

    def __init__(self) -> None:
        self._sent: IssueRequest | None = None  # the request on its way
        self._unanswered: IssueRequest | None = None

    def keyed(self, request: IssueRequest) -> IssueRequest:
        """`request` under the key of the same one left unanswered, if there is one."""
        if self._unanswered is not None and self._unanswered == request:  # the key not compared
            request = replace(request, request_id=self._unanswered.request_id)
        self._sent = request
        return request

    def answered(self, code: str | None = None) -> None:
        """The request on its way was answered (`code`: a refusal's, or the kiosk's own
        "unreachable"); with none on its way (another command's answer), nothing changes."""
        if self._sent is None:
            return
        unanswered = code in ("unreachable", "unavailable")  # it may have been issued
        self._unanswered, self._sent = (self._sent if unanswered else None), None

    def forget(self) -> None:
        """Another visitor: their tap is a new request."""
        self._unanswered = None


@dataclass(frozen=True)
class Notice:
    """A refusal to explain: the server's stable code and, where it has one, a time."""

    code: str  # too_early, service_suspended, booking_not_found, unreachable, ...
    at: datetime | None = None


@dataclass(frozen=True)
class Issued:
    """A ticket the server issued, and what the printer did with it."""

    ticket: TicketView
    printer_problem: str | None = None  # paper_out, cover_open, printer_offline, ... or None


class CitizenFlow:
    """The kiosk's citizen mode as a state machine; views render it and forward taps."""

    def __init__(self, state: HallState, default_language: str = "kk") -> None:
        self.state = state
        self.default_language = default_language
        self.online = False
        self.busy = False
        self.keys = RequestKeys()  # a ticket asked for and not answered is asked for again
        self._clear()

    def _clear(self) -> None:
        self.language = self.default_language
        self.screen = Screen.WELCOME
        self.priority: str | None = None
        self.group_id: str | None = None
        self.service_id: str | None = None
        self.query = ""
        self.checkin_by = "iin"  # iin | code
        self.entry = ""
        self.entry_problem: str | None = None
        self.issued: Issued | None = None
        self.notice: Notice | None = None
        self._history: list[Screen] = []
        self.keys.forget()  # a new visitor

    # ------------------------------------------------------------------ navigation

    def reset(self) -> None:
        """Back to the first screen, forgetting the visitor (after idle or 'Done')."""
        self._clear()

    def set_online(self, online: bool) -> None:
        self.online = online

    def choose_language(self, language: str) -> None:
        """First screen: the language, then the services (or when the hall opens)."""
        self.set_language(language)
        self._go(Screen.CLOSED if not self.state.is_open else Screen.HOME)

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r} is not one of {LANGUAGES}")
        self.language = language

    def start_priority(self) -> None:
        self._go(Screen.PRIORITY)

    def choose_priority(self, kind: str) -> None:
        if kind not in PRIORITIES:
            raise ValueError(f"priority {kind!r} is not one of {PRIORITIES}")
        self.priority = kind
        self._go(Screen.CLOSED if not self.state.is_open else Screen.HOME)

    def open_groups(self) -> None:
        self._go(Screen.GROUPS)

    def open_group(self, group_id: str) -> None:
        self.group_id = group_id
        self._go(Screen.GROUP)

    def open_search(self) -> None:
        self.query = ""
        self._go(Screen.SEARCH)

    def type_text(self, text: str) -> None:
        self.query = (self.query + text)[:40]

    def erase(self) -> None:
        self.query = self.query[:-1]

    def results(self) -> list[ServiceView]:
        return self.state.search(self.query, self.language)[:8]

    def open_service(self, service_id: str) -> None:
        self.service_id = service_id
        self._go(Screen.SERVICE)

    def open_checkin(self) -> None:
        self.entry = ""
        self.entry_problem = None
        self._go(Screen.CHECKIN)

    def checkin_with(self, by: str) -> None:
        if by not in ("iin", "code"):
            raise ValueError(by)
        self.checkin_by = by
        self.entry = ""
        self.entry_problem = None

    def press_key(self, key: str) -> None:
        """A key of the check-in pad: digits for an IIN, code letters and digits for a code."""
        key = key.upper()
        allowed = "0123456789" if self.checkin_by == "iin" else BOOKING_ALPHABET
        limit = 12 if self.checkin_by == "iin" else BOOKING_CODE_LENGTH
        if len(key) == 1 and key in allowed and len(self.entry) < limit:
            self.entry += key
            self.entry_problem = None

    def erase_key(self) -> None:
        self.entry = self.entry[:-1]
        self.entry_problem = None

    def back(self) -> None:
        if self._history:
            self.screen = self._history.pop()
        else:
            self.screen = Screen.WELCOME
        if self.screen is Screen.WELCOME:
            self.priority = None

    def home(self) -> None:
        self._history = [Screen.WELCOME]
        self.screen = Screen.HOME if self.state.is_open else Screen.CLOSED

    # ------------------------------------------------------------------ what to send

    @property
    def service(self) -> ServiceView | None:
        return self.state.services.get(self.service_id or "")

    def can_issue(self) -> bool:
        """Whether 'Take a ticket' works now (the server, the hall and the service allow it)."""
        service = self.service
        return (
            self.online
            and not self.busy
            and self.state.is_open
            and service is not None
            and self.state.not_issuing(service.id) is None
        )

    def take_ticket(self) -> IssueRequest | None:
        if not self.can_issue():
            return None
        self.busy = True
        return self.keys.keyed(
            IssueRequest(
                language=self.language,
                service_id=self.service_id,
                priority=self.priority,
                priority_reason=self.priority,
            )
        )

    def submit_checkin(self) -> IssueRequest | None:
        """The check-in to send, or None with `entry_problem` set when the entry is not valid."""
        if self.checkin_by == "iin":
            self.entry_problem = iin_problem(self.entry)
        elif len(self.entry) != BOOKING_CODE_LENGTH:
            self.entry_problem = "code_length"
        if self.entry_problem is not None or not self.online or self.busy:
            return None
        self.busy = True
        if self.checkin_by == "iin":
            return self.keys.keyed(IssueRequest(language=self.language, iin=self.entry))
        return self.keys.keyed(IssueRequest(language=self.language, appointment_code=self.entry))

    # ------------------------------------------------------------------ answers

    def ticket_issued(self, issued: Issued) -> None:
        self.busy = False
        self.keys.answered()
        self.issued = issued
        self._history = []
        self.screen = Screen.TICKET

    def refused(self, code: str, at: datetime | None = None) -> None:
        """The server said no (or could not be reached): explain, issue nothing."""
        self.busy = False
        self.keys.answered(code)
        if code == "hall_closed":
            self.state.mark_closed(at)
            self._go(Screen.CLOSED)
            return
        if code.startswith("bad_iin_"):  # the server's IIN check, should the kiosk's ever differ
            self.entry_problem = code.removeprefix("bad_iin_")
            return
        self.notice = Notice(code, at)
        self._go(Screen.NOTICE)

    def hall_changed(self) -> None:
        """The hall opened or closed while the visitor was on a screen."""
        if not self.state.is_open and self.screen not in (Screen.WELCOME, Screen.TICKET):
            self._go(Screen.CLOSED)
        elif self.state.is_open and self.screen is Screen.CLOSED:
            self.home()

    def ticket_seconds(self, normal: float, after_fault: float) -> float:
        """How long the ticket stays on screen: longer when it did not print."""
        if self.issued is not None and self.issued.printer_problem is not None:
            return after_fault
        return normal

    def _go(self, screen: Screen) -> None:
        if screen is not self.screen:
            self._history.append(self.screen)
        self.screen = screen
