"""What a name or a text must hold to show on a screen or a ticket."""

import pytest

from hallserver.domain.ids import shows_nothing


@pytest.mark.parametrize(
    "blank",
    [
        "",
        " \t\n",
        "\u200b",  # a zero-width space
        "\ufeff",  # a byte-order mark
        "\u3000",  # an ideographic space
        "\u3164",  # the Hangul filler
        "\u115f\u1160",  # the Hangul choseong and jungseong fillers
        "\uffa0",  # the halfwidth Hangul filler
        "\u2800",  # the Braille blank
        "\u0301",  # a combining acute accent with no letter under it
        "\ufe0f",  # a variation selector alone
        "\u034f",  # the combining grapheme joiner
        " \u200b\u2800 ",
    ],
)
def test_a_text_of_blanks_shows_nothing(blank: str) -> None:
    assert shows_nothing(blank)


@pytest.mark.parametrize(
    "text",
    [
        "Паспорт",
        "Төлқұжат",
        "e\u0301",
        " a ",
        "\u2801",
        "✓",
        "1",
        "한",
        "\U0001f44d\ufe0f",
        "\u0903",
    ],
)
def test_a_text_with_a_letter_or_a_sign_shows(text: str) -> None:
    assert not shows_nothing(text)
