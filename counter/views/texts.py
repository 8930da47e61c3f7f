"""Every word the console shows that depends on data: actions, reasons, grades, server errors."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from counter.state import Action, Hindrance

KEYS: dict[Action, str] = {
    Action.CALL_NEXT: "F1",
    Action.RECALL: "F2",
    Action.START: "F3",
    Action.FINISH: "F4",
    Action.NO_SHOW: "F5",
    Action.TRANSFER: "F6",
    Action.PAUSE: "F7",
    Action.RESUME: "F8",
    Action.CLOSE: "F9",
    Action.CALL_TICKET: "F10",
    Action.POSTPONE: "F11",
    Action.SIGN_OUT: "F12",
}


def action_name(action: Action) -> str:
    names = {
        Action.CALL_NEXT: QCoreApplication.translate("Texts", "Call next"),
        Action.RECALL: QCoreApplication.translate("Texts", "Recall"),
        Action.START: QCoreApplication.translate("Texts", "Start"),
        Action.FINISH: QCoreApplication.translate("Texts", "Finish"),
        Action.NO_SHOW: QCoreApplication.translate("Texts", "No-show"),
        Action.TRANSFER: QCoreApplication.translate("Texts", "Transfer"),
        Action.PAUSE: QCoreApplication.translate("Texts", "Pause"),
        Action.RESUME: QCoreApplication.translate("Texts", "Open / resume"),
        Action.CLOSE: QCoreApplication.translate("Texts", "Close counter"),
        Action.CALL_TICKET: QCoreApplication.translate("Texts", "Call a ticket"),
        Action.POSTPONE: QCoreApplication.translate("Texts", "Postpone"),
        Action.SIGN_OUT: QCoreApplication.translate("Texts", "Sign out"),
        Action.RATE: QCoreApplication.translate("Texts", "Rating"),
    }
    return names[action]


def hindrance(why: Hindrance) -> str:
    """Why an action cannot be done now, as the end of a sentence."""
    names = {
        Hindrance.VISITOR_HERE: QCoreApplication.translate(
            "Texts", "finish with the visitor at the counter first."
        ),
        Hindrance.CLOSED: QCoreApplication.translate("Texts", "open the counter first."),
        Hindrance.PAUSED: QCoreApplication.translate(
            "Texts", "the counter is paused: resume it first."
        ),
        Hindrance.OPEN_ALREADY: QCoreApplication.translate("Texts", "the counter is open."),
        Hindrance.CLOSED_ALREADY: QCoreApplication.translate("Texts", "the counter is closed."),
        Hindrance.PAUSED_ALREADY: QCoreApplication.translate(
            "Texts", "the counter is paused already."
        ),
        Hindrance.NOBODY_WAITING: QCoreApplication.translate(
            "Texts", "nobody is waiting or has stepped away."
        ),
        Hindrance.NO_VISITOR: QCoreApplication.translate(
            "Texts", "there is no visitor at the counter."
        ),
        Hindrance.NOT_STARTED: QCoreApplication.translate(
            "Texts", "the visit has not started: start it first."
        ),
        Hindrance.STARTED: QCoreApplication.translate("Texts", "the visit has started already."),
        Hindrance.NOBODY_AWAY: QCoreApplication.translate(
            "Texts", "no visitor of this counter has stepped away."
        ),
    }
    return names[why]


def pause_reason(reason: str | None) -> str:
    names = {
        "break": QCoreApplication.translate("Texts", "Break"),
        "lunch": QCoreApplication.translate("Texts", "Lunch"),
        "technical": QCoreApplication.translate("Texts", "Technical problem"),
        "paperwork": QCoreApplication.translate("Texts", "Paperwork"),
        "other": QCoreApplication.translate("Texts", "Other"),
    }
    return names.get(reason or "other", reason or "")


def priority(kind: str) -> str:
    names = {
        "regular": QCoreApplication.translate("Texts", "Regular"),
        "disabled": QCoreApplication.translate("Texts", "Disability"),
        "elderly": QCoreApplication.translate("Texts", "Elderly visitor"),
        "pregnant": QCoreApplication.translate("Texts", "Pregnancy"),
        "veteran": QCoreApplication.translate("Texts", "Veteran"),
    }
    return names.get(kind, kind)


def grade(value: str) -> str:
    names = {
        "excellent": QCoreApplication.translate("Texts", "Excellent"),
        "good": QCoreApplication.translate("Texts", "Good"),
        "satisfactory": QCoreApplication.translate("Texts", "Satisfactory"),
    }
    return names.get(value, value)


def status(value: str) -> str:
    names = {
        "waiting": QCoreApplication.translate("Texts", "Waiting"),
        "called": QCoreApplication.translate("Texts", "Called"),
        "serving": QCoreApplication.translate("Texts", "Serving"),
        "finished": QCoreApplication.translate("Texts", "Finished"),
        "no_show": QCoreApplication.translate("Texts", "No-show"),
        "cancelled": QCoreApplication.translate("Texts", "Cancelled"),
        "postponed": QCoreApplication.translate("Texts", "Postponed"),
    }
    return names.get(value, value)


def counter_state(value: str) -> str:
    names = {
        "open": QCoreApplication.translate("Texts", "Open"),
        "paused": QCoreApplication.translate("Texts", "Paused"),
        "closed": QCoreApplication.translate("Texts", "Closed"),
    }
    return names.get(value, value)


def duration(seconds: int | None) -> str:
    """`12 min`, `1 h 05 min`, or a dash when unknown."""
    if seconds is None:
        return "—"
    minutes = max(int(seconds), 0) // 60
    if minutes < 60:
        return QCoreApplication.translate("Texts", "%1 min").replace("%1", str(minutes))
    return (
        QCoreApplication.translate("Texts", "%1 h %2 min")
        .replace("%1", str(minutes // 60))
        .replace("%2", f"{minutes % 60:02d}")
    )


def server_error(code: str, message: str) -> str:
    """The server's refusal in the operator's language; its own message for unknown codes."""
    known: Mapping[str, str] = {
        "unreachable": QCoreApplication.translate(
            "Texts", "The hall server does not answer. Check the network; try again."
        ),
        "bad_reply": QCoreApplication.translate(
            "Texts", "The hall server answered something this console cannot read."
        ),
        "bad_credentials": QCoreApplication.translate("Texts", "Wrong login or PIN."),
        "operator_disabled": QCoreApplication.translate(
            "Texts", "This operator is disabled: ask the hall's administrator."
        ),
        "locked": QCoreApplication.translate(
            "Texts", "Too many wrong PINs: wait a minute and try again."
        ),
        "not_counter": QCoreApplication.translate(
            "Texts", "This computer is not enrolled as a counter terminal."
        ),
        "unauthorized": QCoreApplication.translate(
            "Texts", "This console's token is not accepted: enroll it again."
        ),
        "operator_elsewhere": QCoreApplication.translate(
            "Texts", "You are signed in at another counter: sign out there first."
        ),
        "counter_taken": QCoreApplication.translate(
            "Texts", "Another operator is signed in at this counter."
        ),
        "not_operator": QCoreApplication.translate(
            "Texts", "Only the operator signed in at this counter can do this."
        ),
        "not_signed_in": QCoreApplication.translate(
            "Texts", "You are no longer signed in here. Sign in again."
        ),
        "other_counter": QCoreApplication.translate("Texts", "This ticket is at another counter."),
        "no_operator": QCoreApplication.translate(
            "Texts", "An operator must sign in before the counter opens."
        ),
        "counter_closed": QCoreApplication.translate(
            "Texts", "The counter is closed: open it first."
        ),
        "counter_paused": QCoreApplication.translate(
            "Texts", "The counter is paused: resume it first."
        ),
        "counter_busy": QCoreApplication.translate(
            "Texts", "Finish the current visitor first (or mark a no-show)."
        ),
        "to_counter_closed": QCoreApplication.translate(
            "Texts", "That counter is closed: send the visitor to the service's queue instead."
        ),
        "counter_not_serving": QCoreApplication.translate(
            "Texts", "That counter does not serve this service."
        ),
        "not_waiting": QCoreApplication.translate("Texts", "This ticket is no longer waiting."),
        "no_reason": QCoreApplication.translate(
            "Texts", "Calling a ticket out of order needs a reason."
        ),
        "illegal_transition": QCoreApplication.translate(
            "Texts", "The ticket has already moved on: the screen is updated."
        ),
        "service_suspended": QCoreApplication.translate(
            "Texts", "This service is not provided today."
        ),
        "service_closed": QCoreApplication.translate("Texts", "This service is closed now."),
        "hall_closed": QCoreApplication.translate("Texts", "The hall is closed now."),
        "ticket_not_found": QCoreApplication.translate("Texts", "There is no such ticket today."),
        "service_not_found": QCoreApplication.translate("Texts", "There is no such service."),
        "counter_not_found": QCoreApplication.translate("Texts", "There is no such counter."),
        "not_finished": QCoreApplication.translate("Texts", "Only a finished visit can be rated."),
        "already_rated": QCoreApplication.translate("Texts", "This visit is already rated."),
        "forbidden": QCoreApplication.translate("Texts", "You may not do this."),
        "return_pending": QCoreApplication.translate(
            "Texts", "This visitor already goes back to another counter: send them on without."
        ),
        "same_service": QCoreApplication.translate(
            "Texts", "The visitor is already in this service: choose another one."
        ),
        "unknown_result": QCoreApplication.translate(
            "Texts", "The hall no longer records this result: reopen the console."
        ),
    }
    return known.get(code) or message or code
