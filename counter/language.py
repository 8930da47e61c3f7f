"""The console's language: Qt translations (counter/i18n/counter_LANG.qm), switched at run time."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru", "en")
NATIVE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
I18N_DIR = Path(__file__).resolve().parent / "i18n"


class Translations:
    """Installs one language's translator at a time into the application."""

    def __init__(self) -> None:
        self.language = "en"  # the source texts
        self._translator: QTranslator | None = None

    def use(self, language: str) -> bool:
        """Switch to `language`; False (and English) when its .qm file is missing."""
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication first")
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        translator = QTranslator()
        qm = I18N_DIR / f"counter_{language}.qm"
        if not translator.load(str(qm)):
            log.warning("no translation %s: run ./scripts/build-translations", qm)
            self.language = "en"
            return language == "en"
        app.installTranslator(translator)
        self._translator = translator
        self.language = language
        return True
