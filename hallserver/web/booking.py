"""Booking a visit from a phone: service, day, free slot, a code to show at the kiosk; cancel."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import math
import secrets
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from time import monotonic
from typing import TypeVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from hallserver.access import Actor, Role
from hallserver.domain.bookings import Booking, BookingState
from hallserver.domain.catalogue import Service
from hallserver.domain.errors import HallError, InvalidInput, NotFound, TooMany
from hallserver.domain.hall import BOOKING_AHEAD_DAYS, Hall
from hallserver.domain.ids import JsonObject, Lang
from hallserver.iin import iin_problem, tidy_iin
from hallserver.service import HallService
from hallserver.web.bodies import form_of
from hallserver.web.pages import Words, html_page, lang_links, lang_of, status_of, word
from hallserver.web.sessions import hall_of

BOOKING_DAYS = 14  # how far ahead the page offers days
CITIZEN = Actor(Role.PUBLIC, "booking-page")  # the log's actor for the public's bookings

WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "kk": ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"),
    "ru": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

FORM_LIMIT = 4096  # a booking form is a few short fields
LIMIT_WINDOW_S = 3600.0
R = TypeVar("R")
WRONG_CODES_PER_HOUR = 20  # wrong booking codes from one address, then 429 for the hour

WORDS: Words = {
    "title": {"kk": "Қабылдауға жазылу", "ru": "Запись на приём", "en": "Book a visit"},
    "service": {"kk": "Қызмет", "ru": "Услуга", "en": "Service"},
    "day": {"kk": "Күн", "ru": "День", "en": "Day"},
    "slot": {"kk": "Уақыт", "ru": "Время", "en": "Time"},
    "iin": {"kk": "ЖСН (12 цифр)", "ru": "ИИН (12 цифр)", "en": "IIN (12 digits)"},
    "book": {"kk": "Жазылу", "ru": "Записаться", "en": "Book"},
    "choose": {"kk": "Қызметті таңдаңыз", "ru": "Выберите услугу", "en": "Choose a service"},
    "no_slots": {
        "kk": "Бұл күні бос уақыт жоқ",
        "ru": "На этот день свободного времени нет",
        "en": "No free time on this day",
    },
    "full": {"kk": "бос орын жоқ", "ru": "мест нет", "en": "full"},
    "free": {"kk": "бос", "ru": "свободно", "en": "free"},
    "booked": {"kk": "Сіз жазылдыңыз", "ru": "Вы записаны", "en": "You are booked"},
    "your_code": {"kk": "Жазылу коды", "ru": "Код записи", "en": "Booking code"},
    "show_code": {  # {m}: the hall's appointment_early_min
        "kk": "Келгенде осы кодты терминалға енгізіңіз. "
        "Жазылуыңызды уақытынан {m} минут бұрын, зал ашық кезде растай аласыз.",
        "ru": "Когда придёте, введите этот код на терминале. "
        "Отметиться можно за {m} минут до времени записи, когда зал открыт.",
        "en": "When you come, enter this code at the kiosk. You can check in from {m} minutes "
        "before your time, while the hall is open.",
    },
    "cancel_title": {
        "kk": "Жазылудан бас тарту",
        "ru": "Отменить запись",
        "en": "Cancel a booking",
    },
    "code": {"kk": "Код", "ru": "Код", "en": "Code"},
    "cancel": {"kk": "Бас тарту", "ru": "Отменить", "en": "Cancel"},
    "show_times": {
        "kk": "Бос уақытты көрсету",
        "ru": "Показать свободное время",
        "en": "Show free times",
    },
    "cancelled": {
        "kk": "Жазылу жойылды",
        "ru": "Запись отменена",
        "en": "The booking is cancelled",
    },
    "rule": {
        "kk": "Бір ЖСН-мен 10 күн ішінде бір рет қана жазылуға болады.",
        "ru": "Один ИИН может иметь только одну запись в течение 10 дней.",
        "en": "One IIN may hold only one booking in any 10 days.",
    },
    "err_slot_full": {
        "kk": "Бұл уақыт толып қалды: басқасын таңдаңыз",
        "ru": "Это время уже занято: выберите другое",
        "en": "This time is now full: choose another",
    },
    "err_iin_has_booking": {
        "kk": "Бұл ЖСН-мен 10 күн ішінде жазылу бар",
        "ru": "На этот ИИН уже есть запись в течение 10 дней",
        "en": "This IIN already has a booking within 10 days",
    },
    "err_bad_iin": {
        "kk": "ЖСН қате: 12 цифрды тексеріңіз",
        "ru": "Неверный ИИН: проверьте 12 цифр",
        "en": "This IIN is not valid: check the 12 digits",
    },
    "err_booking_not_found": {
        "kk": "Мұндай код табылмады",
        "ru": "Запись с таким кодом не найдена",
        "en": "No booking with this code",
    },
    "err_not_booked": {  # checked in: the visitor is here with a ticket
        "kk": "Бұл жазылуды енді жою мүмкін емес",
        "ru": "Эту запись уже нельзя отменить",
        "en": "This booking can no longer be cancelled",
    },
    "err_already_cancelled": {
        "kk": "Бұл жазылу бұрын жойылған",
        "ru": "Эта запись уже отменена",
        "en": "This booking is cancelled already",
    },
    "err_booking_past": {
        "kk": "Бұл жазылудың күні өтіп кетті: оны жоюдың қажеті жоқ",
        "ru": "День этой записи уже прошёл: отменять её не нужно",
        "en": "This booking's day has passed: there is nothing to cancel",
    },
    "err_slot_past": {  # the page was left open until the time had gone
        "kk": "Бұл уақыт өтіп кетті: кейінгі уақытты таңдаңыз",
        "ru": "Это время уже прошло: выберите более позднее",
        "en": "This time has passed: choose a later one",
    },
    "err_slot_closed": {
        "kk": "Бұл уақытта орталық бұл қызметті көрсетпейді: басқа уақытты таңдаңыз",
        "ru": "В это время центр не оказывает эту услугу: выберите другое время",
        "en": "The centre does not offer this service then: choose another time",
    },
    "err_slot_too_far": {
        "kk": "Тым алыс күн: жақынырақ күнді таңдаңыз",
        "ru": "Слишком далёкая дата: выберите день поближе",
        "en": "That day is too far ahead: choose a nearer one",
    },
    "err_slot_not_on_hour": {
        "kk": "Тізімдегі уақыттардың бірін таңдаңыз",
        "ru": "Выберите время из списка",
        "en": "Choose one of the times in the list",
    },
    "err_service_not_found": {
        "kk": "Қызметті тізімнен таңдаңыз",
        "ru": "Выберите услугу из списка",
        "en": "Choose a service from the list",
    },
    "err_service_suspended": {
        "kk": "Бұл қызмет бүгін көрсетілмейді: басқа күнді таңдаңыз",
        "ru": "Сегодня эта услуга не оказывается: выберите другой день",
        "en": "This service is not provided today: choose another day",
    },
    "err_bad_field": {
        "kk": "Тізімдегі күн мен уақытты таңдаңыз",
        "ru": "Выберите день и время из списка",
        "en": "Choose a day and a time from the list",
    },
    "bring": {"kk": "Өзіңізбен алып келіңіз", "ru": "Что взять с собой", "en": "What to bring"},
    "cost": {"kk": "Құны: {fee}", "ru": "Стоимость: {fee}", "en": "Cost: {fee}"},
    "takes": {
        "kk": "Терезеде шамамен {n} мин уақыт алады.",
        "ru": "У окна это занимает около {n} мин.",
        "en": "At the counter it takes about {n} min.",
    },
    "err_too_many_bookings": {
        "kk": "Осы желіден бір сағатта тым көп жазылу жасалды: кейінірек қайталаңыз "
        "немесе орталыққа қоңырау шалыңыз",
        "ru": "С этого подключения за час сделано слишком много записей: попробуйте позже "
        "или позвоните в центр",
        "en": "Too many bookings from this connection in the last hour: try again later, "
        "or call the centre",
    },
    "err_too_many_wrong_codes": {
        "kk": "Осы желіден бір сағатта тым көп қате код жіберілді: кейінірек қайталаңыз "
        "немесе орталыққа қоңырау шалыңыз",
        "ru": "С этого подключения за час введено слишком много неверных кодов: попробуйте "
        "позже или позвоните в центр",
        "en": "Too many wrong codes from this connection in the last hour: try again later, "
        "or call the centre",
    },
    "err_other": {
        "kk": "Жазылу мүмкін болмады: қайта көріңіз",
        "ru": "Не получилось: попробуйте ещё раз",
        "en": "That did not work: please try again",
    },
}


class BookingLimit:
    """How many bookings the public made from each address in the last hour.

    An IIN's checksum is public, so a script with made-up IINs passes the one-booking-per-IIN
    rule; this keeps it from taking a day's slots. Staff and the hall's own terminals book
    with a token and are not counted. The count lives in memory: a restart forgets it.
    """

    def __init__(
        self,
        per_hour: int,
        clock: Callable[[], float] = monotonic,
        *,
        what: str = "bookings",
        code: str = "too_many_bookings",
        advice: str = "or ask the hall to book by phone",
    ) -> None:
        self.per_hour = per_hour
        self._clock = clock
        self._what, self._code, self._advice = what, code, advice
        self._taken: dict[str, deque[float]] = {}
        self._pruned = float("-inf")

    def take(self, address: str) -> float:
        """Count a booking from `address` before it is made (so that bookings sent together
        are counted together); `give_back` if it was refused. Raises TooMany at the limit."""
        now = self._clock()
        if not self.per_hour:
            return now  # no limit: nothing to count
        if len(self._taken) > 10_000 and now - self._pruned > 60:  # a crowd of addresses
            self._taken = {a: t for a, t in self._taken.items() if self._recent(t, now)}
            self._pruned = now
        taken = self._taken.setdefault(address, deque())
        self._recent(taken, now)
        if len(taken) >= self.per_hour:
            wait_min = max(1, math.ceil((taken[0] + LIMIT_WINDOW_S - now) / 60))
            raise TooMany(
                f"{len(taken)} {self._what} from this address in the last hour; "
                f"try again in {wait_min} min, {self._advice}",
                code=self._code,
            )
        taken.append(now)
        return now

    def give_back(self, address: str, at: float) -> None:
        taken = self._taken.get(address)
        if taken is not None and at in taken:
            taken.remove(at)

    @staticmethod
    def _recent(taken: deque[float], now: float) -> bool:
        while taken and taken[0] <= now - LIMIT_WINDOW_S:
            taken.popleft()
        return bool(taken)


def client_key(request: Request) -> str:
    """Whom a limit counts: the caller's address, or an IPv6 address's /64 (one home or phone
    is given a whole /64, and could take a new address for every try)."""
    host = request.client.host if request.client else "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return host


def limit_of(request: Request) -> BookingLimit:
    limit: BookingLimit = request.app.state.booking_limit  # made with the app
    return limit


def wrong_codes() -> BookingLimit:
    """Wrong booking codes the public sent from each address in the last hour. Six letters of
    26 are 309 million codes, but with 500 bookings ahead one in 600,000 guesses cancels
    somebody's visit: at a thousand a second, one every ten minutes, without this."""
    return BookingLimit(
        WRONG_CODES_PER_HOUR,
        what="wrong booking codes",
        code="too_many_wrong_codes",
        advice="or ask the hall",
    )


