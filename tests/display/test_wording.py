"""Calls in words: every ticket number 1–999 and counter 1–99 in Kazakh and Russian."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from display.wording import call_text, cardinal, counter_words, ticket_number_words, vocabulary

# The test's own dictionaries: word -> value, written independently of display.wording.
KK = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90,
}  # fmt: skip
KK_ORD = {
    "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4, "бесінші": 5, "алтыншы": 6,
    "жетінші": 7, "сегізінші": 8, "тоғызыншы": 9, "оныншы": 10, "жиырмасыншы": 20,
    "отызыншы": 30, "қырқыншы": 40, "елуінші": 50, "алпысыншы": 60, "жетпісінші": 70,
    "сексенінші": 80, "тоқсаныншы": 90,
}  # fmt: skip
RU = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip


def kk_value(words: list[str]) -> int:
    """Reads Kazakh cardinal words back: "екі жүз он бес" = 2 × 100 + 10 + 5."""
    total = 0
    pending = 0
    for word in words:
        if word == "жүз":
            total += (pending or 1) * 100
            pending = 0
        else:
            pending += KK[word]
    return total + pending


@pytest.mark.parametrize(
    ("n", "kk", "ru"),
    [
        (1, "бір", "один"),
        (2, "екі", "два"),
        (10, "он", "десять"),
        (11, "он бір", "одиннадцать"),
        (19, "он тоғыз", "девятнадцать"),
        (23, "жиырма үш", "двадцать три"),
        (40, "қырық", "сорок"),
        (100, "жүз", "сто"),
        (101, "жүз бір", "сто один"),
        (115, "жүз он бес", "сто пятнадцать"),
        (200, "екі жүз", "двести"),
        (342, "үш жүз қырық екі", "триста сорок два"),
        (999, "тоғыз жүз тоқсан тоғыз", "девятьсот девяносто девять"),
    ],
)
def test_numbers_read_as_the_hall_says_them(n: int, kk: str, ru: str) -> None:
    assert " ".join(w.text for w in cardinal(n, "kk")) == kk
    assert " ".join(w.text for w in cardinal(n, "ru")) == ru


def test_every_number_from_1_to_999_reads_back_to_itself_in_kazakh_and_russian() -> None:
    seen: dict[str, set[str]] = {"kk": set(), "ru": set()}
    for n in range(1, 1000):
        kk = [w.text for w in cardinal(n, "kk")]
        ru = [w.text for w in cardinal(n, "ru")]
        assert kk_value(kk) == n, kk
        assert sum(RU[w] for w in ru) == n, ru
        assert [RU[w] for w in ru] == sorted((RU[w] for w in ru), reverse=True)  # big to small
        seen["kk"].add(" ".join(kk))
        seen["ru"].add(" ".join(ru))
    assert len(seen["kk"]) == len(seen["ru"]) == 999  # no two numbers sound alike


@pytest.mark.parametrize(
    ("n", "kk", "ru"),
    [
        (1, "бірінші терезеге", "окно один"),
        (2, "екінші терезеге", "окно два"),
        (5, "бесінші терезеге", "окно пять"),
        (6, "алтыншы терезеге", "окно шесть"),
        (9, "тоғызыншы терезеге", "окно девять"),
        (10, "оныншы терезеге", "окно десять"),
        (12, "он екінші терезеге", "окно двенадцать"),
        (20, "жиырмасыншы терезеге", "окно двадцать"),
        (25, "жиырма бесінші терезеге", "окно двадцать пять"),
        (40, "қырқыншы терезеге", "окно сорок"),
        (99, "тоқсан тоғызыншы терезеге", "окно девяносто девять"),
    ],
)
def test_counters_take_the_ordinal_and_dative_in_kazakh_and_the_nominative_in_russian(
    n: int, kk: str, ru: str
) -> None:
    assert " ".join(w.text for w in counter_words(n, "kk")) == kk
    assert " ".join(w.text for w in counter_words(n, "ru")) == ru


def test_every_counter_from_1_to_99_is_an_ordinal_that_keeps_vowel_harmony_in_kazakh() -> None:
    back, front = set("аоұы"), set("әеөүі")
    for n in range(1, 100):
        words = [w.text for w in counter_words(n, "kk")]
        *head, ordinal, noun = words
        assert noun == "терезеге"
        assert sum(KK[w] for w in head) + KK_ORD[ordinal] == n
        stem_vowels = [
            ch for ch in ordinal.removesuffix("ншы").removesuffix("нші") if ch in back | front
        ]
        suffix_back = ordinal.endswith("ншы")
        assert suffix_back == (stem_vowels[-1] in back), ordinal
        ru = [w.text for w in counter_words(n, "ru")]
        assert ru[0] == "окно"
        assert sum(RU[w] for w in ru[1:]) == n


def test_leading_zeros_are_read_only_when_the_hall_wants_them() -> None:
    with_zeros = [w.text for w in ticket_number_words("A023", "ru", read_zeros=True)]
    without = [w.text for w in ticket_number_words("A023", "ru", read_zeros=False)]
    assert with_zeros == ["а", "ноль", "двадцать", "три"]
    assert without == ["а", "двадцать", "три"]
    assert [w.text for w in ticket_number_words("A001", "kk")] == ["а", "нөл", "нөл", "бір"]


def test_a_number_past_999_is_read_as_one_number_not_digit_by_digit() -> None:
    """A busy line's thousandth ticket ("A1000", "A1205") had been read "а бір нөл нөл нөл"."""
    assert call_text("A1000", 5, "kk") == "А мың талон, бесінші терезеге"
    assert call_text("A1205", 5, "ru") == "Талон а тысяча двести пять, окно пять"
    assert call_text("A1205", 5, "en") == "Ticket A one thousand two hundred and five, counter five"
    # with leading zeros asked for, only those before the number's first digit are said
    assert call_text("A01000", 5, "ru") == "Талон а ноль тысяча, окно пять"
    spoken = [w.text for w in ticket_number_words("A12345", "ru")]  # past what is spoken whole
    assert spoken == ["а", "один", "два", "три", "четыре", "пять"]


