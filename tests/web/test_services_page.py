"""The supervisor changes a service's words and figures on its page, in Chromium."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from hallserver.store.sql import CATALOGUE_KEY
from tests.web.conftest import Hall, shoot, sign_in

FEE = {"kk": "2 АЕК (8 650 теңге)", "ru": "2 МРП (8 650 тенге)", "en": "2 MCI (8,650 tenge)"}


def passport(hall: Hall) -> dict[str, object]:
    data: dict[str, object] = httpx.get(f"{hall.api}/services/passport").json()
    return data


def test_a_supervisor_changes_a_fee_and_a_document_and_the_hall_has_them_at_once(
    page: Page, hall: Hall
) -> None:
    sign_in(page, hall)
    page.click("text=Services")
    page.wait_for_url(f"{hall.url}/board/services")
    shoot(page, "services-list-en")
    page.set_viewport_size({"width": 360, "height": 740})  # a phone: each name in reach
    link = page.locator("a[href='/board/services/passport']").bounding_box()
    assert link is not None and link["x"] + link["width"] <= 360
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("a[href='/board/services/passport']")
    expect(page.locator("h1")).to_have_text("P · Passport for travel abroad")
    for code, text in FEE.items():
        page.fill(f"textarea[name=fee_{code}]", text)
    documents = page.locator("textarea[name=documents_en]")
    documents.fill(documents.input_value() + "\nTwo photographs 3.5 x 4.5 cm")
    page.locator("textarea[name=documents_ru]").fill(
        page.locator("textarea[name=documents_ru]").input_value() + "\nДве фотографии 3,5 x 4,5 см"
    )
    page.locator("textarea[name=documents_kk]").fill(
        page.locator("textarea[name=documents_kk]").input_value() + "\nЕкі фотосурет 3,5 x 4,5 см"
    )
    page.fill("input[name=duration_min]", "20")
    description = "Two lines, as Enter makes them:\nthe browser sends CR LF."
    page.fill("textarea[name=description_en]", description)
    page.click("button[type=submit]")
    expect(page.locator(".done")).to_have_text(
        "Saved: the kiosks, displays and counters show it now."
    )
    now = passport(hall)
    assert now["fee"] == FEE and now["duration_min"] == 20
    assert now["description"]["en"] == description  # type: ignore[index]
    documents_now = now["documents"]
    assert isinstance(documents_now, list) and documents_now[-1] == {
        "kk": "Екі фотосурет 3,5 x 4,5 см",
        "ru": "Две фотографии 3,5 x 4,5 см",
        "en": "Two photographs 3.5 x 4.5 cm",
    }
    saved = hall.live.hall.store.config(CATALOGUE_KEY)
    assert saved is not None and "# Kezek demo hall" in saved, "the file's comments stay"
    page.click("button[type=submit]")  # again, as it is: nothing to save
    expect(page.locator(".done")).to_have_text("Nothing changed.")


def test_a_form_the_hall_cannot_take_says_why_in_the_supervisors_language_and_changes_nothing(
    page: Page, hall: Hall
) -> None:
    before = passport(hall)
    sign_in(page, hall, "ru")
    page.goto(f"{hall.url}/board/services/passport?lang=ru")
    page.fill("input[name=name_ru]", "\u200b")  # a zero-width space: a blank name on screens
    page.fill("textarea[name=fee_en]", "")  # one language of three
    page.locator("textarea[name=documents_kk]").fill("Жеке куәлік")  # one line, not four
    page.fill("input[name=duration_min]", "0")
    page.click("button[type=submit]")
    problems = page.locator(".error li")
    expect(problems).to_have_text(
        [
            "Название: заполните на всех трёх языках.",
            "Стоимость: заполните на всех трёх языках или оставьте все три пустыми.",
            "Документы: на каждом языке нужно одинаковое число строк (сейчас: kk 1, ru 4, en 4).",
            "Время обслуживания в окне, мин: целое число от 1 до 1440.",
        ]
    )
    expect(page.locator("input[name=name_ru]")).to_have_value("\u200b")  # what was typed stays
    shoot(page, "service-refused-ru")
    assert passport(hall) == before
    page.goto(f"{hall.url}/board/services/passport?lang=kk")
    shoot(page, "service-kk")


def test_a_page_opened_before_another_save_does_not_undo_it(page: Page, hall: Hall) -> None:
    sign_in(page, hall)
    page.goto(f"{hall.url}/board/services/passport?lang=en")
    meanwhile = httpx.patch(  # another supervisor, on another page
        f"{hall.api}/services/passport", json={"target_wait_min": 40}, headers=hall.bearer("admin")
    )
    assert meanwhile.status_code == 200
    page.fill("input[name=duration_min]", "30")
    page.click("button[type=submit]")
    expect(page.locator("p.error")).to_contain_text("changed on another page meanwhile")
    expect(page.locator("input[name=target_wait_min]")).to_have_value("40")  # as it is now
    assert (passport(hall)["target_wait_min"], passport(hall)["duration_min"]) == (40, 15)
    page.fill("input[name=duration_min]", "30")  # made again, on what is there now
    page.click("button[type=submit]")
    expect(page.locator(".done")).to_contain_text("Saved")
    assert (passport(hall)["target_wait_min"], passport(hall)["duration_min"]) == (40, 30)


def test_the_services_pages_are_for_a_signed_in_supervisor_only(hall: Hall) -> None:
    page = httpx.get(f"{hall.url}/board/services/passport", follow_redirects=False)
    assert page.status_code == 303 and "/board/login" in page.headers["location"]
    posted = httpx.post(f"{hall.url}/board/services/passport", data={"duration_min": "5"})
    assert posted.status_code == 303 and "/board/login" in posted.headers["location"]
    assert passport(hall)["duration_min"] != 5


def test_an_unknown_service_is_a_page_in_the_supervisors_language(page: Page, hall: Hall) -> None:
    sign_in(page, hall, "ru")
    reply = page.goto(f"{hall.url}/board/services/nope?lang=ru")
    assert reply is not None and reply.status == 404
    expect(page.locator("h1")).to_have_text("Такой услуги нет")
    page.click("nav.crumbs a[href='/board/services']")  # back to the list
    expect(page.locator("h1")).to_have_text("Услуги")
    saved = page.request.post(  # a save for a service the catalogue no longer has
        f"{hall.url}/board/services/nope?lang=ru",
        form={"duration_min": "5"},
        headers={"Origin": hall.url},
    )
    assert saved.status == 404 and "Такой услуги нет" in saved.text()


def test_what_the_catalogue_would_refuse_is_said_in_the_pages_language(
    page: Page, hall: Hall
) -> None:
    before = passport(hall)
    sign_in(page, hall, "kk")
    page.goto(f"{hall.url}/board/services/passport?lang=kk")
    page.fill("input[name=name_ru]", "Паспорт\u00a0для выезда\tза границу")  # pasted: fine
    page.fill("textarea[name=fee_kk]", "Мемлекеттік баж:\n8 АЕК")  # a fee may run to lines
    page.locator("textarea[name=documents_en]").evaluate(  # past its box's maxlength? none
        "(box) => { box.value = box.value.replace('ID card', 'x'.repeat(301)); }"
    )
    page.locator("input[name=name_en]").evaluate("(box) => { box.value = 'a\\u0007b'; }")
    page.click("button[type=submit]")
    expect(page.locator(".error li")).to_have_text(
        [
            "Атауы (English): басқа бағдарламадан көшірілген басқару таңбаларын алып тастаңыз.",
            "Алып келетін құжаттар, әр жолға біреуден (English): 300 таңбадан аспасын.",
        ]
    )
    assert passport(hall) == before
    page.fill("input[name=name_en]", "Passport for travel abroad")
    page.locator("textarea[name=documents_en]").fill(
        "\n".join(d["en"] for d in before["documents"])  # type: ignore[attr-defined]
    )
    page.click("button[type=submit]")
    expect(page.locator(".done")).to_be_visible()
    now = passport(hall)
    assert now["fee"]["kk"] == "Мемлекеттік баж:\n8 АЕК"  # type: ignore[index]
    assert now["name"]["ru"] == "Паспорт\u00a0для выезда\tза границу"  # type: ignore[index]