async def by_code(request: Request, code: str, use: Callable[[str], Awaitable[R]]) -> R:
    """`use(code)` for the public: a wrong code is counted against the caller's address (a
    right one is not), and past `WRONG_CODES_PER_HOUR` every code is refused for the hour."""
    guesses: BookingLimit = request.app.state.wrong_codes
    address = client_key(request)
    at = guesses.take(address)
    try:
        result = await use(code)
    except NotFound:
        raise  # a wrong code stays counted
    except BaseException:
        guesses.give_back(address, at)
        raise
    guesses.give_back(address, at)
    return result


def show_code(hall: HallService, lang: Lang) -> str:
    """What to do with the code, with how early this hall lets a booking check in."""
    return word(WORDS, "show_code", lang).replace("{m}", str(hall.catalogue.appointment_early_min))


def free_slots(hall: Hall, service_id: str, day: date, now: datetime) -> list[JsonObject]:
    """The hourly slots of a day when the hall serves the service, with places left."""
    service = hall.service(service_id)
    if service.id in hall.state.suspended and day == hall.state.day:
        return []  # not provided today (Hall.book refuses it too)
    hours = hall.catalogue.service_hours(service)
    taken: dict[datetime, int] = {}
    for booking in hall.bookings.values():
        if booking.service == service.id and booking.state is not BookingState.CANCELLED:
            taken[booking.slot_at] = taken.get(booking.slot_at, 0) + 1
    slots: list[JsonObject] = []
    horizon = now + timedelta(days=BOOKING_AHEAD_DAYS)  # as far as Hall.book takes one
    for hour in range(24):
        slot = datetime.combine(day, time(hour), tzinfo=now.tzinfo)
        if not now < slot <= horizon:
            continue
        if not hours.is_open(slot) or not hall.catalogue.hours.is_open(slot):
            continue
        free = max(service.slot_capacity - taken.get(slot, 0), 0)
        slots.append({"at": slot.isoformat(), "free": free, "capacity": service.slot_capacity})
    return slots


