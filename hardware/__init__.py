"""Devices the hall plugs in: ticket printers, call buttons, rating keypads, number displays."""
