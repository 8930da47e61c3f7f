"""Typed hardware errors, each with a stable code and a short message a kiosk can show."""

from __future__ import annotations

from typing import ClassVar


class HardwareError(Exception):
    """Base of every hardware failure.

    ``code`` is stable (a kiosk translates it); ``user_message`` is short English for a person;
    ``detail`` is the technician's one line (what happened and what to fix).
    """

    code: ClassVar[str] = "hardware_error"
    user_message: ClassVar[str] = "A device is not working."

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.user_message
        super().__init__(self.detail)


class PrinterError(HardwareError):
    """The ticket printer failed in a way not covered by a more specific error."""

    code = "printer_error"
    user_message = "The ticket printer is not working."


class PrinterOffline(PrinterError):
    """The printer does not answer, cannot be reached, or reports itself offline."""

    code = "printer_offline"
    user_message = "The ticket printer is not responding."


class PaperOut(PrinterError):
    """The paper roll is empty."""

    code = "paper_out"
    user_message = "The ticket printer is out of paper."


class CoverOpen(PrinterError):
    """The printer's cover is open."""

    code = "cover_open"
    user_message = "The ticket printer's cover is open."


class PrinterDriverMissing(PrinterError):
    """A library or program this kind of printer needs is not installed."""

    code = "printer_driver_missing"
    user_message = "The ticket printer's driver is missing."


class PrinterConfigError(HardwareError, ValueError):
    """A printer name, profile or paper width is not valid; the detail says what to fix."""

    code = "printer_config_invalid"
    user_message = "The ticket printer is not set up correctly."


class DeviceError(HardwareError):
    """A serial device (button, keypad, display) failed."""

    code = "device_error"
    user_message = "A hall device is not working."


class DeviceDisconnected(DeviceError):
    """The serial device's port is not open right now (unplugged, or not yet reconnected)."""

    code = "device_disconnected"
    user_message = "A hall device is disconnected."
