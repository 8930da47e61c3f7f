"""Loading the kiosk's Qt translations (kiosk/i18n/kiosk_LANG.qm) and switching between them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

I18N_DIR = Path(__file__).parent / "i18n"


class Translations:
    """One QTranslator per language; one installed at a time, all usable side by side.

    The first screen and the rating question speak three languages at once, so `text()` asks a
    given language's translator directly.
    """

    def __init__(self, languages: tuple[str, ...] = ("kk", "ru", "en")) -> None:
        self.translators: dict[str, QTranslator] = {}
        self.missing: list[str] = []
        for language in languages:
            translator = QTranslator()
            if not translator.load(str(I18N_DIR / f"kiosk_{language}.qm")):
                self.missing.append(language)
            self.translators[language] = translator
        self.current: str | None = None

    def install(self, language: str) -> None:
        """Make `language` the one self.tr() and QCoreApplication.translate() use."""
        if language == self.current:
            return
        if self.current is not None:
            QCoreApplication.removeTranslator(self.translators[self.current])
        QCoreApplication.installTranslator(self.translators[language])
        self.current = language

    def text(self, language: str, context: str, source: object) -> str:
        """`source` (marked with QT_TRANSLATE_NOOP(context, …)) in `language`."""
        translated = self.translators[language].translate(context, str(source))
        return translated or str(source)
