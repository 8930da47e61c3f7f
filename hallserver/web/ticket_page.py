"""The ticket's page behind the QR code: tiny, in the visitor's language, pushed every change."""

from __future__ import annotations

import json
from datetime import date, datetime
from html import escape
from urllib.parse import quote

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from hallserver.domain.counters import CounterState
from hallserver.domain.errors import NotFound
from hallserver.domain.ids import Lang
from hallserver.domain.tickets import Ticket, TicketState
from hallserver.service import HallService
from hallserver.web.live import push_views
from hallserver.web.pages import lang_links, lang_of

REFRESH_S = 30  # only for browsers without JavaScript; the others are pushed every change
LIVE_TICK_S = 30.0  # estimates move only with events; the tick just notices a new day
NEAR_AHEAD = 2  # this few ahead: "your turn is near", with a buzz (and a chime, if asked)
# the language a ticket's page was last shown in, kept for that page's address alone (a reload
# the next morning, when the hall no longer holds the ticket, or the QR code scanned again)
LANG_COOKIE = "kezek_ticket_lang"
LANG_KEPT_S = 7 * 86400  # a Friday's ticket reloaded on Monday says it is over in its language

WORDS: dict[str, dict[Lang, str]] = {
    "title": {"kk": "Талон", "ru": "Талон", "en": "Ticket"},
    "waiting": {"kk": "Кезекте", "ru": "В очереди", "en": "Waiting"},
    "ahead": {"kk": "Алдыңызда", "ru": "Перед вами", "en": "People ahead"},
    "wait": {"kk": "Шамамен күту", "ru": "Примерное ожидание", "en": "About"},
    "minutes": {"kk": "мин", "ru": "мин", "en": "min"},
    # as the kiosk and the paper say them: not "0 ahead", not "about 1 min" with nobody ahead
    "first": {
        "kk": "Алдыңызда ешкім жоқ",
        "ru": "Перед вами никого нет",
        "en": "You are first in line",
    },
    "soon": {
        "kk": "Сізді жақында шақырады",
        "ru": "Вас скоро вызовут",
        "en": "You will be called soon",
    },
    "unserved": {  # as the kiosk and the ticket say: no minutes before a counter opens
        "kk": "Бұл қызметке ашық терезе әзірге жоқ: терезе ашылғанда шақырыласыз",
        "ru": "Для этой услуги пока нет открытого окна: вас вызовут, когда оно откроется",
        "en": "No counter open for this service yet: you will be called when one opens",
    },
    "ended": {  # past closing with no counter left: none opens for them today
        "kk": "Бұл қызмет бүгін аяқталды: қызметкерге жүгініңіз",
        "ru": "Приём по этой услуге на сегодня окончен: обратитесь к сотруднику зала",
        "en": "This service has ended for today: please see a member of staff",
    },
    "appointment": {  # checked in early: due at its time, or called sooner by an idle counter
        "kk": "Сіз {t} уақытына жазылғансыз: сол уақытта, ал кезек болмаса ертерек шақырыласыз",
        "ru": "Вы записаны на {t}: вас вызовут к этому времени или раньше, если нет очереди",
        "en": "Your appointment is at {t}: you will be called then, or sooner if no one is waiting",
    },
    "called": {"kk": "Сізді шақырды", "ru": "Вас вызывают", "en": "It is your turn"},
    # U+2011, a hyphen no line breaks at: "12-терезеге" stays whole on a narrow phone
    "go_to": {
        "kk": "{n}\u2011терезеге барыңыз",
        "ru": "пройдите к окну\u00a0{n}",
        "en": "go to counter\u00a0{n}",
    },
    "serving": {"kk": "Қызмет көрсетілуде", "ru": "Вас обслуживают", "en": "Being served"},
    "finished": {
        "kk": "Қызмет көрсетілді. Рақмет!",
        "ru": "Обслужено. Спасибо!",
        "en": "Done. Thank you!",
    },
    "no_show": {"kk": "Сіз келмедіңіз", "ru": "Вы не подошли", "en": "You did not come"},
    "postponed": {
        "kk": "Оралғанда {n}\u2011терезеге келіңіз: оператор сізді қайта шақырады",
        "ru": "Когда вернётесь, подойдите к окну {n}: оператор вызовет вас снова",
        "en": "When you are back, come to counter {n}: the operator calls you again",
    },
    "back_to_counter": {
        "kk": "Бұдан кейін {n}\u2011терезеге қайтасыз",
        "ru": "После этого вернётесь к&nbsp;окну&nbsp;{n}",
        "en": "Afterwards, back to counter&nbsp;{n}",
    },
    "back_to_service": {
        "kk": "Бұдан кейін қайтасыз: {s}",
        "ru": "После этого вернётесь: {s}",
        "en": "Afterwards, back to: {s}",
    },
    "cancelled": {"kk": "Талон жойылды", "ru": "Талон отменён", "en": "Ticket cancelled"},
    "expired": {"kk": "Талонның мерзімі өтті", "ru": "Срок талона истёк", "en": "Ticket expired"},
    "updates": {
        "kk": "Бет өздігінен жаңарады",
        "ru": "Страница обновляется сама",
        "en": "This page updates by itself",
    },
    "missing": {"kk": "Талон табылмады", "ru": "Талон не найден", "en": "No such ticket"},
    "near": {
        "kk": "Кезегіңіз жақын: залдан алыс кетпеңіз",
        "ru": "Ваша очередь близко: не уходите из зала",
        "en": "Your turn is near: stay in the hall",
    },
    "sound": {
        "kk": "Дыбыспен хабарлау",
        "ru": "Сообщить звуком",
        "en": "Alert me with a sound",
    },
    "sound_on": {
        "kk": "Дыбыс қосулы: шақырғанда естисіз",
        "ru": "Звук включён: услышите вызов",
        "en": "Sound on: you will hear the call",
    },
}

