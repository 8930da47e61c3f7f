"""What the hall hears on a call: numbers and counters in Kazakh, Russian and English as words.

Pure Python. A call becomes a list of `Word`s (a clip key and its text) per language; the clip
set holds one WAV per key, so the same list drives the spoken announcement and the clip set's
vocabulary (`vocabulary`). Rules:

- Ticket numbers 1–999 are cardinals: kk "жиырма үш", ru "двадцать три" (masculine: "один",
  "два", agreeing with "талон"/"номер"), en "twenty three". With `read_zeros` the leading zeros
  of the printed number are read too ("023" → "ноль двадцать три"), as many halls do.
- Counters 1–9999: kk needs the ordinal and the dative of the noun, "бесінші терезеге" ("to the
  fifth window"); only the last word of a compound takes the ordinal ("жиырма бесінші").
  Russian names the window with the cardinal in the nominative, "окно пять" ("окно номер пять"
  reads the same way), which needs no case agreement at all; English "counter five".
- English is British: "one hundred and one", "two thousand and five" ("and" before the tens).
- Phrases: kk "А нөл жиырма үш талон, бесінші терезеге"; ru "Талон А ноль двадцать три, окно
  пять"; en "Ticket A zero twenty three, counter five".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hallserver.kazakh import KK_TENS, KK_UNITS

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Word:
    """One spoken word (or a pause marker when `key` is ","): its clip key and its text."""

    key: str
    text: str


PAUSE = Word(",", ",")

_KK_UNITS = KK_UNITS  # the kiosk writes times with the same numerals' case endings
_KK_TENS = KK_TENS
_KK_UNITS_ORD = (
    "",
    "бірінші",
    "екінші",
    "үшінші",
    "төртінші",
    "бесінші",
    "алтыншы",
    "жетінші",
    "сегізінші",
    "тоғызыншы",
)
_KK_TENS_ORD = (
    "",
    "оныншы",
    "жиырмасыншы",
    "отызыншы",
    "қырқыншы",  # қырық loses its second vowel: қырқыншы
    "елуінші",
    "алпысыншы",
    "жетпісінші",
    "сексенінші",
    "тоқсаныншы",
)
_RU_UNITS = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_RU_TEENS = (
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
)
_RU_TENS = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)
_RU_HUNDREDS = (
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
)
_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# How each language names the Latin letters of ticket prefixes. Kazakh speakers name Latin
# letters as school teaches them in mathematics, by their Russian names ("цэ", "эс", "аш"): the
# Kazakh alphabet's own "сы" would say C and S alike (and H and X, "һы" and "хы", nearly so).
# A hall that says them differently records its own letter_X.wav; the text here is what
# espeak-ng is given.
_LATIN_NAMES = [
    "а",
    "бэ",
    "цэ",
    "дэ",
    "е",
    "эф",
    "гэ",
    "аш",
    "и",
    "жи",
    "ка",
    "эль",
    "эм",
    "эн",
    "о",
    "пэ",
    "ку",
    "эр",
    "эс",
    "тэ",
    "у",
    "вэ",
    "дубль-вэ",
    "икс",
    "игрек",
    "зэт",
]
_LETTERS: dict[str, dict[str, str]] = {
    "kk": dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LATIN_NAMES, strict=True)),
    "ru": dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LATIN_NAMES, strict=True)),
    "en": {letter: letter for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
}
# Cyrillic prefixes (a catalogue may use any capital letter): the letter, its clip key's
# ASCII stem, and its name in kk (the Kazakh alphabet's), ru (the Russian; Kazakh-only
# letters by their nearest Russian sound) and en (the letter of Kazakhstan's Latin spelling,
# or a syllable; espeak-ng cannot say "shch", so Щ is "sha" like Ш). The hard and soft signs
# name no sound and are not spoken.
_CYRILLIC = (
    ("А", "a", "а", "а", "A"),
    ("Ә", "ae", "ә", "э", "A"),
    ("Б", "b", "бы", "бэ", "B"),
    ("В", "v", "вы", "вэ", "V"),
    ("Г", "g", "гы", "гэ", "G"),
    ("Ғ", "gh", "ғы", "гэ", "G"),
    ("Д", "d", "ды", "дэ", "D"),
    ("Е", "e", "е", "е", "E"),
    ("Ё", "yo", "ё", "ё", "yo"),
    ("Ж", "zh", "жы", "жэ", "zhe"),
    ("З", "z", "зы", "зэ", "Z"),
    ("И", "i", "и", "и", "I"),
    ("Й", "j", "қысқа и", "и краткое", "Y"),
    ("К", "k", "кы", "ка", "K"),
    ("Қ", "q", "қы", "ка", "Q"),
    ("Л", "l", "лы", "эль", "L"),
    ("М", "m", "мы", "эм", "M"),
    ("Н", "n", "ны", "эн", "N"),
    ("Ң", "ng", "ың", "эн", "N"),
    ("О", "o", "о", "о", "O"),
    ("Ө", "oe", "ө", "о", "O"),
    ("П", "p", "пы", "пэ", "P"),
    ("Р", "r", "ры", "эр", "R"),
    ("С", "s", "сы", "эс", "S"),
    ("Т", "t", "ты", "тэ", "T"),
    ("У", "u", "у", "у", "U"),
    ("Ұ", "uu", "ұ", "у", "U"),
    ("Ү", "ue", "ү", "у", "U"),
    ("Ф", "f", "фы", "эф", "F"),
    ("Х", "kh", "хы", "ха", "kha"),
    ("Һ", "h", "һы", "ха", "H"),
    ("Ц", "ts", "цы", "цэ", "tse"),
    ("Ч", "ch", "чы", "че", "che"),
    ("Ш", "sh", "шы", "ша", "sha"),
    ("Щ", "shch", "щы", "ща", "sha"),
    ("Ы", "y", "ы", "ы", "Y"),
    ("І", "i_dotted", "і", "и", "I"),
    ("Э", "eh", "э", "э", "E"),
    ("Ю", "yu", "ю", "ю", "yu"),
    ("Я", "ya", "я", "я", "ya"),
)
# every letter a prefix may be spoken with, per language: letter -> (clip key, text)
_SPOKEN: dict[str, dict[str, tuple[str, str]]] = {
    lang: {letter: (f"letter_{letter}", text) for letter, text in names.items()}
    | {
        letter: (f"letter_cyr_{stem}", {"kk": kk, "ru": ru, "en": en}[lang])
        for letter, stem, kk, ru, en in _CYRILLIC
    }
    for lang, names in _LETTERS.items()
}
_ZERO = {"kk": "нөл", "ru": "ноль", "en": "zero"}
_TICKET = {"kk": "талон", "ru": "талон", "en": "ticket"}
_COUNTER = {"kk": "терезеге", "ru": "окно", "en": "counter"}
_HUNDRED = {"kk": "жүз", "en": "hundred"}
# a recall begins with it: "Қайталап, А нөл жиырма үш талон…", "Повторно, талон…", "Again, …"
_RECALL = {"kk": "қайталап", "ru": "повторно", "en": "again"}
_THOUSAND = {"kk": "мың", "en": "thousand"}
_RU_THOUSANDS = (
    "",
    "тысяча",
    "две тысячи",
    "три тысячи",
    "четыре тысячи",
    "пять тысяч",
    "шесть тысяч",
    "семь тысяч",
    "восемь тысяч",
    "девять тысяч",
)
# kk ordinals of a round hundred or thousand: the last word only takes the suffix
_KK_BIG_ORD = {"hundred": ("ord100", "жүзінші"), "thousand": ("ord1000", "мыңыншы")}
TOP = 9999  # the highest counter (and cardinal) spoken: the catalogue numbers counters 1–9999


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"no wording for language {lang!r}: use one of {', '.join(LANGUAGES)}")


def cardinal(n: int, lang: str) -> list[Word]:
    """`n` (1–9999) as words; keys are n<value> (or `hundred`, `thousand`, kk and en)."""
    _check(lang)
    if not 1 <= n <= TOP:
        raise ValueError(f"{n} is outside 1–{TOP}")
    thousands, n = divmod(n, 1000)
    words: list[Word] = []
    if thousands and lang == "ru":  # "две тысячи", "пять тысяч": one clip each
        words.append(Word(f"n{thousands * 1000}", _RU_THOUSANDS[thousands]))
    elif thousands:
        if thousands > 1 or lang == "en":  # kk: "мың" alone is one thousand
            words.append(_unit(thousands, lang))
        words.append(Word("thousand", _THOUSAND[lang]))
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    if lang == "ru":
        if hundreds:
            words.append(Word(f"n{hundreds * 100}", _RU_HUNDREDS[hundreds]))
        if tens == 1:
            words.append(Word(f"n{rest}", _RU_TEENS[units]))
            return words
        if tens:
            words.append(Word(f"n{tens * 10}", _RU_TENS[tens]))
        if units:
            words.append(Word(f"n{units}", _RU_UNITS[units]))
        return words
    if hundreds:
        if hundreds > 1 or lang == "en":  # kk: "жүз" alone is one hundred; en "one hundred"
            words.append(_unit(hundreds, lang))
        words.append(Word("hundred", _HUNDRED[lang]))
    if lang == "en" and rest and words:  # British: "one hundred and one", "… thousand and five"
        words.append(Word("and", "and"))
    if lang == "en" and tens == 1:
        words.append(Word(f"n{rest}", _EN_TEENS[units]))
        return words
    if tens:
        text = _KK_TENS[tens] if lang == "kk" else _EN_TENS[tens]
        words.append(Word(f"n{tens * 10}", text))
    if units:
        words.append(_unit(units, lang))
    return words


def _unit(n: int, lang: str) -> Word:
    return Word(f"n{n}", _KK_UNITS[n] if lang == "kk" else _EN_UNITS[n])


def counter_words(n: int, lang: str) -> list[Word]:
    """The counter part of a call: kk "бесінші терезеге", ru "окно пять", en "counter five".

    Counters 1–9999; in Kazakh only the last word of the number is an ordinal ("жүз бірінші",
    "екі жүзінші", "мыңыншы")."""
    _check(lang)
    if not 1 <= n <= TOP:
        raise ValueError(f"counter {n} is outside 1–{TOP}")
    noun = Word("counter", _COUNTER[lang])
    if lang != "kk":
        return [noun, *cardinal(n, lang)]
    *head, last = cardinal(n, lang)
    if last.key in _KK_BIG_ORD:
        return [*head, Word(*_KK_BIG_ORD[last.key]), noun]
    value = int(last.key.removeprefix("n"))
    text = _KK_UNITS_ORD[value] if value < 10 else _KK_TENS_ORD[value // 10]
    return [*head, Word(f"ord{value}", text), noun]


def ticket_number_words(
    number: str, lang: str, read_zeros: bool = True, whole_up_to: int = TOP
) -> list[Word]:
    """A printed number such as "A023": the letters, then the digits as the hall reads them.

    Latin and Kazakh Cyrillic letters are spoken; other characters are not. A number beyond
    999 (a very busy day: "A1000") is read as one, up to `whole_up_to` (9999, as counters
    are); beyond that, digit by digit.
    """
    _check(lang)
    spoken = _SPOKEN[lang]
    letters = "".join(ch for ch in number.upper() if not ch.isdigit())
    digits = "".join(ch for ch in number if ch.isdigit())
    words = [Word(*spoken[ch]) for ch in letters if ch in spoken]
    if not digits:
        return words
    value = int(digits)
    if value == 0 or value > min(whole_up_to, TOP):
        return words + [
            Word("zero", _ZERO[lang]) if d == "0" else _digit(int(d), lang) for d in digits
        ]
    if read_zeros:
        zeros = len(digits) - len(digits.lstrip("0"))
        words += [Word("zero", _ZERO[lang])] * zeros
    return words + cardinal(value, lang)


def _digit(d: int, lang: str) -> Word:
    return cardinal(d, lang)[0]


def call_words(
    number: str,
    counter: int,
    lang: str,
    read_zeros: bool = True,
    recall: bool = False,
    whole_up_to: int = TOP,
) -> list[Word]:
    """The whole call in one language, with a pause (`PAUSE`) between ticket and counter; a
    recall begins "Қайталап," / "Повторно," / "Again,". The ticket's number is said as one up
    to `whole_up_to`, digit by digit past it."""
    ticket = Word("ticket", _TICKET[lang])
    digits = ticket_number_words(number, lang, read_zeros, whole_up_to)
    again = [Word("recall", _RECALL[lang]), PAUSE] if recall else []
    if lang == "kk":  # "А нөл жиырма үш талон, бесінші терезеге"
        return [*again, *digits, ticket, PAUSE, *counter_words(counter, lang)]
    return [*again, ticket, *digits, PAUSE, *counter_words(counter, lang)]


def call_text(
    number: str, counter: int, lang: str, read_zeros: bool = True, recall: bool = False
) -> str:
    """The call as one line of text, e.g. "Талон А ноль двадцать три, окно пять"."""
    return words_text(call_words(number, counter, lang, read_zeros, recall))


def words_text(words: list[Word]) -> str:
    """Words (and pauses) as a line of text, its first letter a capital."""
    text = " ".join(w.text for w in words).replace(" ,", ",")
    return text[:1].upper() + text[1:]


# words added after the first clip sets were made (a studio's set may lack them): counters of
# 100 and more, Cyrillic prefixes, the recall word, the English "and" of "one hundred and one"
_LATER = re.compile(r"letter_cyr_.*|ord1000?|thousand|n[1-9]000|recall|and")


def added_later(key: str) -> bool:
    """Whether a set may lack this word and still speak (only a call needing it is not)."""
    return _LATER.fullmatch(key) is not None


def vocabulary(lang: str) -> dict[str, str]:
    """Every clip key a call in `lang` can use, with the text to speak (for `kezek voice build`)."""
    _check(lang)
    words: dict[str, str] = {
        "ticket": _TICKET[lang],
        "counter": _COUNTER[lang],
        "zero": _ZERO[lang],
        "recall": _RECALL[lang],
    }
    # a number's words are those of its thousands and of the rest: these cover 1–9999
    for n in [*range(1, 1000), *range(1000, TOP + 1, 1000)]:
        for word in cardinal(n, lang):
            words[word.key] = word.text
    for n in [*range(1, 100), 100, 1000, 2000]:  # every word a counter's number ends with
        for word in counter_words(n, lang):
            words[word.key] = word.text
    for key, text in _SPOKEN[lang].values():
        words[key] = text
    return words