def _day(text: str | None, today: date) -> date:
    if not text:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("day must be a date like 2026-11-24", code="bad_field") from None


async def get_slots(request: Request) -> Response:
    hall = hall_of(request)
    now = hall.now()
    day = _day(request.query_params.get("day"), now.date())
    service_id = request.path_params["service_id"]
    slots = free_slots(hall.hall, service_id, day, now)
    return JSONResponse({"service_id": service_id, "day": day.isoformat(), "slots": slots})


def day_label(day: date, lang: Lang) -> str:
    return f"{WEEKDAYS[lang][day.weekday()]}, {day:%d.%m}"


def booking_code() -> str:
    """Six characters a visitor types at the kiosk, without look-alikes (0/O, 1/I, 5/S, …)."""
    alphabet = "ACDEFGHJKLMNPQRTUVWXY34679"
    return "".join(secrets.choice(alphabet) for _ in range(6))


async def book_visit(
    request: Request,
    service_id: str,
    slot_text: str,
    iin: str | None,
    by: Actor = CITIZEN,
    *,
    counted: bool = True,
) -> Booking:
    """Book a slot for a citizen: the page's form and POST /api/v1/bookings (`by` staff
    booking by phone, whom the log names). A booking `counted` goes against the caller's
    address's BookingLimit."""
    hall = hall_of(request)
    iin = tidy_iin(iin) if iin is not None else None  # typed in groups: 900101 300007
    if iin is not None and (problem := iin_problem(iin)) is not None:
        raise InvalidInput(f"this IIN is not valid ({problem})", code=f"bad_iin_{problem}")
    try:
        slot = datetime.fromisoformat(slot_text)
        slot = slot.replace(tzinfo=hall.tz) if slot.tzinfo is None else slot.astimezone(hall.tz)
    except (ValueError, OverflowError):  # OverflowError: 9999-12-31 moved into the hall's zone
        raise InvalidInput("slot_at must be an ISO date and time", code="bad_field") from None
    code = booking_code()
    if not counted:
        return await hall.run(by, lambda h, now: h.book(service_id, slot, code, now, iin=iin))
    limit = limit_of(request)
    address = client_key(request)
    at = limit.take(address)
    try:
        return await hall.run(by, lambda h, now: h.book(service_id, slot, code, now, iin=iin))
    except BaseException:
        limit.give_back(address, at)  # refused: no slot was taken
        raise


