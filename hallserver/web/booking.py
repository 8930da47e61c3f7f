"""Booking a visit from a phone: service, day, free slot, a code to show at the kiosk; cancel."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from html import escape

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hallserver.domain.bookings import BookingState
from hallserver.domain.errors import InvalidInput
from hallserver.domain.hall import Hall
from hallserver.domain.ids import JsonObject, Lang
from hallserver.web.pages import Words, html_page, lang_links, lang_of, word
from hallserver.web.sessions import hall_of

BOOKING_DAYS = 14  # how far ahead the page offers days

WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "kk": ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"),
    "ru": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

WORDS: Words = {
    "title": {"kk": "Қабылдауға жазылу", "ru": "Запись на приём", "en": "Book a visit"},
    "service": {"kk": "Қызмет", "ru": "Услуга", "en": "Service"},
    "day": {"kk": "Күн", "ru": "День", "en": "Day"},
    "slot": {"kk": "Уақыт", "ru": "Время", "en": "Time"},
    "iin": {"kk": "ЖСН (12 сан)", "ru": "ИИН (12 цифр)", "en": "IIN (12 digits)"},
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
    "show_code": {
        "kk": "Келгенде осы кодты терминалға енгізіңіз. "
        "Уақытыңыздан 30 минут бұрын тіркеле аласыз.",
        "ru": "Придя, введите этот код в терминале. "
        "Отметиться можно за 30 минут до времени записи.",
        "en": "When you come, enter this code at the kiosk. You can check in from 30 minutes "
        "before your time.",
    },
    "cancel_title": {
        "kk": "Жазылудан бас тарту",
        "ru": "Отменить запись",
        "en": "Cancel a booking",
    },
    "code": {"kk": "Код", "ru": "Код", "en": "Code"},
    "cancel": {"kk": "Бас тарту", "ru": "Отменить", "en": "Cancel"},
    "cancelled": {
        "kk": "Жазылу жойылды",
        "ru": "Запись отменена",
        "en": "The booking is cancelled",
    },
    "rule": {
        "kk": "Бір ЖСН 10 күн ішінде бір рет қана жазыла алады.",
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
        "kk": "ЖСН қате: 12 санды тексеріңіз",
        "ru": "Неверный ИИН: проверьте 12 цифр",
        "en": "This IIN is not valid: check the 12 digits",
    },
    "err_booking_not_found": {
        "kk": "Мұндай код табылмады",
        "ru": "Запись с таким кодом не найдена",
        "en": "No booking with this code",
    },
    "err_not_booked": {
        "kk": "Бұл жазылуды енді жою мүмкін емес",
        "ru": "Эту запись уже нельзя отменить",
        "en": "This booking can no longer be cancelled",
    },
    "err_other": {
        "kk": "Жазылу мүмкін болмады: қайта көріңіз",
        "ru": "Не получилось: попробуйте ещё раз",
        "en": "That did not work: please try again",
    },
}


def free_slots(hall: Hall, service_id: str, day: date, now: datetime) -> list[JsonObject]:
    """The hourly slots of a day when the hall serves the service, with places left."""
    service = hall.service(service_id)
    hours = hall.catalogue.service_hours(service)
    taken: dict[datetime, int] = {}
    for booking in hall.bookings.values():
        if booking.service == service.id and booking.state is not BookingState.CANCELLED:
            taken[booking.slot_at] = taken.get(booking.slot_at, 0) + 1
    slots: list[JsonObject] = []
    for hour in range(24):
        slot = datetime.combine(day, time(hour), tzinfo=now.tzinfo)
        if slot <= now or not hours.is_open(slot) or not hall.catalogue.hours.is_open(slot):
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


async def booking_page(request: Request) -> Response:
    hall = hall_of(request)
    lang = lang_of(request)
    now = hall.now()
    groups = []
    for group in hall.catalogue.groups:
        options = "".join(
            f'<option value="{escape(s.id)}">{escape(s.name.get(lang))}</option>'
            for s in hall.catalogue.services
            if s.group == group.id
        )
        if options:
            groups.append(f'<optgroup label="{escape(group.name.get(lang))}">{options}</optgroup>')
    days = [now.date() + timedelta(days=n) for n in range(BOOKING_DAYS)]
    day_options = "".join(
        f'<option value="{d.isoformat()}">{escape(day_label(d, lang))}</option>'
        for d in days
        if d.weekday() in hall.catalogue.hours.days
    )
    words = {key: WORDS[key][lang] for key in WORDS}
    words_json = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    body = (
        f'<main class="narrow"><h1>{word(WORDS, "title", lang)}</h1>'
        '<form id="book" class="card" novalidate>'
        f'<label>{word(WORDS, "service", lang)}<select name="service" required>'
        f'<option value="">{word(WORDS, "choose", lang)}</option>{"".join(groups)}</select></label>'
        f'<label>{word(WORDS, "day", lang)}<select name="day">{day_options}</select></label>'
        '<fieldset id="slots" class="slots">'
        f"<legend>{word(WORDS, 'slot', lang)}</legend></fieldset>"
        f'<label>{word(WORDS, "iin", lang)}<input name="iin" inputmode="numeric" '
        'pattern="[0-9]{12}" maxlength="12" autocomplete="off" required></label>'
        f'<p class="muted">{word(WORDS, "rule", lang)}</p>'
        f'<p id="book-error" class="error" hidden></p>'
        f'<button type="submit" class="primary">{word(WORDS, "book", lang)}</button></form>'
        '<section id="done" class="done" hidden aria-live="polite"></section>'
        f"<h2>{word(WORDS, 'cancel_title', lang)}</h2>"
        '<form id="cancel" class="card">'
        f'<label>{word(WORDS, "code", lang)}<input name="code" maxlength="16" '
        'autocapitalize="characters" autocomplete="off" required></label>'
        '<p id="cancel-result" hidden></p>'
        f'<button type="submit">{word(WORDS, "cancel", lang)}</button></form>'
        f"{lang_links(lang)}</main>"
        '<script id="words" type="application/json">'
        f"{words_json}</script>"
    )
    return html_page(
        WORDS["title"][lang],
        body,
        lang,
        styles=("site.css", "book.css"),
        scripts=("book.js",),
        remember_lang=True,
    )


def routes() -> list[Route]:
    return [Route("/book", booking_page, methods=["GET"])]


def api_routes() -> list[Route]:
    """JSON routes under /api/v1 this package adds (described in the OpenAPI document)."""
    return [Route("/api/v1/services/{service_id}/slots", get_slots, methods=["GET"])]
