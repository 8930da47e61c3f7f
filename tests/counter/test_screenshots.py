"""Screenshots of the console in each state and language (tests/screenshots/counter/)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from counter.views.dialogs import CallTicketDialog, LineDialog, PauseDialog, TransferDialog
from hallserver.client import HallClient
from tests.conftest import LiveServer
from tests.counter.conftest import ConsoleFactory, press, shoot


def language_pickers(window: QWidget) -> list[QComboBox]:
    """The visible combo boxes that choose the console's language."""
    return [
        box
        for box in window.findChildren(QComboBox)
        if box.isVisibleTo(window) and box.findData("ru") >= 0
    ]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_screenshots_of_every_state(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch, language: str
) -> None:
    window = console("c12", login=f"op-{language}", language=language, sign_in=False)
    window.sign_in_page.login.setText("aigul")
    assert shoot(window, f"{language}-1-sign-in").exists()
    assert len(language_pickers(window)) == 1, "one language picker on the sign-in page"
    from tests.counter.conftest import sign_in_as

    sign_in_as(qtbot, window, f"op-{language}")
    shoot(window, f"{language}-2-closed")
    assert language_pickers(window) == [window.language], "the header's, once signed in"
    assert not window.card.number.isVisible(), "no ticket: no placeholder at a ticket's size"
    keys = next(iter(window.buttons.values()))  # F1; the other keys are in its column

    def where() -> tuple[int, int, int]:
        corner = keys.mapTo(window, keys.rect().topLeft())
        return corner.x(), corner.y(), keys.width()

    first = where()
    press(qtbot, window, "F8")
    press(qtbot, window, "F1")
    shoot(window, f"{language}-3-nobody-waiting")
    assert not window.card.number.isVisible()
    assert where() == first, "the keys stay where the operator's hand knows them"
    with HallClient(live_server.url, live_server.tokens["consultant"]) as consultant:
        elderly = consultant.issue_ticket(
            "pension", priority="elderly", priority_reason="85 years old, walks with a stick"
        )
        for service in ("id-card", "id-card", "birth-registration"):
            consultant.issue_ticket(service)
    qtbot.waitUntil(lambda: len(window.state.waiting) == 4)
    shoot(window, f"{language}-4-visitors-waiting")
    table = window.queue_panel.table
    wrapped = 0
    for row in range(table.model().rowCount()):  # every service's name whole in its cell
        index = table.model().index(row, 0)
        name = str(index.data())
        cell = table.visualRect(index)
        if table.fontMetrics().horizontalAdvance(name) <= cell.width() - 8:
            continue  # on one line
        wrapped += 1
        needed = table.fontMetrics().boundingRect(
            QRect(0, 0, cell.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, name
        )
        assert table.wordWrap() and needed.height() <= cell.height(), f"{name!r} is cut"
    assert wrapped or language != "kk", "a long Kazakh name goes on two lines at 900 px"
    assert where() == first, "the keys stay where the operator's hand knows them"
    press(qtbot, window, "F1")
    assert window.card.shown_number == elderly.number and window.card.number.isVisible()
    shoot(window, f"{language}-5-called")
    assert where() == first, "the keys stay where the operator's hand knows them"
    press(qtbot, window, "F2")
    press(qtbot, window, "F3")
    window.card.documents[0].setChecked(True)
    shoot(window, f"{language}-6-serving")
    assert where() == first, "the keys stay where the operator's hand knows them"
    monkeypatch.setattr(PauseDialog, "ask", classmethod(lambda cls, parent: "lunch"))
    press(qtbot, window, "F9")  # refused: a visitor is at the counter
    said = {
        "en": "finish with the visitor at the counter first.",
        "ru": "сначала завершите работу с посетителем у окна.",
        "kk": "алдымен терезедегі келушімен жұмысты аяқтаңыз.",
    }[language]
    assert window.message.text().endswith(said), "a refusal says why"
    shoot(window, f"{language}-7-refused")
    assert where() == first, "the keys stay where the operator's hand knows them"
    press(qtbot, window, "F4")
    press(qtbot, window, "F7")
    shoot(window, f"{language}-8-paused")
    assert where() == first, "the keys stay where the operator's hand knows them"
    window.show_message("A message long enough to wrap onto a second line. " * 3, "error")
    assert where() == first, "a wrapping message moves no key either"
    words = {  # as long as the supervisor may write: 200 characters
        "kk": "1-терезе: түскі үзілістен кейін зейнетақы кезегін қабылдаңыз. ",
        "ru": "Окно 12: после обеда примите, пожалуйста, очередь по пенсиям. ",
        "en": "Counter 12: after lunch, please take the pension queue too. ",
    }[language]
    with HallClient(live_server.url, live_server.tokens["supervisor"]) as supervisor:
        supervisor.send_message((words * 5)[:200].strip(), "c12")
        supervisor.send_message(words.strip())
    qtbot.waitUntil(window.note.isVisible)
    shoot(window, f"{language}-9-message")
    assert where() == first, "a message from the supervisor moves no key"
    text = window.note.text
    assert text.heightForWidth(text.width()) <= text.height(), "200 characters fit the note"

    dialogs = {
        "transfer": TransferDialog(
            window.state.next_tickets(1)[0],
            list(window.services.values()),
            window.counters,
            language,
            window,
        ),
        "pause": PauseDialog(window),
        "call-out-of-order": CallTicketDialog(
            window.state.next_tickets(5), window.service_names(), parent=window
        ),
        "call-from-line": LineDialog(
            window.state.queue_lines(), window.service_names(), parent=window
        ),
    }
    for name, dialog in dialogs.items():
        dialog.show()
        qtbot.waitExposed(dialog)
        path = shoot(dialog, f"{language}-10-dialog-{name}")
        assert path.stat().st_size > 1000
        dialog.close()


def test_the_demo_halls_documents_read_right_to_the_operator_too() -> None:
    """The operator's checklist shows the catalogue's documents as the kiosk does: worded for
    no one ("ID card"), not to the visitor ("Your ID card" ticked off by the operator)."""
    import re

    from hallserver.catalogue_file import demo_catalogue

    addressed = {
        "kk": re.compile(r"\w+(ңыз|ңіз|ыңыз|іңіз|сыз|сіз)\b|Өзіңіз", re.IGNORECASE),
        "ru": re.compile(r"\b(ваш|ваша|ваше|ваши|вашего|вы|получаете|хотите)\b", re.IGNORECASE),
        "en": re.compile(r"\b(your|you)\b", re.IGNORECASE),
    }
    services = demo_catalogue().services
    texts = [(s.id, lang, d.get(lang)) for s in services for d in s.documents for lang in addressed]
    assert len(texts) > 100
    spoken = [(id_, lang, text) for id_, lang, text in texts if addressed[lang].search(text)]
    assert not spoken, spoken
