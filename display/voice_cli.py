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

    Files already there (a studio's recordings, or an earlier build) are kept unless `force`.
    """
    program = shutil.which(espeak)
    if program is None:
        raise VoiceBuildError(f"{espeak} is not installed (Debian: apt install espeak-ng)")
    jobs: list[tuple[str, str, Path]] = []
    for lang in languages:
        words = vocabulary(lang)
        target = folder / lang
        target.mkdir(parents=True, exist_ok=True)
        script = "".join(f"{key}\t{text}\n" for key, text in sorted(words.items()))
        (target / "words.tsv").write_text(script, encoding="utf-8")
        for key, text in sorted(words.items()):
            path = target / f"{key}.wav"
            if force or not path.exists():
                jobs.append((lang, text, path))
    if force or not (folder / "chime.wav").exists():
        write_wav(folder / "chime.wav", chime())

    def speak(job: tuple[str, str, Path]) -> Path:
        lang, text, path = job
        command = [program, "-v", ESPEAK_VOICES[lang], "-s", str(speed), "-w", str(path), text]
        result = subprocess.run(  # noqa: S603 - our own argument list, no shell
            command, capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not path.is_file():
            raise VoiceBuildError(f"espeak-ng failed on {text!r}: {result.stderr.strip()}")
        return path

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(speak, jobs))


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