def test_a_whole_call_in_each_language() -> None:
    assert call_text("A023", 5, "kk") == "А нөл жиырма үш талон, бесінші терезеге"
    assert call_text("A023", 5, "ru") == "Талон а ноль двадцать три, окно пять"
    assert call_text("A023", 5, "en", read_zeros=False) == "Ticket A twenty three, counter five"
    # British English, as the voice (en-gb) speaks: "and" before the tens
    assert (
        call_text("A101", 110, "en") == "Ticket A one hundred and one, counter one hundred and ten"
    )
    assert call_text("A100", 3, "en") == "Ticket A one hundred, counter three"


def test_every_word_a_call_can_use_is_in_the_vocabulary_the_clip_set_is_built_from() -> None:
    for lang in ("kk", "ru", "en"):
        keys = set(vocabulary(lang))
        for n in range(1, 1000):
            for counter in (1, 7, 10, 25, 40, 99):
                words = ticket_number_words(f"Z{n:03d}", lang) + counter_words(counter, lang)
                assert {w.key for w in words} <= keys
        for letter in PREFIX_LETTERS:
            words = ticket_number_words(f"{letter}001", lang)
            assert len(words) == 4, (lang, letter)  # the letter, zero, zero, one
            assert {w.key for w in words} <= keys


# every capital a catalogue's prefix may be, but the hard and soft signs
PREFIX_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZАӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЫІЭЮЯ"


def test_cyrillic_prefixes_are_spoken_in_each_language() -> None:
    assert call_text("Қ101", 12, "kk") == "Қы жүз бір талон, он екінші терезеге"
    assert call_text("Ж023", 5, "ru") == "Талон жэ ноль двадцать три, окно пять"
    assert call_text("Ж023", 5, "en", read_zeros=False) == "Ticket zhe twenty three, counter five"
    keys = {
        lang: {ticket_number_words(f"{c}1", lang)[0].key for c in PREFIX_LETTERS}
        for lang in ("kk", "ru", "en")
    }
    assert all(len(k) == len(PREFIX_LETTERS) for k in keys.values())  # a clip for each letter
    assert [w.text for w in ticket_number_words("Ъ001", "ru")] == ["ноль", "ноль", "один"]


def test_numbers_outside_the_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="1–9999"):
        cardinal(10000, "kk")
    with pytest.raises(ValueError, match="1–9999"):
        counter_words(10000, "ru")
    with pytest.raises(ValueError, match="1–9999"):
        counter_words(0, "kk")
    with pytest.raises(ValueError, match="no wording"):
        cardinal(5, "de")


# the test's own readers of big numbers: "екі мың үш жүз" = 2 × 1000 + 3 × 100
KK_BIG = {"жүз": 100, "мың": 1000}
KK_BIG_ORD = {"жүзінші": 100, "мыңыншы": 1000}
RU_THOUSANDS = {
    "тысяча": 1000, "две тысячи": 2000, "три тысячи": 3000, "четыре тысячи": 4000,
    "пять тысяч": 5000, "шесть тысяч": 6000, "семь тысяч": 7000, "восемь тысяч": 8000,
    "девять тысяч": 9000,
}  # fmt: skip
EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip


