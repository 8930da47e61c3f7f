"""The supervisor's pages for the hall's services: their words and figures, changed while the
hall runs (`PATCH /api/v1/services/{id}` in a form that works without script)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from html import escape

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallserver.catalogue_file import MOST_DOCUMENTS, NUMBERS, TEXT_LIMITS, text_problem
from hallserver.domain.catalogue import Service, Text
from hallserver.domain.errors import Forbidden, HallError, NotFound
from hallserver.domain.ids import LANGS, JsonObject, JsonValue, Lang, shows_nothing
from hallserver.web.bodies import form_of
from hallserver.web.pages import (
    LANG_NAMES,
    Words,
    html_page,
    lang_links,
    lang_of,
    status_of,
    word,
)
from hallserver.web.sessions import from_this_host, hall_of, supervisor_of

WORDS: Words = {
    "services": {"kk": "Қызметтер", "ru": "Услуги", "en": "Services"},
    "no_service": {
        "kk": "Мұндай қызмет жоқ",
        "ru": "Такой услуги нет",
        "en": "There is no such service",
    },
    "board": {"kk": "Зал тақтасы", "ru": "Табло зала", "en": "Hall board"},
    "pick": {
        "kk": "Өзгерту үшін қызметтің атауын басыңыз.",
        "ru": "Чтобы изменить услугу, нажмите на её название.",
        "en": "Tap a service's name to change it.",
    },
    "prefix": {"kk": "Әріп", "ru": "Буква", "en": "Letter"},
    "name": {"kk": "Атауы", "ru": "Название", "en": "Name"},
    "description": {"kk": "Сипаттамасы", "ru": "Описание", "en": "Description"},
    "fee": {"kk": "Құны", "ru": "Стоимость", "en": "Fee"},
    "fee_hint": {
        "kk": "Құны туралы ештеңе айтпау үшін үшеуін де бос қалдырыңыз.",
        "ru": "Чтобы ничего не говорить о стоимости, оставьте все три поля пустыми.",
        "en": "Leave all three empty to say nothing about a fee.",
    },
    "documents": {
        "kk": "Алып келетін құжаттар, әр жолға біреуден",
        "ru": "Что взять с собой, по одному документу на строку",
        "en": "What to bring, one document per line",
    },
    "duration_min": {
        "kk": "Терезедегі қызмет уақыты, мин",
        "ru": "Время обслуживания в окне, мин",
        "en": "Time at the counter, min",
    },
    "target_wait_min": {
        "kk": "Күтудің мақсатты уақыты, мин",
        "ru": "Целевое время ожидания, мин",
        "en": "Target wait, min",
    },
    "daily_limit": {
        "kk": "Күніне талон шегі (0: шексіз)",
        "ru": "Лимит талонов в день (0: без лимита)",
        "en": "Tickets a day at most (0: no limit)",
    },
    "save": {"kk": "Сақтау", "ru": "Сохранить", "en": "Save"},
    "saved": {
        "kk": "Сақталды: терминалдар, табло және терезелер оны қазір көрсетеді.",
        "ru": "Сохранено: терминалы, табло и окна уже показывают изменения.",
        "en": "Saved: the kiosks, displays and counters show it now.",
    },
    "unchanged": {
        "kk": "Ештеңе өзгерген жоқ.",
        "ru": "Ничего не изменилось.",
        "en": "Nothing changed.",
    },
    "not_saved": {"kk": "Сақталмады:", "ru": "Не сохранено:", "en": "Not saved:"},
    "meanwhile": {
        "kk": "Бұл қызметті басқа бетте біреу өзгертіп үлгерді. Міне, қазіргі түрі: "
        "өзгерісіңізді қайта енгізіп, сақтаңыз.",
        "ru": "Эту услугу тем временем изменили на другой странице. Вот она сейчас: "
        "внесите своё изменение ещё раз и сохраните.",
        "en": "This service was changed on another page meanwhile. Here it is as it is now: "
        "make your change again and save.",
    },
    "all_three": {
        "kk": "{field}: үш тілде де жазыңыз.",
        "ru": "{field}: заполните на всех трёх языках.",
        "en": "{field}: write it in all three languages.",
    },
    "fee_three": {
        "kk": "Құны: үш тілде де жазыңыз немесе үшеуін де бос қалдырыңыз.",
        "ru": "Стоимость: заполните на всех трёх языках или оставьте все три пустыми.",
        "en": "Fee: write it in all three languages, or leave all three empty.",
    },
    "documents_count": {
        "kk": "Құжаттар: әр тілде жол саны бірдей болсын (қазір: {counts}).",
        "ru": "Документы: на каждом языке нужно одинаковое число строк (сейчас: {counts}).",
        "en": "What to bring: each language needs the same number of lines (now: {counts}).",
    },
    "number": {
        "kk": "{field}: бүтін сан, {low}–{high}.",
        "ru": "{field}: целое число от {low} до {high}.",
        "en": "{field}: a whole number from {low} to {high}.",
    },
    "too_long": {
        "kk": "{field}: {limit} таңбадан аспасын.",
        "ru": "{field}: не больше {limit} знаков.",
        "en": "{field}: at most {limit} characters.",
    },
    "lines": {
        "kk": "{field}: бір жолмен жазыңыз.",
        "ru": "{field}: одной строкой.",
        "en": "{field}: one line.",
    },
    "unprintable": {
        "kk": "{field}: басқа бағдарламадан көшірілген басқару таңбаларын алып тастаңыз.",
        "ru": "{field}: уберите управляющие символы, скопированные из другой программы.",
        "en": "{field}: remove the control characters pasted from another program.",
    },
    "too_many": {
        "kk": "Құжаттар: ең көбі {n}.",
        "ru": "Документы: не больше {n}.",
        "en": "What to bring: at most {n} documents.",
    },
    "minutes": {"kk": "мин", "ru": "мин", "en": "min"},
    "kept": {
        "kk": "Әріп, топ, жұмыс уақыты және терезелер каталог файлында өзгертіледі.",
        "ru": "Буква, группа, часы работы и окна меняются в файле каталога.",
        "en": "The letter, group, hours and counters change in the catalogue file.",
    },
}
TEXTS = ("name", "description", "fee")
FORM_LIMIT = 256 * 1024  # the longest texts the catalogue takes, in Cyrillic, urlencoded


async def services_page(request: Request) -> Response:
    if await supervisor_of(request) is None:
        return RedirectResponse("/board/login?next=/board/services", status_code=303)
    lang = lang_of(request)
    hall = hall_of(request)
    rows = "".join(  # the name is the link: a phone's whole width to tap
        f"<tr><td>{escape(s.prefix)}</td><td>"
        f'<a href="/board/services/{escape(s.id)}">{escape(s.name.get(lang))}</a></td>'
        f'<td class="num">{s.duration_min}</td></tr>'
        for s in hall.catalogue.services
    )
    body = (
        f'<main class="wide">{_nav(lang)}<h1>{word(WORDS, "services", lang)}</h1>'
        f'<p class="muted">{word(WORDS, "pick", lang)}</p>'
        f"<table><thead><tr><th>{word(WORDS, 'prefix', lang)}</th>"
        f'<th>{word(WORDS, "name", lang)}</th><th class="num" title="'
        f'{word(WORDS, "duration_min", lang)}">{word(WORDS, "minutes", lang)}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{lang_links(lang)}</main>"
    )
    return html_page(WORDS["services"][lang], body, lang, styles=("site.css", "board.css"))


async def service_page(request: Request) -> Response:
    if await supervisor_of(request) is None:
        path = f"/board/services/{request.path_params['service_id']}"
        return RedirectResponse(f"/board/login?next={path}", status_code=303)
    hall = hall_of(request)
    try:
        service = hall.hall.service(request.path_params["service_id"])
    except NotFound:
        return _no_service(request)
    note = "saved" if request.query_params.get("saved") else ""
    if request.query_params.get("unchanged"):
        note = "unchanged"
    return _form_page(request, service, _fields_of(service), note=note)


async def save_service(request: Request) -> Response:
    if not from_this_host(request):  # another site's form
        raise Forbidden("a service is changed from the hall's own page", code="not_from_board")
    hall = hall_of(request)
    try:
        service = hall.hall.service(request.path_params["service_id"])
    except NotFound:
        return _no_service(request)
    actor = await supervisor_of(request)
    if actor is None:  # the session ended while the page was open: sign in, and back here
        return RedirectResponse(f"/board/login?next=/board/services/{service.id}", status_code=303)
    lang = lang_of(request)
    form = await form_of(request, FORM_LIMIT)
    if form.get("version") != _version(service):  # saved on another page since this one opened
        return _form_page(request, service, _fields_of(service), note="meanwhile", status=409)
    problems, changes = _changes(form, service, lang)
    if problems:
        return _form_page(request, service, form, problems=problems, status=422)
    address = f"/board/services/{service.id}?lang={lang}"
    if not changes:
        return RedirectResponse(f"{address}&unchanged=1", status_code=303)
    try:
        await hall.revise_service(actor, service.id, changes)
    except HallError as error:  # what only the catalogue's own check sees, or a busy database
        return _form_page(request, service, form, problems=[str(error)], status=status_of(error))
    return RedirectResponse(f"{address}&saved=1", status_code=303)


def _version(service: Service) -> str:
    """The service's fields as a page showed them: a save from an older page is not taken."""
    fields = json.dumps(_fields_of(service), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(fields.encode()).hexdigest()[:16]


def _changes(form: Mapping[str, str], service: Service, lang: Lang) -> tuple[list[str], JsonObject]:
    """What the form changes in `service` (as PATCH takes it), or what to fix, in `lang`."""
    problems: list[str] = []
    changes: JsonObject = {}
    current = _fields_of(service)
    for key in TEXTS:
        texts: dict[str, JsonValue] = {
            code: _shown(form.get(f"{key}_{code}", "")) for code in LANGS
        }
        if key == "fee" and not any(texts.values()):
            if service.fee is not None:
                changes["fee"] = None
            continue
        if not all(texts.values()):
            if key == "fee":
                problems.append(WORDS["fee_three"][lang])
            else:
                problems.append(WORDS["all_three"][lang].format(field=WORDS[key][lang]))
            continue
        said = _text_problems(key, {c: str(texts[c]) for c in LANGS}, lang)
        problems += said
        if not said and any(texts[code] != current[f"{key}_{code}"] for code in LANGS):
            changes[key] = texts
    lines = {code: _lines(form.get(f"documents_{code}", "")) for code in LANGS}
    counts = {code: len(found) for code, found in lines.items()}
    for n in range(max(counts.values())):
        problems += _text_problems(
            "documents", {c: found[n] for c, found in lines.items() if n < len(found)}, lang
        )
    if max(counts.values()) > MOST_DOCUMENTS:
        problems.append(WORDS["too_many"][lang].format(n=MOST_DOCUMENTS))
    elif len(set(counts.values())) > 1:
        counted = ", ".join(f"{code} {n}" for code, n in counts.items())
        problems.append(WORDS["documents_count"][lang].format(counts=counted))
    else:
        documents: list[JsonValue] = [
            {code: lines[code][n] for code in LANGS} for n in range(counts["kk"])
        ]
        if documents != [d.to_json() for d in service.documents]:
            changes["documents"] = documents
    for key, (low, high) in NUMBERS.items():
        value = form.get(key, "").strip()
        if not value.isdecimal() or len(value) > 6 or not low <= int(value) <= high:
            problems.append(
                WORDS["number"][lang].format(field=WORDS[key][lang], low=low, high=high)
            )
        elif int(value) != getattr(service, key):
            changes[key] = int(value)
    return problems, changes


def _text_problems(key: str, texts: Mapping[Lang, str], lang: Lang) -> list[str]:
    """What the catalogue would refuse in one field's texts, said in `lang`."""
    found = []
    for code, text in texts.items():
        problem = text_problem(text, key, TEXT_LIMITS[key])
        if problem is not None:
            field = f"{WORDS[key][lang]} ({LANG_NAMES[code]})"
            found.append(WORDS[problem][lang].format(field=field, limit=TEXT_LIMITS[key]))
    return found


def _shown(text: str) -> str:
    """`text` without the spaces around it; empty when nothing in it shows (a zero-width
    space alone would make the service's name blank on every screen)."""
    return "" if shows_nothing(text) else text.strip()


def _lines(text: str) -> list[str]:
    return [shown for line in text.splitlines() if (shown := _shown(line))]


def _fields_of(service: Service) -> dict[str, str]:
    """The form's fields as the service has them now."""
    fields: dict[str, str] = {}
    for key in TEXTS:
        text: Text | None = getattr(service, key)
        for code in LANGS:
            fields[f"{key}_{code}"] = text.get(code) if text is not None else ""
    for code in LANGS:
        fields[f"documents_{code}"] = "\n".join(d.get(code) for d in service.documents)
    for key in NUMBERS:
        fields[key] = str(getattr(service, key))
    return fields


def _form_page(
    request: Request,
    service: Service,
    fields: Mapping[str, str],
    *,
    note: str = "",
    problems: list[str] | None = None,
    status: int = 200,
) -> Response:
    lang = lang_of(request)
    said = ""
    if note:
        kind = 'class="error" role="alert"' if note == "meanwhile" else 'class="done" role="status"'
        said = f"<p {kind}>{word(WORDS, note, lang)}</p>"
    if problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in problems)
        heading = word(WORDS, "not_saved", lang)
        said = f'<div class="error" role="alert">{heading}<ul>{items}</ul></div>'

    def value(name: str) -> str:
        return escape(fields.get(name, ""))

    def texts(key: str, *, lines: int = 0, hint: str = "") -> str:
        inputs = []
        for code in LANGS:
            name = f"{key}_{code}"
            most = f' maxlength="{TEXT_LIMITS[key]}"' if key != "documents" else ""
            box = (
                f'<textarea name="{name}" rows="{lines}" lang="{code}"{most}>'
                f"{value(name)}</textarea>"
                if lines
                else f'<input name="{name}" value="{value(name)}" lang="{code}"{most}>'
            )
            inputs.append(f"<label>{LANG_NAMES[code]}{box}</label>")
        more = f'<p class="muted">{word(WORDS, hint, lang)}</p>' if hint else ""
        return (
            f'<fieldset class="card"><legend>{word(WORDS, key, lang)}</legend>{more}'
            f'<div class="langs3">{"".join(inputs)}</div></fieldset>'
        )

    numbers = "".join(
        f'<label>{word(WORDS, key, lang)}<input name="{key}" value="{value(key)}" '
        f'type="number" min="{low}" max="{high}" inputmode="numeric" required></label>'
        for key, (low, high) in NUMBERS.items()
    )
    action = escape(f"/board/services/{service.id}?lang={lang}")
    body = (
        f'<main class="wide">{_nav(lang, back=True)}'
        f"<h1>{escape(service.prefix)} · {escape(service.name.get(lang))}</h1>{said}"
        # the server says what to fix, in the page's language (not the browser's)
        f'<form method="post" action="{action}" class="service-form" novalidate>'
        f'<input type="hidden" name="version" value="{_version(service)}">'
        f"{texts('name')}{texts('description', lines=5)}{texts('fee', lines=3, hint='fee_hint')}"
        f"{texts('documents', lines=6)}"
        f'<fieldset class="card numbers">{numbers}</fieldset>'
        f'<p class="muted">{word(WORDS, "kept", lang)}</p>'
        f'<button type="submit" class="primary">{word(WORDS, "save", lang)}</button></form>'
        f"{lang_links(lang, path=f'/board/services/{escape(service.id)}')}</main>"
    )
    return html_page(
        f"{service.prefix} · {service.name.get(lang)}",
        body,
        lang,
        status=status,
        styles=("site.css", "board.css"),
    )


def _no_service(request: Request) -> Response:
    """An address typed, or kept from before the catalogue changed: a page, not the API's
    JSON, with the way back to the list."""
    lang = lang_of(request)
    body = (
        f'<main class="wide">{_nav(lang, back=True)}'
        f"<h1>{word(WORDS, 'no_service', lang)}</h1></main>"
    )
    styles = ("site.css", "board.css")
    return html_page(WORDS["no_service"][lang], body, lang, status=404, styles=styles)


def _nav(lang: Lang, *, back: bool = False) -> str:
    links = [f'<a href="/board">{word(WORDS, "board", lang)}</a>']
    if back:
        links.append(f'<a href="/board/services">{word(WORDS, "services", lang)}</a>')
    return f'<nav class="crumbs">{" › ".join(links)}</nav>'


def routes() -> list[Route]:
    return [
        Route("/board/services", services_page, methods=["GET"]),
        Route("/board/services/{service_id}", service_page, methods=["GET"]),
        Route("/board/services/{service_id}", save_service, methods=["POST"]),
    ]
