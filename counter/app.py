"""Builds the console from its settings and runs the Qt event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter.config import CounterConfig
from counter.language import Translations
from counter.link import CounterLink, DeviceLink
from counter.preferences import remember_language
from counter.views.window import CounterWindow
from hallserver.client import INTERRUPTED, quit_on_interrupt


def build(config: CounterConfig) -> CounterWindow:
    """The console window for `config`, wired to its server and devices, not yet started."""
    link = CounterLink(
        config.server_url,
        config.token,
        config.counter_id,
        timeout=config.http_timeout_s,
        heartbeat_s=config.heartbeat_s,
    )
    devices = None
    button, display, keypad = (config.device(r) for r in ("button", "display", "keypad"))
    if button or display or keypad:
        devices = DeviceLink(button, display, keypad)
    window = CounterWindow(
        link,
        Translations(),
        devices=devices,
        language=config.language,
        rating_timeout_ms=int(config.rating_timeout_s * 1000),
    )
    if config.preferences:
        preferences = Path(config.preferences)
        window.language_changed.connect(lambda language: remember_language(preferences, language))
    return window


def run(config: CounterConfig) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build(config)
    link, devices = window.link, window.devices
    link.setParent(window)
    if devices is not None:
        devices.setParent(window)
    window.start()
    if config.operator:  # as if typed on the sign-in page
        link.sign_in(config.operator, config.pin)
    window.show()
    interrupted = quit_on_interrupt(app.quit)
    pulse = QTimer(app)  # lets Python run the Ctrl+C handler while Qt's loop waits
    pulse.timeout.connect(lambda: None)
    pulse.start(200)
    code = int(app.exec())
    return INTERRUPTED if interrupted() else code
