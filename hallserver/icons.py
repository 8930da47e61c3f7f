"""The icon names a catalogue may give its services and groups, and the symbol the kiosk
draws for each (kiosk/views/theme.py adds its own buttons'): the server checks a catalogue
against these names, so a misspelt one is refused, not shown as "•". Here, where both the
server and the kiosk may import it (the server never imports the apps). Each symbol is drawn
by a DejaVu font (tests/kiosk/test_icons.py)."""

from __future__ import annotations

CATALOGUE_ICONS: dict[str, str] = {  # name: its symbol, one per meaning
    "id-card": "☺",
    "passport": "✈",
    "address": "✉",  # where letters reach you
    "key": "✍",  # a digital signature: signing
    "pen": "✎",  # changing a name: writing it anew
    "family": "♥",  # birth, marriage, death
    "baby": "☼",
    "rings": "⚭",
    "document": "▤",
    "mourning": "⚘",  # registering a death: a flower, as at a funeral
    "house": "⌂",
    "map": "⚑",
    "pension": "₸",  # pensions and benefits: the tenge the state pays
    "stroller": "✿",
    "heart": "✚",  # disability and survivor's benefits: the medical cross
    "receipt": "✓",
    "briefcase": "⚖",
    "car": "➜",
    "licence": "▭",  # a card
    "certificate": "☑",
    "shield": "⚔",  # military registration
}