async def cancel_visit(hall: HallService, code: str, by: Actor = CITIZEN) -> Booking:
    """Cancel a booking by its code (no sign-in: the code is the proof); `by` staff or a
    terminal cancelling with its token, whom the log names."""
    return await hall.run(by, lambda h, now: h.cancel_booking(code, now))


@dataclass(frozen=True)
class Outcome:
    """What the last form did, shown on the page that answers it (the page without script)."""

    booked: Booking | None = None
    book_error: str = ""
    cancel_text: str = ""
    cancel_failed: bool = False


def problem_text(error: HallError, lang: Lang) -> str:
    """A refusal in the visitor's words (as book.js says it)."""
    key = "err_bad_iin" if error.code.startswith("bad_iin") else f"err_{error.code}"
    return WORDS[key if key in WORDS else "err_other"][lang]


# signs the address a booking form leads to: its page shows the code even to an address that
# has used up its wrong guesses (many phones share one behind a mobile network's NAT)
_REDIRECT_KEY = secrets.token_bytes(32)


def _tag(code: str) -> str:
    return hmac.new(_REDIRECT_KEY, code.encode(), hashlib.sha256).hexdigest()[:32]


async def booking_page(request: Request) -> Response:
    query = request.query_params
    service_id, day_text = query.get("service", ""), query.get("day", "")
    if code := query.get("booked", "").strip().upper():  # the page a booking form led to
        hall = hall_of(request)

        async def find(c: str) -> Booking:
            return hall.hall.booking(c)

        try:  # a wrong code is a guess, counted as at cancelling; the form's own is not
            signed = hmac.compare_digest(query.get("t", ""), _tag(code))
            booking = await find(code) if signed else await by_code(request, code, find)
        except HallError as error:
            outcome = Outcome(book_error=problem_text(error, lang_of(request)))
            return render(request, service_id, day_text, outcome, status=status_of(error))
        if booking.state is BookingState.BOOKED:
            return render(request, booking.service, day_text, Outcome(booked=booking))
    return render(request, service_id, day_text)


