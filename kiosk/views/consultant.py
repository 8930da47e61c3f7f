"""Consultant mode: find a service, advise from its documents and waits, issue for the visitor."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hallserver.client import Identity
from hallserver.protocol import SERVICE_CHANGED, HallEvent, Snapshot, TicketView
from kiosk.config import KioskConfig
from kiosk.consultant_flow import ConsultantFlow
from kiosk.flow import PRIORITIES, Issued, IssueRequest
from kiosk.hallstate import text_in
from kiosk.issuing import SlipWords
from kiosk.link import KioskLink, Refusal
from kiosk.translations import Translations
from kiosk.views import texts
from kiosk.views.citizen import SLIP_CALLED, SLIP_COPY, SLIP_LATE, SLIP_NEXT_STEP
from kiosk.views.theme import Sizes
from kiosk.views.widgets import bullet, button, label, wrap_button

STAFF_ROLES = ("consultant", "supervisor", "admin")
PRINTER_PROBLEMS = ("paper_out", "cover_open", "printer_offline", "printer_error")


class ConsultantWindow(QWidget):
    """The consultant's desk: sign-in, search, the service's facts, issuing and cancelling."""

    def __init__(
        self,
        flow: ConsultantFlow,
        link: KioskLink,
        translations: Translations,
        config: KioskConfig,
        sizes: Sizes,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.link = link
        self.translations = translations
        self.sizes = sizes
        self.visitor_language = "kk"
        # the left column's task: find a service (most visitors), or check in an appointment,
        # or print a copy of a lost ticket (the few), so the list of services has the room
        self.task = "find"
        self._top = False  # the next page starts at its top, not where the last was scrolled
        self._problem_shown: str | None = None  # the refusal last brought into view
        self.setProperty("role", "page")
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self.page: QWidget | None = None
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setMinimumHeight(sizes.touch)
        self.search.textChanged.connect(self._on_search_changed)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMinimumHeight(sizes.touch)
        self.reason.textChanged.connect(self._on_reason_changed)
        self.checkin = QLineEdit()
        self.checkin.setObjectName("checkin")
        self.checkin.setMinimumHeight(sizes.touch)
        self.copy_number = QLineEdit()
        self.copy_number.setObjectName("copy-number")
        self.copy_number.setMinimumHeight(sizes.touch)
        self.copy_number.setMaxLength(8)
        self.copy_number.setPlaceholderText("A017")
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setMinimumHeight(sizes.touch)
        link.online_changed.connect(self._on_online_changed)
        link.snapshot_received.connect(self._on_snapshot_received)
        link.event_received.connect(self._on_event_received)
        link.done.connect(self._on_done)
        link.failed.connect(self._on_failed)
        translations.install(flow.language)
        if link.client.token:
            self.link.run("whoami", link.client.whoami)
        self.render()

    # ------------------------------------------------------------------ from the link

    def _on_online_changed(self, online: bool) -> None:
        self.flow.online = online
        self.render()

    def _on_snapshot_received(self, snapshot: Snapshot) -> None:
        self.flow.state.apply_snapshot(snapshot)
        self.render()

    def _on_event_received(self, event: HallEvent) -> None:
        self.flow.state.apply_event(event)
        if event.data.get("queue") is not None or event.type == SERVICE_CHANGED:
            self.render()

    def _on_done(self, tag: str, result: object) -> None:
        if tag == "services" and isinstance(result, list):
            self.flow.state.set_services(result)
        elif tag == "hall":
            self.flow.state.set_hall(result)  # type: ignore[arg-type]
        elif tag == "queue" and isinstance(result, list):
            self.flow.state.set_queue(result)
        elif tag == "whoami" and isinstance(result, Identity):
            self.flow.signed_in_as = result.name if result.role in STAFF_ROLES else None
            if self.flow.signed_in_as is None:
                self.flow.problem = "not_consultant"
        elif tag == "issue" and isinstance(result, Issued):
            self.flow.ticket_issued(result.ticket)
            self.reason.clear()
            if result.printer_problem is not None:
                self.flow.problem = result.printer_problem
        elif tag == "checkin" and isinstance(result, Issued):
            self.flow.ticket_issued(result.ticket)
            self.checkin.clear()
        elif tag == "cancel" and isinstance(result, TicketView):
            self.flow.ticket_cancelled(result)
        elif tag == "copy" and isinstance(result, Issued):
            if result.printer_problem is not None:
                self.flow.refused(result.printer_problem)
            else:
                self.flow.copy_printed(result.ticket)
                self.copy_number.clear()
        else:
            return
        self.render()

    def _on_failed(self, tag: str, refusal: Refusal) -> None:
        if tag in ("issue", "checkin", "cancel", "whoami", "copy"):
            code = (
                "not_consultant"
                if tag == "whoami" and refusal.code != "unreachable"
                else refusal.code
            )
            self.flow.refused(code, refusal.at)
            if tag == "whoami":
                self.flow.signed_in_as = None
            self.render()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():  # a tablet turned: lay out again
            self.render()

    # ------------------------------------------------------------------ actions

    def _on_search_changed(self, text: str) -> None:
        self.flow.query = text
        self.render()

    def _on_reason_changed(self, text: str) -> None:
        self.flow.reason = text

    def sign_in(self) -> None:
        self.link.client.token = self.token.text().strip()
        self.token.clear()
        self.link.run("whoami", self.link.client.whoami)

    def sign_out(self) -> None:
        self.link.client.token = None
        self.flow.signed_in_as = None
        self.task = "find"  # the next shift starts at the services, with nothing of this one
        self.flow.copied = None
        for field in (self.search, self.reason, self.checkin, self.copy_number):
            field.clear()
        self.render()

    def _send(self, tag: str, request: IssueRequest | None) -> None:
        if request is None:
            self.render()
            return
        state = self.flow.state
        services = dict(state.services)
        hall_name = state.hall.name if state.hall is not None else {}
        t, lang = self.translations, request.language
        next_step = t.text(lang, "Slip", SLIP_NEXT_STEP)
        late = t.text(lang, "Slip", SLIP_LATE)
        issuer = self.link.issuer
        print_here = self.flow.print_here
        unserved = state.unserved()

        def job() -> Issued:
            return issuer.issue(
                request,
                services,
                hall_name,
                lambda ticket: SlipWords(next_step, late if ticket.late_for_appointment else ""),
                print_ticket=print_here,
                unserved=unserved,
            )

        self.link.run(tag, job)
        self.render()

    def issue(self) -> None:
        self._send("issue", self.flow.issue_request(self.visitor_language))

    def check_in(self) -> None:
        self._send("checkin", self.flow.checkin_request(self.checkin.text(), self.visitor_language))

    def print_copy(self) -> None:
        """A visitor lost their ticket: print it again by its number, marked as a copy."""
        ticket_id = self.flow.copy_request(self.copy_number.text())
        if ticket_id is None:
            self.render()
            return
        state = self.flow.state
        services = dict(state.services)
        hall_name = state.hall.name if state.hall is not None else {}
        t, issuer = self.translations, self.link.issuer

        def words(ticket: TicketView) -> SlipWords:
            lang = ticket.language
            late = t.text(lang, "Slip", SLIP_LATE) if ticket.late_for_appointment else ""
            next_step = t.text(lang, "Slip", SLIP_NEXT_STEP)
            if ticket.status == "called" and ticket.counter_number is not None:
                # called while the visitor looked for the ticket: where to go, not "wait"
                next_step = t.text(lang, "Slip", SLIP_CALLED).format(n=ticket.counter_number)
            return SlipWords(next_step, late, t.text(lang, "Slip", SLIP_COPY))

        unserved = state.unserved()
        self.link.run(
            "copy", lambda: issuer.print_copy(ticket_id, services, hall_name, words, unserved)
        )
        self.render()

    def cancel(self, ticket_id: str) -> None:
        client = self.link.client
        self.link.run("cancel", lambda: client.cancel(ticket_id, "issued by mistake"))

    def _pick(self, service_id: str) -> None:
        self.flow.select(service_id)
        self.render()

    def _prioritise(self, kind: str | None) -> None:
        self.flow.set_priority(kind)
        self.render()

    def _visitor(self, language: str) -> None:
        self.visitor_language = language
        self.render()

    def _toggle_print(self) -> None:
        self.flow.print_here = not self.flow.print_here
        self.render()

    # ------------------------------------------------------------------ rendering

    def render(self) -> None:  # type: ignore[override]  # not QWidget.render: rebuilds the page
        fields = (self.search, self.reason, self.checkin, self.copy_number, self.token)
        # the page is rebuilt as the hall moves (every ticket issued anywhere): the field being
        # typed in keeps the keyboard and its cursor, and the desk keeps where it was scrolled
        typing = next((f for f in fields if f.hasFocus()), None)
        cursor = typing.cursorPosition() if typing is not None else 0
        shown = self.page  # the page on screen (older ones may await deletion)
        offsets = {  # each column's own, when they scroll apart
            area.objectName(): area.verticalScrollBar().value()
            for area in (shown.findChildren(QScrollArea) if shown is not None else [])
        }
        if self._top:  # another task: from its top
            offsets, self._top = {}, False
        for field in fields:
            field.setParent(None)  # kept across pages: the old page is deleted below
        if self.page is not None:
            self._layout.removeWidget(self.page)
            self.page.hide()
            self.page.deleteLater()
        self.page = QWidget(self)
        column = QVBoxLayout(self.page)
        column.setSpacing(self.sizes.gap)
        if not self.flow.online:
            column.addWidget(
                label(self.tr("No connection to the hall server. Reconnecting…"), "banner", "big")
            )
        if self.flow.signed_in_as is None:
            self.page.setObjectName("consultant-sign-in")
            column.addWidget(label(self.tr("Consultant sign-in"), "page", "title"))
            column.addWidget(
                label(
                    self.tr("Your consultant access key (the technician gives it to you)"), "page"
                )
            )
            column.addWidget(self.token)
            column.addWidget(
                button(
                    self.tr("Sign in"), self.sign_in, "primary", "big", self.sizes.touch, "sign-in"
                )
            )
            self._problem(column)
            column.addStretch(1)
        else:
            self.page.setObjectName("consultant-desk")
            areas = self._desk(column)
            problem = self.page.findChild(QLabel, "problem")
            new = problem is not None and self.flow.problem != self._problem_shown
            for area in areas:
                if new and problem is not None and area.isAncestorOf(problem):
                    _scroll_to(area, problem)  # new: in view, though below the Issue button
                elif offsets.get(area.objectName()):
                    _scroll_back(area, offsets[area.objectName()])
            self._problem_shown = self.flow.problem
        self._layout.addWidget(self.page)
        self.page.show()
        if typing is not None and typing.isVisibleTo(self):
            typing.setFocus()
            typing.setCursorPosition(cursor)

    def _problem(self, column: QVBoxLayout) -> None:
        problem = self.flow.problem
        if problem is None:
            return
        words = {
            "no_service": self.tr("Choose a service first."),
            "no_reason": self.tr("Write why the visitor has priority: it is recorded."),
            "offline": self.tr("No connection to the hall server."),
            "busy": self.tr("Please wait…"),
            "not_consultant": self.tr(
                "This is not a consultant's access key: check it, or ask the technician for yours."
            ),
            "number_format": self.tr("A ticket's number is its letter and digits, such as A017."),
            "no_printing": self.tr("Turn on “Print the ticket here” to print a copy."),
            "ticket_not_found": self.tr("There is no ticket with this number today."),
            "ticket_closed": self.tr(
                "This ticket is no longer in the queue: a copy is not needed."
            ),
        }
        if problem in words:
            text = words[problem]
        elif problem.startswith("iin_"):
            text = texts.tr(texts.ENTRY_PROBLEMS.get(problem[4:], texts.DEFAULT_NOTICE))
        elif problem in texts.ENTRY_PROBLEMS:
            text = texts.tr(texts.ENTRY_PROBLEMS[problem])
        elif problem in PRINTER_PROBLEMS:
            text = texts.printer_text(problem)
        else:
            hall = self.flow.state.hall
            text = texts.notice_text(problem, self.flow.problem_at, hall.now if hall else None)
        message = label(text, "warning", "big")
        message.setObjectName("problem")
        column.addWidget(message)

    def _desk(self, page: QVBoxLayout) -> list[QScrollArea]:
        """The desk under its top row; returns its scroll areas. Side by side, each column
        scrolls by itself (on a 10-inch tablet the search stays in view while the issuing
        column scrolls, to a refusal under its button); stacked, the two scroll as one."""
        flow, touch = self.flow, self.sizes.touch
        top = QHBoxLayout()
        top.addWidget(
            label(self.tr("Signed in: {name}").format(name=flow.signed_in_as), "muted"), 1
        )
        # Side by side when each half still holds about 18 characters a line; else stacked.
        room = self.width() - 4 * self.sizes.gap
        side_by_side = room >= 36 * self.sizes.body
        if side_by_side:  # printing is set once a shift, not per visitor: up here when it fits
            top.addWidget(self._print_toggle())
        top.addWidget(
            wrap_button(self.tr("Sign out"), self.sign_out, "secondary", None, touch, "sign-out")
        )
        page.addLayout(top)
        # On the left, what the visitor needs: a service found and its facts, or (one tap away)
        # a booking checked in or a lost ticket's copy. On the right, issuing, then the tickets
        # issued here right under it: the consultant sees the ticket just issued (and can
        # cancel a mistake) without scrolling.
        left, right = QVBoxLayout(), QVBoxLayout()
        self._tasks(left)
        if self.task == "checkin":
            self._checking_in(left)
        elif self.task == "copy":
            self._copying(left)
        else:
            self._finding(left)
            self._facts(left)
        left.addStretch(1)
        self._issuing(right, room * 3 // 5 if side_by_side else room, not side_by_side)
        self._issued_here(right)
        right.addStretch(1)
        if not side_by_side:
            both = QVBoxLayout()
            both.setSpacing(self.sizes.gap)
            both.addLayout(left)
            both.addLayout(right)
            area = _scrolled(both, "desk-scroll-stacked")  # its offset is not a column's
            page.addWidget(area, 1)
            return [area]
        columns = QHBoxLayout()
        columns.setSpacing(self.sizes.gap)
        # two fifths whatever the task: the columns do not move as the consultant switches
        finding, issuing = _scrolled(left, "desk-scroll-left"), _scrolled(right, "desk-scroll")
        finding.setMinimumWidth((room - self.sizes.gap) * 2 // 5)
        columns.addWidget(finding, 2)
        columns.addWidget(issuing, 3)
        page.addLayout(columns, 1)
        return [finding, issuing]

    def _finding(self, column: QVBoxLayout) -> None:
        flow = self.flow
        column.addWidget(label(self.tr("Find a service"), "page", "big"))
        self.search.setPlaceholderText(self.tr("In any language"))
        column.addWidget(self.search)
        for found in flow.results()[:8]:
            queued = flow.state.queue.get(found.id)
            waiting = queued.waiting if queued else 0
            column.addWidget(
                wrap_button(
                    # the count stays with the name's last word, never alone on a line
                    f"{text_in(found.name, flow.language)}\u00a0\u00a0·\u00a0{waiting}",
                    partial(self._pick, found.id),
                    "chosen" if found.id == flow.service_id else "secondary",
                    None,
                    self.sizes.touch,
                    f"pick-{found.id}",
                    Qt.AlignmentFlag.AlignLeft,
                )
            )

    def _facts(self, column: QVBoxLayout) -> None:
        """The chosen service: the line now and the fee first (they stay in view above the
        fold), then the documents, to advise the visitor."""
        flow, lang = self.flow, self.flow.language
        service = flow.service
        if service is None:
            return
        column.addWidget(label(text_in(service.name, lang), "page", "big"))
        entry = flow.state.queue.get(service.id)
        if flow.state.suspended(service.id):
            column.addWidget(label(texts.notice_text("service_suspended", None), "warning"))
        elif entry is not None:
            if entry.unserved:  # as the slip says: no minutes
                wait = self.tr(
                    "Waiting: {n}. No counter open for this service yet: the visitor will be "
                    "called when one opens"
                ).format(n=entry.waiting)
            elif entry.waiting == 0:
                wait = self.tr("Nobody is waiting: the visitor will be called soon")
            else:
                wait = self.tr("Waiting: {n}, about {m} min").format(
                    n=entry.waiting, m=texts.minutes(entry.estimated_wait_s)
                )
            line = label(wait, "page", "big")
            line.setObjectName("wait")
            column.addWidget(line)
        if service.fee:
            column.addWidget(label(text_in(service.fee, lang), "muted"))
        for document in service.documents:
            column.addWidget(bullet(text_in(document, lang), "page"))

    def _issuing(self, column: QVBoxLayout, room: int, print_toggle: bool) -> None:
        """Priority and its reason, the visitor's language, printing (unless in the top row),
        issuing. Checking in takes only the language (and a copy nothing): what would not
        apply is not shown, nor a green button that would issue a ticket for the service
        chosen before."""
        flow, touch = self.flow, self.sizes.touch
        if self.task != "find":
            if self.task == "checkin":
                self._languages(column)
            if print_toggle:
                column.addWidget(self._print_toggle())
            self._problem(column)
            return
        column.addWidget(label(self.tr("Priority"), "page", "big"))
        choices = QGridLayout()
        choices.setSpacing(self.sizes.gap // 2)
        per_row = max(1, min(3, room // (10 * self.sizes.body)))  # ~ten characters a button
        for i, kind in enumerate((None, *PRIORITIES, "veteran")):
            words = self.tr("None") if kind is None else texts.tr(texts.PRIORITY_NAMES[kind])
            choices.addWidget(
                wrap_button(
                    words,
                    partial(self._prioritise, kind),
                    "chosen" if flow.priority == kind else "secondary",
                    None,
                    touch,
                    f"priority-{kind or 'none'}",
                ),
                i // per_row,
                i % per_row,
            )
        for place in range(per_row):
            choices.setColumnStretch(place, 1)
        column.addLayout(choices)
        if flow.priority is not None:
            column.addWidget(label(self.tr("Why (recorded)"), "page"))
            column.addWidget(self.reason)
        self._languages(column)
        if print_toggle:
            column.addWidget(self._print_toggle())
        column.addWidget(
            wrap_button(self.tr("Issue a ticket"), self.issue, "primary", "big", touch, "issue")
        )
        self._problem(column)

    def _languages(self, column: QVBoxLayout) -> None:
        """The visitor's language: their ticket is printed in it."""
        column.addWidget(label(self.tr("Visitor's language"), "page"))
        visitor = QHBoxLayout()
        for code, name in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")):
            visitor.addWidget(
                wrap_button(
                    name,
                    partial(self._visitor, code),
                    "chosen" if self.visitor_language == code else "secondary",
                    None,
                    self.sizes.touch,
                    f"visitor-{code}",
                )
            )
        column.addLayout(visitor)

    def _print_toggle(self) -> QWidget:
        return wrap_button(
            self.tr("Print the ticket here")
            if self.flow.print_here
            else self.tr("Only show the number"),
            self._toggle_print,
            "secondary",
            None,
            self.sizes.touch,
            "print-toggle",
        )

    def _tasks(self, column: QVBoxLayout) -> None:
        """The two less frequent tasks, side by side above the search: tapping one opens it in
        the left column, tapping it again (or "Back to the services") closes it."""
        row = QHBoxLayout()
        row.setSpacing(self.sizes.gap // 2)
        for task, words in (
            ("checkin", self.tr("Check in an appointment")),
            ("copy", self.tr("Copy of a ticket")),
        ):
            row.addWidget(
                wrap_button(
                    words,
                    partial(self._open_task, task),
                    "chosen" if self.task == task else "secondary",
                    None,
                    self.sizes.touch,
                    f"task-{task}",
                ),
                1,
            )
        column.addLayout(row)

    def _open_task(self, task: str) -> None:
        self.task = "find" if task == self.task else task
        self.flow.copied = None
        if self.flow.problem not in PRINTER_PROBLEMS:  # the printer's stays: it still applies
            self.flow.problem = None  # a refusal of the task left behind does not
        self._top = True
        self.render()
        field = {"checkin": self.checkin, "copy": self.copy_number}.get(self.task, self.search)
        field.setFocus()

    def _task_form(
        self,
        column: QVBoxLayout,
        asks: str,
        field: QLineEdit,
        does: str,
        action: Callable[[], None],
        name: str,
    ) -> None:
        """What to type, the field, and the task's button under it, as wide as the column: its
        words stay whole in every language, and twelve digits fit the field."""
        column.addWidget(label(asks, "page"))
        column.addWidget(field)
        column.addWidget(wrap_button(does, action, "primary", None, self.sizes.touch, name))

    def _back_to_services(self, column: QVBoxLayout) -> None:
        column.addWidget(
            wrap_button(
                self.tr("Back to the services"),
                partial(self._open_task, self.task),
                "secondary",
                None,
                self.sizes.touch,
                "task-back",
            )
        )

    def _checking_in(self, column: QVBoxLayout) -> None:
        """A visitor with a booking: IIN or booking code, then the ticket."""
        self._task_form(
            column,
            self.tr("The visitor's IIN or booking code"),
            self.checkin,
            self.tr("Check in"),
            self.check_in,
            "check-in",
        )
        self._back_to_services(column)

    def _copying(self, column: QVBoxLayout) -> None:
        """A visitor who lost their ticket: its number, then a copy."""
        self._task_form(
            column,
            self.tr("The lost ticket's number"),
            self.copy_number,
            self.tr("Print a copy"),
            self.print_copy,
            "print-copy",
        )
        if self.flow.copied is not None:
            done = label(
                self.tr("A copy of {number} is printed.").format(number=self.flow.copied),
                "done",
                "big",
            )
            done.setObjectName("copy-printed")
            column.addWidget(done)
        self._back_to_services(column)

    def _issued_here(self, column: QVBoxLayout) -> None:
        flow, touch = self.flow, self.sizes.touch
        if flow.issued:
            column.addWidget(label(self.tr("Tickets issued here"), "page", "big"))
            for ticket in flow.issued[:4]:
                issued_row = QHBoxLayout()
                state = self.tr("cancelled") if ticket.status == "cancelled" else ""
                number = label(f"{ticket.number}  {state}", "page", "title", wrap=False)
                number.setObjectName(f"issued-{ticket.number}")
                issued_row.addWidget(number, 1)
                if ticket.status == "waiting":
                    issued_row.addWidget(
                        wrap_button(
                            self.tr("Cancel (mistake)"),
                            partial(self.cancel, ticket.id),
                            "secondary",
                            None,
                            touch,
                            f"cancel-{ticket.number}",
                        )
                    )
                column.addLayout(issued_row)


def _scrolled(layout: QVBoxLayout, name: str) -> QScrollArea:
    """`layout` in a scroll area that only ever scrolls down: its content is laid out for the
    width it has (words wrap, columns stack)."""
    inside = QWidget()
    inside.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inside)
    return area


def _scroll_back(scroll: QScrollArea, offset: int) -> None:
    """Scroll a new page to where the last one was, as soon as its layout gives it the room."""
    bar = scroll.verticalScrollBar()

    def back_to(_low: int, high: int) -> None:
        bar.setValue(min(offset, high))
        if bar.value() == offset:
            bar.rangeChanged.disconnect(back_to)

    bar.rangeChanged.connect(back_to)


def _scroll_to(scroll: QScrollArea, widget: QWidget) -> None:
    """Bring `widget` into view once the new page is laid out."""
    bar = scroll.verticalScrollBar()

    def into_view(_low: int, _high: int) -> None:
        bar.rangeChanged.disconnect(into_view)
        scroll.ensureWidgetVisible(widget)

    bar.rangeChanged.connect(into_view)
