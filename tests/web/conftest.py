"""Fixtures for the browser pages: a hall server with a clock the test moves, real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tests.conftest import Clock, LiveServer, add_operator, start_live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "web"
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
SUPERVISOR = ("gulnar", "2468")


@dataclass
class Hall:
    """A running hall server and the clock it reads."""

    live: LiveServer
    clock: Clock

    @property
    def url(self) -> str:
        return self.live.url

    @property
    def api(self) -> str:
        return self.live.api

    def bearer(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.live.tokens[role]}"}


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    clock = Clock()
    live, server, thread = start_live_server(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock=clock)
    yield Hall(live, clock)
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Per module, not per session: while Playwright's sync API is open, the main thread has a
    # running asyncio loop, and tests elsewhere that call asyncio.run() would fail.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(8000)
    yield page
    context.close()


def sign_in(page: Page, hall: Hall, lang: str = "en") -> None:
    """A supervisor operator signs in on the login page with login and PIN."""
    login, pin = SUPERVISOR
    add_operator(hall.live, login, pin, supervisor=True)
    page.goto(f"{hall.url}/board/login?lang={lang}")
    page.fill("input[name=login]", login)
    page.fill("input[name=pin]", pin)
    page.click("form:has(input[name=pin]) button[type=submit]")
    page.wait_for_url(f"{hall.url}/board")


def shoot(page: Page, name: str, *, full_page: bool = True) -> None:
    """Screenshots at desktop and phone widths, for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    sizes: tuple[tuple[str, ViewportSize], ...] = (("desktop", DESKTOP), ("phone", PHONE))
    for label, viewport in sizes:
        page.set_viewport_size(viewport)
        page.wait_for_timeout(150)  # let the layout settle after the resize
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=full_page)
    if size is not None:
        page.set_viewport_size(size)