async def book_form(request: Request) -> Response:
    """The booking form sent without script: book, then answer with the code or the reason."""
    lang = lang_of(request)
    try:
        form = await form_of(request, FORM_LIMIT)
    except HallError as error:
        outcome = Outcome(book_error=problem_text(error, lang))
        return render(request, "", "", outcome, status=status_of(error))
    service_id, day_text = form.get("service", ""), form.get("day", "")
    slot, iin = form.get("slot", ""), form.get("iin", "").strip()
    # what the visitor typed and chose comes back with the answer
    if form.get("show"):  # "show free times" for the chosen service and day
        return render(request, service_id, day_text, iin=iin, slot=slot)
    if not service_id or not slot:
        words = f"{WORDS['choose'][lang]} · {WORDS['slot'][lang]}"
        outcome = Outcome(book_error=words)
        return render(request, service_id, day_text, outcome, status=422, iin=iin, slot=slot)
    try:
        booking = await book_visit(request, service_id, slot, iin)
    except HallError as error:
        outcome = Outcome(book_error=problem_text(error, lang))
        status = status_of(error)
        return render(request, service_id, day_text, outcome, status=status, iin=iin, slot=slot)
    # answered from its own address: a reload shows the booking again, it does not book twice
    # (the second was refused "one booking in 10 days", and the code was gone)
    where = urlencode({"lang": lang, "booked": booking.code, "t": _tag(booking.code)})
    return RedirectResponse(f"/book?{where}", status_code=303)


async def cancel_form(request: Request) -> Response:
    hall, lang = hall_of(request), lang_of(request)
    try:
        code = (await form_of(request, FORM_LIMIT)).get("code", "").strip().upper()
        await by_code(request, code, lambda c: cancel_visit(hall, c))
    except HallError as error:
        outcome = Outcome(cancel_text=problem_text(error, lang), cancel_failed=True)
        return render(request, "", "", outcome, status=status_of(error))
    return render(request, "", "", Outcome(cancel_text=WORDS["cancelled"][lang]))


