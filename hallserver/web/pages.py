"""What every page shares: the HTML shell, the visitor's language, the language links."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from starlette.requests import HTTPConnection
from starlette.responses import HTMLResponse

from hallserver.domain.errors import (
    Conflict,
    Forbidden,
    HallError,
    InvalidInput,
    NotFound,
    TooMany,
)
from hallserver.domain.ids import LANGS, Lang
from hallserver.service import Unavailable

Words = Mapping[str, Mapping[Lang, str]]
LANG_NAMES: dict[Lang, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LANG_COOKIE = "kezek_lang"


def lang_of(request: HTTPConnection, default: Lang = "kk", cookie: str = LANG_COOKIE) -> Lang:
    """?lang= first, then the language chosen before (the `cookie`), then `default`."""
    for asked in (request.query_params.get("lang"), request.cookies.get(cookie)):
        for lang in LANGS:
            if lang == asked:
                return lang
    return default


def lang_links(lang: Lang, extra_query: str = "", path: str = "") -> str:
    """Links to this page in the other languages (`path` when it is not this address: a page
    that answers a form)."""
    links = []
    for code, label in LANG_NAMES.items():
        if code == lang:
            links.append(f'<b aria-current="true">{label}</b>')
        else:
            href = f"{path}?lang={code}{extra_query}"
            links.append(f'<a href="{href}" hreflang="{code}">{label}</a>')
    return f'<nav class="langs">{" · ".join(links)}</nav>'


def html_page(
    title: str,
    body: str,
    lang: Lang,
    *,
    status: int = 200,
    styles: tuple[str, ...] = ("site.css",),
    scripts: tuple[str, ...] = (),
    inline_style: str = "",
    head: str = "",
    remember_lang: bool = False,
) -> HTMLResponse:
    links = "".join(f'<link rel="stylesheet" href="/static/{name}">' for name in styles)
    tags = "".join(f'<script src="/static/{name}" defer></script>' for name in scripts)
    style = f"<style>{inline_style}</style>" if inline_style else ""
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title>{links}{style}{head}{tags}</head>"
        f"<body>{body}</body></html>"
    )
    response = HTMLResponse(html, status_code=status)
    if remember_lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


def word(words: Words, key: str, lang: Lang) -> str:
    return escape(words[key][lang])


def status_of(error: HallError) -> int:
    """The HTTP status of a refused command (JSON answers and pages alike)."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidInput):
        return 413 if error.code == "body_too_large" else 422
    if isinstance(error, Forbidden):
        return 401 if error.code == "unauthorized" else 403
    if isinstance(error, Unavailable):
        return 503
    if isinstance(error, TooMany):
        return 429
    if isinstance(error, Conflict):
        return 409
    return 400
