"""On a phone: language links a finger can hit, and a table that scrolls sideways says so."""

from __future__ import annotations

import httpx
from playwright.sync_api import Browser, Page
from PySide6.QtGui import QImage

from tests.conftest import open_counter
from tests.web.conftest import PHONE, Hall, sign_in


def test_the_language_links_on_the_ticket_and_booking_pages_are_a_fingers_target(
    browser: Browser, hall: Hall
) -> None:
    """At least 44 px high (they had been 19 px: under even the 24 px least target)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for lang in ("kk", "ru", "en"):
        reply = httpx.post(
            f"{hall.api}/tickets",
            json={"service_id": "residence-registration", "language": lang},
            headers=hall.bearer("kiosk"),
        )
        assert reply.status_code == 201, reply.text
        for address in (str(reply.json()["status_url"]), f"{hall.url}/book?lang={lang}"):
            page.goto(address)
            links = page.locator("nav.langs a")
            assert links.count() == 2, address
            for index in range(links.count()):
                box = links.nth(index).bounding_box()
                assert box is not None
                assert box["height"] >= 44 and box["width"] >= 44, f"{address}: {box}"
    context.close()


def edge_shade(page: Page, selector: str, side: str) -> float:
    """How much of the box's edge column (right or left, 3 px in) is not white: its shadow."""
    image = QImage()
    assert image.loadFromData(page.locator(selector).screenshot())
    x = image.width() - 3 if side == "right" else 2
    shaded = [y for y in range(image.height()) if image.pixelColor(x, y).lightness() < 245]
    return len(shaded) / image.height()


def test_the_services_table_shows_a_shadow_where_it_goes_on_sideways(
    page: Page, hall: Hall
) -> None:
    """On a 360 px phone the board's services table hides its last columns behind a sideways
    scroll: a shadow at the edge says more is there, and goes when there is no more."""
    open_counter(hall.live, "c1")
    sign_in(page, hall, "kk")
    table = ".services .hscroll"
    page.wait_for_selector(table)
    overflows = "el => el.scrollWidth > el.clientWidth + 1"
    assert not page.locator(table).evaluate(overflows)  # the desktop: the whole table
    assert edge_shade(page, table, "right") < 0.2
    assert edge_shade(page, table, "left") < 0.2
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(200)
    assert page.locator(table).evaluate(overflows)
    assert edge_shade(page, table, "right") > 0.8, "no cue that more is to the right"
    assert edge_shade(page, table, "left") < 0.2, "a shadow at the start, with nothing before"
    page.locator(table).evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_timeout(200)
    assert edge_shade(page, table, "right") < 0.2, "a shadow at the end, with nothing after"
    assert edge_shade(page, table, "left") > 0.8, "no cue that more is to the left"