def big_value(words: list[str], small: dict[str, int]) -> int:
    """Reads "two thousand three hundred five" (or kk, ru) back: 2 × 1000 + 3 × 100 + 5."""
    total = current = 0
    for word in words:
        if KK_BIG.get(word) == 1000 or word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif KK_BIG.get(word) == 100 or word == "hundred":
            current = (current or 1) * 100
        elif word != "and":  # British English: "one hundred and five"
            current += small[word]
    return total + current


@pytest.mark.parametrize(
    ("n", "kk", "ru", "en"),
    [
        (100, "жүзінші терезеге", "окно сто", "counter one hundred"),
        (101, "жүз бірінші терезеге", "окно сто один", "counter one hundred and one"),
        (110, "жүз оныншы терезеге", "окно сто десять", "counter one hundred and ten"),
        (200, "екі жүзінші терезеге", "окно двести", "counter two hundred"),
        (1000, "мыңыншы терезеге", "окно тысяча", "counter one thousand"),
        (2000, "екі мыңыншы терезеге", "окно две тысячи", "counter two thousand"),
        (1005, "мың бесінші терезеге", "окно тысяча пять", "counter one thousand and five"),
        (
            2300,
            "екі мың үш жүзінші терезеге",
            "окно две тысячи триста",
            "counter two thousand three hundred",
        ),
        (
            9999,
            "тоғыз мың тоғыз жүз тоқсан тоғызыншы терезеге",
            "окно девять тысяч девятьсот девяносто девять",
            "counter nine thousand nine hundred and ninety nine",
        ),
    ],
)
def test_counters_of_a_hundred_and_more_are_said_to_the_last_word(
    n: int, kk: str, ru: str, en: str
) -> None:
    assert " ".join(w.text for w in counter_words(n, "kk")) == kk
    assert " ".join(w.text for w in counter_words(n, "ru")) == ru
    assert " ".join(w.text for w in counter_words(n, "en")) == en


def test_every_counter_up_to_9999_reads_back_to_itself_in_each_language_from_clips_it_has() -> None:
    keys = {lang: set(vocabulary(lang)) for lang in ("kk", "ru", "en")}
    said: dict[str, set[str]] = {"kk": set(), "ru": set(), "en": set()}
    for n in range(1, 10000):
        kk = counter_words(n, "kk")
        *head, ordinal, noun = (w.text for w in kk)
        assert noun == "терезеге"
        if ordinal in KK_BIG_ORD:  # "жүзінші" is "жүз" as an ordinal
            value = big_value([*head, {100: "жүз", 1000: "мың"}[KK_BIG_ORD[ordinal]]], KK)
        else:
            value = big_value(head, KK) + KK_ORD[ordinal]
        assert value == n, (n, head, ordinal)
        ru = [w.text for w in counter_words(n, "ru")]
        assert ru[0] == "окно" and sum({**RU, **RU_THOUSANDS}[w] for w in ru[1:]) == n, ru
        en = [w.text for w in counter_words(n, "en")]
        assert en[0] == "counter" and big_value(en[1:], EN) == n
        # "and" once, before the tens and units, after a hundred or a thousand
        assert en.count("and") == (n > 100 and n % 100 != 0), en
        assert "and" not in en or en[en.index("and") - 1] in ("hundred", "thousand"), en
        for lang, words in (
            ("kk", kk),
            ("ru", counter_words(n, "ru")),
            ("en", counter_words(n, "en")),
        ):
            assert {w.key for w in words} <= keys[lang], (lang, n)
            said[lang].add(" ".join(w.text for w in words))
    assert all(len(texts) == 9999 for texts in said.values())  # no two counters sound alike


LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_26_latin_prefix_letters_are_named_apart_in_each_language(lang: str) -> None:
    """C023 and S023 are both in the demo hall: a visitor must hear which one is called."""
    names = {letter: ticket_number_words(f"{letter}1", lang)[0].text for letter in LATIN}
    assert len(set(names.values())) == 26, names
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        pytest.skip("espeak-ng is not installed: the names' sounds cannot be compared")
    voice = {"kk": "kk", "ru": "ru", "en": "en-gb"}[lang]
    sounds: dict[str, str] = {}
    for letter, name in names.items():
        said = subprocess.run(
            [espeak, "-q", "-x", "-v", voice, name], capture_output=True, text=True, check=True
        )
        sound = said.stdout.strip()
        assert sound not in sounds, f"{lang}: {letter} sounds as {sounds[sound]} does ({sound})"
        sounds[sound] = letter