STYLE = (
    "body{font-family:sans-serif;margin:0;padding:1.2em;background:#fff;color:#111;"
    "text-align:center;overflow-wrap:anywhere}.n{font-size:4.5em;font-weight:700;margin:.2em 0}"
    ".s{font-size:1.5em;margin:.4em 0}.big{font-size:2.2em;font-weight:700;color:#075}"
    ".called{background:#e6f7ee;border-radius:.5em;padding:.3em}.called .big+.big{font-size:1.7em}"
    "nav a{margin:0 .5em;color:#036;display:inline-flex;align-items:center;min-height:44px;"
    "padding:0 .3em}"
    "small{color:#444}"
    ".note{background:#fff4c2;border-radius:.5em;padding:.5em .7em;margin:1em 0;font-size:1.1em}"
    ".near{background:#e6f0fb;border-radius:.5em;padding:.4em .6em;font-size:1.3em;font-weight:700}"
    "#k{font-size:1.1em;min-height:2.75em;padding:.5em 1em;margin:.6em 0 1em;border-radius:.5em;"
    "border:2px solid #075;background:#fff;color:#075}#k[aria-pressed=true]{background:#e6f7ee}"
)

# Tiny on purpose (a cheap phone on mobile data): one socket, the server renders, we swap.
# A call buzzes; so does a turn that comes near, once. The tab's title follows (a phone's tab
# list shows it). A tap on #k lets the page chime too (browsers play sound, and Chrome
# vibrates, only after a tap on the page); a second tap turns the chime off.
SCRIPT = (
    "(function(){var b=document.getElementById('s'),k=document.getElementById('k'),"
    "u=(location.protocol=='https:'?'wss':'ws')+'://'+location.host+location.pathname+'/ws'"
    "+location.search,d=1e3,last='',call=null,near=false,ac=null,on=false;"
    "function buzz(p){if(navigator.vibrate)navigator.vibrate(p)}"
    "function chime(n){if(!on)return;var t=ac.currentTime;for(var i=0;i<n;i++){"
    "var o=ac.createOscillator(),g=ac.createGain(),s=t+i*.35;o.frequency.value=880;"
    "g.gain.setValueAtTime(.3,s);g.gain.exponentialRampToValueAtTime(.001,s+.3);o.connect(g);"
    "g.connect(ac.destination);o.start(s);o.stop(s+.3)}}"
    "if(k){var off=k.textContent;k.hidden=false;k.onclick=function(){"
    "var A=window.AudioContext||window.webkitAudioContext;if(!A)return;if(!ac)ac=new A();"
    "ac.resume();on=!on;k.setAttribute('aria-pressed',on?'true':'false');"
    "k.textContent=on?k.getAttribute('data-on'):off;chime(1)}}"
    "function go(){var w=new WebSocket(u);w.onmessage=function(e){var m=JSON.parse(e.data);"
    "b.innerHTML=m.html;d=1e3;if(m.title)document.title=m.title;"
    # a call, and each recall (its own time), alerts; the first message only shows
    "if(m.call&&m.call!=call&&last){buzz([300,100,300]);chime(3)}"
    "else if(m.near&&!near&&last){buzz(200);chime(1)}"
    # near once while waiting: a priority visitor pushing it back and forth buzzes no more
    "call=m.call;near=m.state=='waiting'?(near||m.near):false;last=m.state;"
    "if(!m.open){w.onclose=null;if(k)k.hidden=true}};"
    "w.onclose=function(){setTimeout(go,d);d=Math.min(d*2,3e4)}}go()})()"
)


