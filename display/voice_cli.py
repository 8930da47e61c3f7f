"""`kezek voice`: make a clip set offline with espeak-ng, and say one call into a WAV file."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from display.clips import ClipError, ClipSet, chime, write_wav
from display.config import default_clips_dir, split_commas
from display.voice import SpokenCall, VoiceSettings, render
from display.wording import LANGUAGES, TOP, vocabulary
from hallserver.cli_parser import Parser

ESPEAK_VOICES = {"kk": "kk", "ru": "ru", "en": "en-gb"}
# Letters espeak-ng says too short or as another word when given them alone, and the phonemes it
# is given instead (its [[...]] input), so each is said as the letter's name, a held vowel: ru
# "и" is read as the conjunction (53 ms), kk "у" as a /w/ glide (105 ms, 7 dB quieter; in "ку"
# and "дубль-вэ", Q and W, too), and the other lone vowels last 120-130 ms where "а" or "о" last
# 175 ms. words.tsv keeps the letter's name (a studio's script) and, in its third column, the
# phonemes the clip was made from.
ESPEAK_SPELLING: dict[tuple[str, str], str] = {
    ("ru", "и"): "[['i:]]",
    ("ru", "у"): "[['u:]]",
    ("kk", "у"): "[['U:w]]",
    ("kk", "ы"): "[['@:]]",
    ("kk", "ө"): "[['8:]]",
    ("kk", "ұ"): "[['U:]]",
    ("kk", "і"): "[['I:]]",
    ("kk", "ү"): "[['u#:]]",
    ("kk", "ку"): "[[k'u:]]",
    ("kk", "дубль-вэ"): "[[d'u:bl; v'e]]",
}


def _say(*parts: object, file: TextIO | None = None) -> None:
    """One line for the technician on the terminal."""
    print(*parts, file=file or sys.stdout)


class VoiceBuildError(Exception):
    """espeak-ng is missing or failed; the message says what to do."""


def build(
    folder: Path,
    languages: Iterable[str],
    espeak: str = "espeak-ng",
    speed: int = 150,
    force: bool = False,
) -> list[Path]:
    """Speak every word of `languages` into `folder/<lang>/<key>.wav`; returns the files made.

    Files already there (a studio's recordings, or an earlier build) are kept unless `force`,
    or unless their text changed since (words.tsv keeps each clip's text and how it was made:
    a word said differently now is made again), or they were made by espeak-ng with other
    settings. A studio's recordings are marked so in words.tsv's third column ("studio"):
    they are made again only when their text changed.
    """
    program = shutil.which(espeak)
    if program is None:
        raise VoiceBuildError(f"{espeak} is not installed (Debian: apt install espeak-ng)")
    jobs: list[tuple[str, str, Path]] = []
    scripts: dict[Path, dict[str, tuple[str, str]]] = {}
    for lang in languages:
        target = folder / lang
        target.mkdir(parents=True, exist_ok=True)
        old = read_script(target)
        script: dict[str, tuple[str, str]] = {}
        for key, text in sorted(vocabulary(lang).items()):
            path = target / f"{key}.wav"
            made = _made_by(lang, speed, text)
            old_text, old_made = old.get(key, (text, made))
            stale = old_text != text or (old_made.startswith("espeak-ng") and old_made != made)
            if force or stale or not path.exists():
                jobs.append((lang, text, path))
                script[key] = (text, made)
            else:
                script[key] = (text, old_made)
        scripts[target] = script
    if force or not (folder / "chime.wav").exists():
        write_wav(folder / "chime.wav", chime())

    def speak(job: tuple[str, str, Path]) -> Path:
        lang, text, path = job
        said = ESPEAK_SPELLING.get((lang, text), text)
        command = [program, "-v", ESPEAK_VOICES[lang], "-s", str(speed), "-w", str(path), said]
        result = subprocess.run(  # noqa: S603 - our own argument list, no shell
            command, capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not path.is_file():
            raise VoiceBuildError(f"espeak-ng failed on {text!r}: {result.stderr.strip()}")
        return path

    with ThreadPoolExecutor(max_workers=2) as pool:
        made_now = list(pool.map(speak, jobs))
    for target, script in scripts.items():  # once the clips say what it says
        lines = "".join(f"{key}\t{text}\t{how}\n" for key, (text, how) in script.items())
        (target / "words.tsv").write_text(lines, encoding="utf-8")
    return made_now


def _made_by(lang: str, speed: int, text: str) -> str:
    """words.tsv's third column for a clip espeak-ng makes, e.g. "espeak-ng -v ru -s 150", or
    "espeak-ng -v ru -s 150 as [['i:]]" when given phonemes for the text."""
    return f"espeak-ng -v {ESPEAK_VOICES[lang]} -s {speed}{_spelled(lang, text)}"


def _spelled(lang: str, text: str) -> str:
    spelling = ESPEAK_SPELLING.get((lang, text))
    return f" as {spelling}" if spelling else ""


def read_script(target: Path) -> dict[str, tuple[str, str]]:
    """A language folder's words.tsv: key -> (text, how it was made; "" if not said)."""
    try:
        lines = (target / "words.tsv").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    script: dict[str, tuple[str, str]] = {}
    for line in lines:
        key, _, rest = line.partition("\t")
        text, _, how = rest.partition("\t")
        if key and text:
            script[key] = (text, how)
    return script


def stale_words(folder: Path, languages: Iterable[str]) -> dict[str, list[str]]:
    """Per language, the clips made for a text the words no longer have (a wording fixed), or
    made by espeak-ng from other phonemes than it is given now (`ESPEAK_SPELLING`)."""
    stale: dict[str, list[str]] = {}
    for lang in languages:
        old = read_script(folder / lang)
        keys = [
            k for k, text in vocabulary(lang).items() if k in old and _outdated(lang, text, old[k])
        ]
        if keys:
            stale[lang] = keys
    return stale


def _outdated(lang: str, text: str, old: tuple[str, str]) -> bool:
    """Whether a clip made for `old` (text, how) says something else than `text` is said now."""
    old_text, how = old
    if old_text != text:
        return True
    _, found, spelling = how.partition(" as ")
    return how.startswith("espeak-ng") and found + spelling != _spelled(lang, text)


def missing_words(folder: Path, languages: Iterable[str]) -> dict[str, list[str]]:
    """Per language, the clip keys a call may need that the folder lacks."""
    clips = ClipSet(folder)
    return {
        lang: missing for lang in languages if (missing := clips.missing(lang, vocabulary(lang)))
    }


def _languages(text: str) -> tuple[str, ...]:
    languages = split_commas(text)
    bad = [lang for lang in languages if lang not in LANGUAGES]
    if bad or not languages:
        raise argparse.ArgumentTypeError(f"use some of {', '.join(LANGUAGES)}, e.g. kk,ru")
    return languages


def parser() -> argparse.ArgumentParser:
    root = Parser(prog="kezek voice", description="Voice clip sets for the display.")
    sub = root.add_subparsers(dest="action", required=True, metavar="ACTION")
    make = sub.add_parser("build", help="make a clip set offline with espeak-ng")
    make.add_argument(
        "--dir", type=Path, default=None, help="the clip set folder (default: user data dir)"
    )
    make.add_argument(
        "--lang", type=_languages, default=("kk", "ru"), help="languages, e.g. kk,ru,en"
    )
    make.add_argument("--speed", type=int, default=150, help="espeak-ng words per minute")
    make.add_argument("--force", action="store_true", help="replace clips already there")
    say = sub.add_parser("say", help="say one call into a WAV file, e.g. say A023 5 --out call.wav")
    say.add_argument("number", help="the ticket number as printed, e.g. A023")
    say.add_argument("counter", type=int, help="the counter's number, 1–9999")
    say.add_argument("--dir", type=Path, default=None)
    say.add_argument("--lang", type=_languages, default=("kk", "ru"))
    say.add_argument(
        "--no-zeros", action="store_true", help='"А двадцать три", not "А ноль двадцать три"'
    )
    say.add_argument("--volume", type=int, default=100, help="percent")
    say.add_argument("--out", type=Path, required=True)
    return root


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:  # `kezek display -- --server URL`: see the report on kezek's parser
        argv = argv[1:]
    args = parser().parse_args(argv)
    folder: Path = args.dir or default_clips_dir()
    try:
        if args.action == "build":
            made = build(folder, args.lang, speed=args.speed, force=args.force)
            _say(
                f"{len(made)} clips made in {folder} ({', '.join(args.lang)}); a studio's "
                "recordings with the same names (see <lang>/words.tsv) replace them"
            )
            return 0
        if not 1 <= args.counter <= TOP or not 0 <= args.volume <= 100:
            _say(f"kezek voice: the counter is 1–{TOP} and the volume 0–100", file=sys.stderr)
            return 2
        missing = missing_words(folder, args.lang)
        if missing:
            lang, keys = next(iter(missing.items()))
            _say(
                f"kezek voice: {folder} lacks {len(keys)} {lang} clips (e.g. {keys[0]}.wav): "
                f"run kezek voice build --dir {folder} --lang {','.join(args.lang)}",
                file=sys.stderr,
            )
            return 1
        settings = VoiceSettings(languages=args.lang, read_zeros=not args.no_zeros)
        announcement = render(
            ClipSet(folder, args.volume / 100), SpokenCall("", args.number, args.counter), settings
        )
        write_wav(args.out, announcement.samples)
        _say(f"{args.out}: {announcement.duration_s:.1f} s: {announcement.text}")
        return 0
    except (VoiceBuildError, ClipError, OSError) as exc:
        _say(f"kezek voice: {exc}", file=sys.stderr)
        return 1
