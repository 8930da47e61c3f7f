"""Words the kiosk says about codes the server and the printer give: marked for translation."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallserver import kazakh
from kiosk.issuing import wait_minutes

NOTICES = {
    "too_early": QT_TRANSLATE_NOOP(
        "Messages", "You are early for your appointment. Please check in from {time}."
    ),
    "booking_not_found": QT_TRANSLATE_NOOP(
        "Messages",
        "We could not find an appointment for today with this number. Please check it, "
        "or take a ticket for the service.",
    ),
    "not_found": QT_TRANSLATE_NOOP(
        "Messages",
        "We could not find an appointment for today with this number. Please check it, "
        "or take a ticket for the service.",
    ),
    "checked_in": QT_TRANSLATE_NOOP(
        "Messages", "This appointment is already checked in: its ticket was issued before."
    ),
    "booking_cancelled": QT_TRANSLATE_NOOP("Messages", "This appointment was cancelled."),
    "wrong_day": QT_TRANSLATE_NOOP(
        "Messages", "This appointment is for another day. Please come on the day you booked."
    ),
    "wrong_day_on": QT_TRANSLATE_NOOP(  # the day booked, as 25.11
        "Messages", "This appointment is for {date}. Please come on that day."
    ),
    "service_suspended": QT_TRANSLATE_NOOP(
        "Messages",
        "This service is not available today. A consultant at the entrance will help you.",
    ),
    "service_closed": QT_TRANSLATE_NOOP(
        "Messages", "This service is not provided at this time. It is available from {time}."
    ),
    "issuing_ended": QT_TRANSLATE_NOOP(
        "Messages",
        "Tickets for this service are no longer issued today, so that everyone already "
        "waiting is served. It is available again from {time}.",
    ),
    "daily_limit_reached": QT_TRANSLATE_NOOP(
        "Messages",
        "All of today's tickets for this service have been given out. It is available again "
        "from {time}.",
    ),
    "unreachable": QT_TRANSLATE_NOOP(
        "Messages",
        "The kiosk cannot reach the hall server right now. Please try again in a moment.",
    ),
    # the hall server's database has gone quiet: nothing was issued, it may be back at once
    "unavailable": QT_TRANSLATE_NOOP(
        "Messages",
        "The hall server cannot issue tickets right now. Please try again in a moment.",
    ),
    # its token was revoked: another kiosk was paired in its place, or it was removed
    "unauthorized": QT_TRANSLATE_NOOP(
        "Messages",
        "This kiosk no longer issues tickets: a consultant at the entrance will give you one. "
        "Staff: pair it again.",
    ),
}
# the same two, short enough for the service's page, beside "Take a ticket"
STOPPED = {
    "closed_today": QT_TRANSLATE_NOOP(
        "Messages", "This service is not provided today. Again from {time}."
    ),
    "issuing_ended": QT_TRANSLATE_NOOP(
        "Messages", "Today's tickets for this service have ended. Again from {time}."
    ),
    "daily_limit_reached": QT_TRANSLATE_NOOP(
        "Messages", "Today's tickets for this service have run out. Again from {time}."
    ),
}
DEFAULT_NOTICE = QT_TRANSLATE_NOOP(
    "Messages", "The ticket could not be issued. A consultant at the entrance will help you."
)
ENTRY_PROBLEMS = {
    "length": QT_TRANSLATE_NOOP(
        "Messages", "An IIN has exactly 12 digits. Please check the number on your ID card."
    ),
    "century": QT_TRANSLATE_NOOP(
        "Messages",
        "The seventh digit of an IIN is from 1 to 6. Please check the number on your ID card.",
    ),
    "date": QT_TRANSLATE_NOOP(
        "Messages",
        "The first six digits of an IIN are a date of birth, and these are not a real date. "
        "Please check them.",
    ),
    "checksum": QT_TRANSLATE_NOOP(
        "Messages",
        "One digit seems to be mistyped. Please compare the number with your ID card "
        "and try again.",
    ),
    "code_length": QT_TRANSLATE_NOOP(
        "Messages", "A booking code has 6 letters and digits, as in your confirmation."
    ),
}
PRINTER_PROBLEMS = {
    "paper_out": QT_TRANSLATE_NOOP(
        "Messages", "The printer is out of paper, so your ticket was not printed."
    ),
    "cover_open": QT_TRANSLATE_NOOP(
        "Messages", "The printer's cover is open, so your ticket was not printed."
    ),
}
PRINTER_OTHER = QT_TRANSLATE_NOOP(
    "Messages", "The printer is not working, so your ticket was not printed."
)
PRINTER_ADVICE = QT_TRANSLATE_NOOP(
    "Messages",
    "Your place in the queue is kept. Remember your number or photograph the QR code. "
    "Staff have been told.",
)
PRIORITY_NAMES = {
    "disabled": QT_TRANSLATE_NOOP("Messages", "Visitor with a disability"),
    "elderly": QT_TRANSLATE_NOOP("Messages", "Elderly visitor"),
    "pregnant": QT_TRANSLATE_NOOP("Messages", "Pregnant woman"),
    "veteran": QT_TRANSLATE_NOOP("Messages", "Veteran"),
}


def tr(source: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Messages", …) in the installed language."""
    return QCoreApplication.translate("Messages", str(source))


def when(at: datetime | None, now: datetime | None = None) -> str:
    """A time the visitor understands: 09:00, or 24.11 09:00 when it is not today."""
    if at is None:
        return ""
    if now is not None and at.date() != now.date():
        return f"{at:%d.%m} {at:%H:%M}"
    return f"{at:%H:%M}"


def with_time(text: str, at: datetime | None, now: datetime | None = None) -> str:
    """`text` with `at` put in: {time} as `when` writes it; the Kazakh translations' {time_from},
    {time_to} and {time_at} ("09:00-ден бастап", "13:30-ға дейін", "сағат 09:00-де ашылады")
    with the case ending Kazakh adds after the time, which a translation cannot build. Without
    a time, the sentence that would name it is left out."""
    if (
        at is None and "{time" in text
    ):  # no time to say (no hours kept, none ahead): the sentence naming it goes
        kept = [s for s in re.split(r"(?<=[.!?])\s+", text) if "{time" not in s]
        return " ".join(kept)
    shown = when(at, now)
    if at is None or "{time_" not in text:
        return text.replace("{time}", shown)
    day = shown.removesuffix(f"{at:%H:%M}")  # "24.11 " when not today
    return (
        text.replace("{time}", shown)
        .replace("{time_from}", day + kazakh.clock(at, "from"))
        .replace("{time_to}", day + kazakh.clock(at, "to"))
        .replace(
            "{time_at}", (day.strip() + " күні " if day else "") + "сағат " + kazakh.clock(at, "at")
        )
    )


def notice_text(code: str, at: datetime | None, now: datetime | None = None) -> str:
    if code == "wrong_day" and at is not None:  # the day booked (an older server: none)
        return tr(NOTICES["wrong_day_on"]).replace("{date}", f"{at:%d.%m}")
    return with_time(tr(NOTICES.get(code, DEFAULT_NOTICE)), at, now)


def stopped_text(code: str, at: datetime | None, now: datetime | None = None) -> str:
    return with_time(tr(STOPPED.get(code, DEFAULT_NOTICE)), at, now)


def printer_text(code: str) -> str:
    return tr(PRINTER_PROBLEMS.get(code, PRINTER_OTHER)) + " " + tr(PRINTER_ADVICE)


def minutes(seconds: int) -> int:
    return wait_minutes(seconds)