def _lang(connection: HTTPConnection, ticket: Ticket | None) -> Lang:
    """The page's language (its socket's alike): ?lang= first, then the one this ticket's page
    was last shown in, then the ticket's own (chosen at the kiosk). A ticket the hall no longer
    holds (a day gone by, or none such): the one chosen on the other pages, or Kazakh."""
    own = ticket.language if ticket is not None else lang_of(connection)
    return lang_of(connection, own, cookie=LANG_COOKIE)


def status_html(hall: HallService, ticket: Ticket, lang: Lang) -> tuple[str, str, bool]:
    """The part of the page that changes (place in the queue, or where to go), the page's
    title to match, and whether the visitor's turn is near."""
    service = hall.hall.services[ticket.service]
    body = [f"<p class=n>{escape(ticket.number)}</p>", f"<p>{escape(service.name.get(lang))}</p>"]
    title = f"{WORDS['title'][lang]} {ticket.number}"
    near = False
    now = hall.now()
    due = ticket.appointment_at
    if (
        ticket.state is TicketState.WAITING
        and due is not None
        and now < due
        and not hall.hall.unserved(ticket.service)  # else: "called when a counter opens"
    ):
        at = f"{due.astimezone(now.tzinfo):%H:%M}"
        body += [
            f"<p class=s>{WORDS['waiting'][lang]}</p>",
            f"<p class=s>{WORDS['appointment'][lang].format(t=f'<b>{at}</b>')}</p>",
        ]
        title = f"{ticket.number} · {at}"
    elif ticket.state is TicketState.WAITING:
        estimate = hall.hall.estimate_for(ticket, now)
        minutes = max(1, round(estimate.estimated_wait_s / 60))
        # before opening, or with only a counter that helps out, it would say nothing true
        near = estimate.people_ahead <= NEAR_AHEAD and hall.hall.called_in_turn(ticket)
        if hall.hall.ended_today(ticket.service, now):  # no counter will open today
            wait = f"<p class=s role=alert>{WORDS['ended'][lang]}</p>"
            near = False
        elif hall.hall.unserved(ticket.service):
            wait = f"<p class=s>{WORDS['unserved'][lang]}</p>"
        elif estimate.estimated_wait_s < 60:
            wait = f"<p class=s>{WORDS['soon'][lang]}</p>"
        else:  # the number and its unit never part at a line's end
            unit = WORDS["minutes"][lang]
            wait = f"<p class=s>{WORDS['wait'][lang]} <b>{minutes}</b>&nbsp;{unit}</p>"
        body += [
            f"<p class=s>{WORDS['waiting'][lang]}</p>",
            f"<p class=s>{WORDS['ahead'][lang]}: <b>{estimate.people_ahead}</b></p>"
            if estimate.people_ahead
            else f"<p class=s>{WORDS['first'][lang]}</p>",
            wait,
        ]
        if near:
            body.append(f"<p class=near>{WORDS['near'][lang]}</p>")
        place = (
            f"{WORDS['ahead'][lang]}: {estimate.people_ahead}"
            if estimate.people_ahead
            else WORDS["first"][lang]  # not "People ahead: 0"
        )
        title = f"{ticket.number} · {place}"
    elif ticket.state is TicketState.CALLED and ticket.counter:
        number = hall.hall.counters[ticket.counter].number
        body += [
            '<div class=called role="alert">',
            f"<p class=big>{WORDS['called'][lang]}</p>",
            f"<p class=big>{WORDS['go_to'][lang].format(n=number)}</p></div>",
        ]
        title = f"{ticket.number} → {WORDS['go_to'][lang].format(n=number)}"
    elif ticket.state is TicketState.POSTPONED and ticket.counter:
        number = hall.hall.counters[ticket.counter].number
        body.append(f"<p class=s>{WORDS['postponed'][lang].format(n=number)}</p>")
        title = f"{ticket.number} → {WORDS['go_to'][lang].format(n=number)}"
    else:
        body.append(f"<p class=s>{WORDS[ticket.state.value][lang]}</p>")
    if ticket.state.is_open and ticket.return_service is not None:  # sent here "and back"
        body.append(f"<p class=s>{_back_to(hall, ticket, lang)}</p>")
    if ticket.state.is_open:
        if notice := hall.hall.state.announcement.get(lang):  # what the hall's screens say
            body.append(f'<p class=note role="note">{escape(notice)}</p>')
        body.append(f"<p><small>{WORDS['updates'][lang]}</small></p>")
    return "".join(body), title, near


