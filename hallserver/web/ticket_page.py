"""The ticket's own page, opened from the QR code: small, fast, in the visitor's language."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from hallserver.domain.errors import NotFound
from hallserver.domain.ids import LANGS, Lang
from hallserver.domain.tickets import TicketState
from hallserver.service import HallService

REFRESH_S = 15

WORDS: dict[str, dict[Lang, str]] = {
    "title": {"kk": "Талон", "ru": "Талон", "en": "Ticket"},
    "waiting": {"kk": "Кезекте", "ru": "В очереди", "en": "Waiting"},
    "ahead": {"kk": "Алдыңызда", "ru": "Перед вами", "en": "People ahead"},
    "wait": {"kk": "Шамамен күту", "ru": "Примерное ожидание", "en": "About"},
    "minutes": {"kk": "мин", "ru": "мин", "en": "min"},
    "called": {"kk": "Сізді шақырды", "ru": "Вас вызывают", "en": "You are called"},
    "go_to": {"kk": "терезеге барыңыз", "ru": "пройдите к окну", "en": "go to counter"},
    "serving": {"kk": "Қызмет көрсетілуде", "ru": "Вас обслуживают", "en": "Being served"},
    "finished": {
        "kk": "Қызмет көрсетілді. Рақмет!",
        "ru": "Обслужено. Спасибо!",
        "en": "Done. Thank you!",
    },
    "no_show": {"kk": "Сіз келмедіңіз", "ru": "Вы не подошли", "en": "You did not come"},
    "cancelled": {"kk": "Талон жойылды", "ru": "Талон отменён", "en": "Ticket cancelled"},
    "expired": {"kk": "Талонның мерзімі өтті", "ru": "Срок талона истёк", "en": "Ticket expired"},
    "updates": {
        "kk": "Бет өздігінен жаңарады",
        "ru": "Страница обновляется сама",
        "en": "This page updates by itself",
    },
    "missing": {"kk": "Талон табылмады", "ru": "Талон не найден", "en": "No such ticket"},
}

STYLE = (
    "body{font-family:sans-serif;margin:0;padding:1.2em;background:#fff;color:#111;"
    "text-align:center}.n{font-size:4.5em;font-weight:700;margin:.2em 0}"
    ".s{font-size:1.5em;margin:.4em 0}.big{font-size:2.2em;font-weight:700;color:#0b5}"
    "nav a{margin:0 .5em;color:#036}small{color:#444}"
)


def _lang(request: Request, default: Lang) -> Lang:
    asked = request.query_params.get("lang", default)
    for lang in LANGS:
        if lang == asked:
            return lang
    return default


async def ticket_page(request: Request) -> Response:
    hall: HallService = request.app.state.hall
    ticket_id = request.path_params["ticket_id"]
    try:
        ticket = hall.hall.ticket(ticket_id)
    except NotFound:
        lang = _lang(request, "kk")
        return _page(WORDS["missing"][lang], f"<p class=s>{WORDS['missing'][lang]}</p>", lang, 404)
    lang = _lang(request, ticket.language)
    service = hall.hall.services[ticket.service]
    body = [f"<p class=n>{escape(ticket.number)}</p>", f"<p>{escape(service.name.get(lang))}</p>"]
    if ticket.state is TicketState.WAITING:
        estimate = hall.hall.estimate_for(ticket, hall.now())
        minutes = max(1, round(estimate.estimated_wait_s / 60))
        body += [
            f"<p class=s>{WORDS['waiting'][lang]}</p>",
            f"<p class=s>{WORDS['ahead'][lang]}: <b>{estimate.people_ahead}</b></p>",
            f"<p class=s>{WORDS['wait'][lang]} <b>{minutes}</b> {WORDS['minutes'][lang]}</p>",
        ]
    elif ticket.state is TicketState.CALLED and ticket.counter:
        number = hall.hall.counters[ticket.counter].number
        body += [
            f"<p class=big>{WORDS['called'][lang]}</p>",
            f"<p class=big>{WORDS['go_to'][lang]} {number}</p>",
        ]
    else:
        body.append(f"<p class=s>{WORDS[ticket.state.value][lang]}</p>")
    links = " ".join(
        f'<a href="?lang={code}">{label}</a>'
        for code, label in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))
    )
    if ticket.state.is_open:
        body.append(f"<p><small>{WORDS['updates'][lang]}</small></p>")
    body.append(f"<nav>{links}</nav>")
    refresh = ticket.state.is_open
    return _page(f"{WORDS['title'][lang]} {ticket.number}", "".join(body), lang, 200, refresh)


def _page(title: str, body: str, lang: Lang, status: int, refresh: bool = False) -> Response:
    meta = f'<meta http-equiv="refresh" content="{REFRESH_S}">' if refresh else ""
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"{meta}<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
    return HTMLResponse(html, status_code=status)


def routes() -> list[Route]:
    return [Route("/t/{ticket_id}", ticket_page, methods=["GET"])]