def render(
    request: Request,
    service_id: str,
    day_text: str,
    outcome: Outcome | None = None,
    *,
    status: int = 200,
    iin: str = "",
    slot: str = "",
) -> Response:
    """The booking page. Its forms work without script (the server answers each one); with
    script, book.js loads the times as the service or day changes and books in place."""
    hall = hall_of(request)
    lang = lang_of(request)
    outcome = outcome or Outcome()
    now = hall.now()
    services = {s.id for s in hall.catalogue.services}
    chosen = service_id if service_id in services else ""
    groups = []
    for group in hall.catalogue.groups:
        options = "".join(
            f'<option value="{escape(s.id)}"{" selected" if s.id == chosen else ""}>'
            f"{escape(s.name.get(lang))}</option>"
            for s in hall.catalogue.services
            if s.group == group.id
        )
        if options:
            groups.append(f'<optgroup label="{escape(group.name.get(lang))}">{options}</optgroup>')
    days = [
        d
        for d in (now.date() + timedelta(days=n) for n in range(BOOKING_DAYS))
        if hall.catalogue.hours.on(d) is not None  # not a weekday off, nor a holiday
    ]
    day = next((d for d in days if d.isoformat() == day_text), days[0] if days else now.date())
    day_options = "".join(
        f'<option value="{d.isoformat()}"{" selected" if d == day else ""}>'
        f"{escape(day_label(d, lang))}</option>"
        for d in days
    )
    slots = _slots_html(free_slots(hall.hall, chosen, day, now), lang, slot) if chosen else ""
    words = {key: WORDS[key][lang] for key in WORDS}
    words["show_code"] = show_code(hall, lang)
    words_json = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    # the chosen service in full (a phone's closed select cuts its name), with what to bring;
    # book.js swaps these in as the choice changes
    about: dict[str, str] = {s.id: _about_html(s, lang) for s in hall.catalogue.services}
    about_json = json.dumps(about, ensure_ascii=False).replace("</", "<\\/")
    here = f"/book?lang={lang}"
    booked = outcome.booked
    done = ""
    if booked is not None:
        name = hall.hall.service(booked.service).name.get(lang)
        at = booked.slot_at.astimezone(hall.tz)
        done = (
            f"<h2>{word(WORDS, 'booked', lang)}</h2><p>{escape(name)}<br>"
            f"{escape(day_label(at.date(), lang))}, {at:%H:%M}</p>"
            f"<p>{word(WORDS, 'your_code', lang)}:</p>"
            f'<p class="code" id="booking-code">{escape(booked.code)}</p>'
            f"<p>{show_code(hall, lang)}</p>"
            f'<div class="about">{_about_html(hall.hall.service(booked.service), lang, name=False)}'
            "</div>"
        )
    error = escape(outcome.book_error)
    cancelled = escape(outcome.cancel_text)
    body = (
        f'<main class="narrow"><h1>{word(WORDS, "title", lang)}</h1>'
        f'<form id="book" class="card" method="post" action="{here}" novalidate'
        f"{' hidden' if booked else ''}>"
        f'<label>{word(WORDS, "service", lang)}<select name="service" required>'
        f'<option value="">{word(WORDS, "choose", lang)}</option>{"".join(groups)}</select></label>'
        f'<section id="about" class="about"{"" if chosen else " hidden"}>'
        f"{about.get(chosen, '')}</section>"
        f'<label>{word(WORDS, "day", lang)}<select name="day">{day_options}</select></label>'
        # without script: the times come back from the server (a POST: an IIN already typed
        # must not end up in an address). The unseen first button makes Enter book, not show.
        '<noscript><button type="submit" tabindex="-1" aria-hidden="true" '
        'style="position:absolute;left:-10000px">'
        f"{word(WORDS, 'book', lang)}</button>"
        '<button type="submit" name="show" value="1" id="show-times">'
        f"{word(WORDS, 'show_times', lang)}</button></noscript>"
        '<fieldset id="slots" class="slots">'
        f"<legend>{word(WORDS, 'slot', lang)}</legend>{slots}</fieldset>"
        f'<label>{word(WORDS, "iin", lang)}<input name="iin" inputmode="numeric" '
        f'value="{escape(iin[:40])}" pattern="[0-9 \\-]{{12,16}}" maxlength="16" '
        'autocomplete="off" required></label>'
        f'<p class="muted">{word(WORDS, "rule", lang)}</p>'
        f'<p id="book-error" class="error" role="alert"{"" if error else " hidden"}>{error}</p>'
        f'<button type="submit" class="primary">{word(WORDS, "book", lang)}</button></form>'
        f'<section id="done" class="done" aria-live="polite"{"" if done else " hidden"}>'
        f"{done}</section>"
        f"<h2>{word(WORDS, 'cancel_title', lang)}</h2>"
        f'<form id="cancel" class="card" method="post" action="/book/cancel?lang={lang}">'
        f'<label>{word(WORDS, "code", lang)}<input name="code" maxlength="16" '
        'autocapitalize="characters" autocomplete="off" required></label>'
        f'<p id="cancel-result" class="{"error" if outcome.cancel_failed else "done"}"'
        f"{'' if cancelled else ' hidden'}>{cancelled}</p>"
        f'<button type="submit">{word(WORDS, "cancel", lang)}</button></form>'
        f"{lang_links(lang, path='/book')}</main>"
        '<script id="words" type="application/json">'
        f"{words_json}</script>"
        f'<script id="services" type="application/json">{about_json}</script>'
    )
    return html_page(
        WORDS["title"][lang],
        body,
        lang,
        status=status,
        styles=("site.css", "book.css"),
        scripts=("book.js",),
        remember_lang=True,
    )