def _back_to(hall: HallService, ticket: Ticket, lang: Lang) -> str:
    """Where the visitor goes once this service is done: their counter while it is open and
    serves them (as `Hall._send_back` decides), else any counter of their service."""
    counter = hall.hall.counters.get(ticket.return_counter) if ticket.return_counter else None
    open_there = counter is not None and counter.state is not CounterState.CLOSED
    if counter is not None and open_there and ticket.return_service in counter.profile:
        return WORDS["back_to_counter"][lang].format(n=counter.number)
    service = hall.hall.services.get(ticket.return_service) if ticket.return_service else None
    name = service.name.get(lang) if service is not None else str(ticket.return_service)
    return WORDS["back_to_service"][lang].format(s=escape(name))


def _find(hall: HallService, ticket_id: str) -> Ticket | None:
    try:
        return hall.hall.ticket(ticket_id)
    except NotFound:
        return None


def _of_a_past_day(hall: HallService, ticket_id: str) -> tuple[str, date] | None:
    """The number and day of a ticket id of a day before the hall's (`20261120-A092`): a QR
    code scanned again, a page reloaded the next morning."""
    day_text, _, number = ticket_id.partition("-")
    try:
        day = datetime.strptime(day_text, "%Y%m%d").date()
    except ValueError:
        return None
    if not number or len(number) > 12 or day >= hall.hall.state.day:
        return None
    return number, day


def _gone_html(number: str, day: date, lang: Lang) -> tuple[str, str]:
    """A past day's ticket: its number, and that it is over (the page and its title)."""
    expired = f"{WORDS['expired'][lang]} · {day:%d.%m}"
    html = f"<p class=big>{escape(number)}</p><p class=s>{expired}</p>"
    return html, f"{number} · {expired}"


