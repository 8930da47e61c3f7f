"""Serial hall devices: call buttons, rating keypads and number displays, with their protocols."""

from hardware.devices import kezek_line, modbus_display, qsystem

ADDRESSES = {  # each protocol's device addresses
    "kezek": kezek_line.ADDRESSES,
    "qsystem": qsystem.ADDRESSES,
    "modbus": modbus_display.ADDRESSES,
}