def _about_html(service: Service, lang: Lang, *, name: bool = True) -> str:
    """A service's full name, the documents to bring, its fee and how long it takes."""
    documents = "".join(f"<li>{escape(d.get(lang))}</li>" for d in service.documents)
    out = [f"<h2>{escape(service.name.get(lang))}</h2>"] if name else []
    if documents:
        out.append(f"<h3>{word(WORDS, 'bring', lang)}</h3><ul>{documents}</ul>")
    if service.fee is not None:
        out.append(f"<p>{escape(WORDS['cost'][lang].format(fee=service.fee.get(lang)))}</p>")
    out.append(f"<p>{escape(WORDS['takes'][lang].format(n=service.duration_min))}</p>")
    return "".join(out)


def _slots_html(slots: list[JsonObject], lang: Lang, chosen: str = "") -> str:
    """The day's times as radio buttons: the same markup book.js makes, `chosen` checked."""
    if not any(int(str(s["free"])) > 0 for s in slots):
        return f'<p class="muted">{word(WORDS, "no_slots", lang)}</p>'
    out = []
    for slot in slots:
        free = int(str(slot["free"]))
        at = str(slot["at"])
        state = f"{free} {WORDS['free'][lang]}" if free else WORDS["full"][lang]
        out.append(
            f'<label class="slot{"" if free else " taken"}"><input type="radio" name="slot" '
            f'value="{escape(at)}"{"" if free else " disabled"}'
            f"{' checked' if free and at == chosen else ''}><span>{at[11:16]}</span>"
            f"<small>{escape(state)}</small></label>"
        )
    return "".join(out)


def routes() -> list[Route]:
    return [
        Route("/book", booking_page, methods=["GET"]),
        Route("/book", book_form, methods=["POST"]),
        Route("/book/cancel", cancel_form, methods=["POST"]),
    ]


def api_routes() -> list[Route]:
    """JSON routes under /api/v1 this package adds (described in the OpenAPI document)."""
    return [Route("/api/v1/services/{service_id}/slots", get_slots, methods=["GET"])]
