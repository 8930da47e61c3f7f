"""The icon names a catalogue may give its services and groups: those the kiosk draws.

The kiosk keeps each one's symbol (kiosk/views/theme.py ICONS); the server checks a catalogue
against these names, so a misspelt one is refused, not shown as "•". Here, where both the
server and the kiosk may import it (the server never imports the apps)."""

from __future__ import annotations

CATALOGUE_ICONS = (
    "id-card",
    "passport",
    "address",
    "key",
    "pen",
    "family",
    "baby",
    "rings",
    "document",
    "mourning",
    "house",
    "map",
    "pension",
    "stroller",
    "heart",
    "receipt",
    "briefcase",
    "car",
    "licence",
    "certificate",
    "shield",
)