async def ticket_page(request: Request) -> Response:
    hall: HallService = request.app.state.hall
    ticket_id = request.path_params["ticket_id"]
    ticket = _find(hall, ticket_id)
    lang = _lang(request, ticket)
    if ticket is None:
        if (past := _of_a_past_day(hall, ticket_id)) is not None:
            html, title = _gone_html(*past, lang)
            page = _page(title, f"<main id=s>{html}</main>" + lang_links(lang), lang, 410)
        else:
            missing = f"<p class=s>{WORDS['missing'][lang]}</p>" + lang_links(lang)
            page = _page(WORDS["missing"][lang], missing, lang, 404)
        return _kept(page, ticket_id, lang)
    html, title, _ = status_html(hall, ticket, lang)
    live = ticket.state.is_open
    sound = (  # shown by the script: without it there is nothing to chime
        f'<button type=button id=k hidden aria-pressed=false data-on="{WORDS["sound_on"][lang]}">'
        f"{WORDS['sound'][lang]}</button>"
        if live
        else ""
    )
    # the current language marked, as on the other pages
    body = f'<main id=s aria-live="polite">{html}</main>{sound}' + lang_links(lang)
    return _kept(_page(title, body, lang, 200, live=live), ticket_id, lang)


def _kept(page: Response, ticket_id: str, lang: Lang) -> Response:
    """`page`, keeping the language it is shown in for its address (and its socket's). Asked
    for again, it is made again: a browser keeps a 410 or 404 (Chromium showed a past day's page
    from its cache in the language it had before the choice)."""
    path = f"/t/{quote(ticket_id, safe='')}"
    page.headers["Cache-Control"] = "no-cache"
    page.set_cookie(
        LANG_COOKIE, lang, max_age=LANG_KEPT_S, path=path, httponly=True, samesite="lax"
    )
    return page


async def ticket_socket(websocket: WebSocket) -> None:
    """The ticket's status, rendered again after every event and sent when it changed."""
    hall: HallService = websocket.app.state.hall
    ticket_id = websocket.path_params["ticket_id"]
    await websocket.accept()
    lang = _lang(websocket, _find(hall, ticket_id))  # as the page it updates

    def current() -> Ticket | None:
        return _find(hall, ticket_id)

    def render() -> str:
        found = current()
        if found is None:  # a new day began: the hall holds today's tickets only
            past = _of_a_past_day(hall, ticket_id)
            if past is not None:
                html, title = _gone_html(*past, lang)
            else:
                html, title = f"<p class=s>{WORDS['expired'][lang]}</p>", WORDS["expired"][lang]
            state, is_open, near = "expired", False, False
        else:
            html, title, near = status_html(hall, found, lang)
            state, is_open = found.state.value, found.state.is_open
        # each call and recall has its own mark: the page alerts again at a recall
        called = (
            f"{found.called_at.isoformat()}#{found.times_called}"
            if found is not None and found.called_at is not None
            else None
        )
        view = {
            "html": html,
            "state": state,
            "open": is_open,
            "title": title,
            "near": near,
            "call": called if state == "called" else None,
        }
        return json.dumps(view, ensure_ascii=False)

    def done() -> bool:
        found = current()
        return found is None or not found.state.is_open

    await push_views(websocket, hall, render, tick_s=LIVE_TICK_S, done=done)


def _page(title: str, body: str, lang: Lang, status: int, live: bool = False) -> Response:
    fallback = (
        f'<noscript><meta http-equiv="refresh" content="{REFRESH_S}"></noscript>' if live else ""
    )
    script = f"<script>{SCRIPT}</script>" if live else ""
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"{fallback}<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}{script}</body></html>"
    )
    return HTMLResponse(html, status_code=status)


def routes() -> list[BaseRoute]:
    return [
        Route("/t/{ticket_id}", ticket_page, methods=["GET"]),
        WebSocketRoute("/t/{ticket_id}/ws", ticket_socket),
    ]
