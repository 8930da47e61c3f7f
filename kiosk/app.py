"""Building a running kiosk from its config: client, printer, link, flow and window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QWidget

from hallserver.client import HallClient
from hardware.printer import TicketPrinter, open_printer
from kiosk.accessibility import Screen
from kiosk.config import KioskConfig
from kiosk.hallstate import HallState
from kiosk.issuing import Issuer
from kiosk.link import KioskLink
from kiosk.translations import Translations
from kiosk.views import theme


@dataclass
class Kiosk:
    """A kiosk's parts, so tests and the benchmark can reach each of them."""

    config: KioskConfig
    link: KioskLink
    window: QWidget
    state: HallState
    printer: TicketPrinter | None

    def close(self) -> None:
        self.window.close()
        self.link.stop()
        if self.printer is not None:
            self.printer.close()


def build(config: KioskConfig, app: QApplication) -> Kiosk:
    """The kiosk for `config`, started (the event stream connects in the background)."""
    screen = Screen(
        config.screen_inches, max(config.width, config.height), min(config.width, config.height)
    )
    sizes = theme.Sizes.for_screen(screen, staff=config.mode == "consultant")
    theme.apply(app, sizes)
    printer = (
        open_printer(config.printer, profile=config.printer_profile, paper_mm=config.paper_mm)
        if config.printer
        else None
    )
    client = HallClient(config.server_url, token=config.token)
    issuer = Issuer(client, printer, documents=config.print_documents)
    link = KioskLink(client, issuer, heartbeat_s=config.heartbeat_s)
    translations = Translations()
    state = HallState(config.popular)
    window: QWidget
    if config.mode == "citizen":
        from kiosk.flow import CitizenFlow
        from kiosk.views.citizen import CitizenWindow

        window = CitizenWindow(
            CitizenFlow(state, config.language), link, translations, config, sizes
        )
    elif config.mode == "consultant":
        from kiosk.consultant_flow import ConsultantFlow
        from kiosk.views.consultant import ConsultantWindow

        window = ConsultantWindow(
            ConsultantFlow(state, config.language), link, translations, config, sizes
        )
    else:
        from kiosk.rating_flow import RatingFlow
        from kiosk.views.rating import RatingWindow

        window = RatingWindow(
            RatingFlow(config.counter_id or ""), link, translations, config, sizes
        )
    if config.fullscreen:
        window.resize(config.width, config.height)
    else:  # a window of exactly the kiosk's screen: what does not fit must show, not grow
        window.setFixedSize(config.width, config.height)
    link.start()
    return Kiosk(config, link, window, state, printer)
