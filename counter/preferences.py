"""What a counter PC remembers between starts: the language last chosen on it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from counter.language import LANGUAGES

log = logging.getLogger(__name__)
FILE_NAME = "counter-preferences.json"  # kept beside the counter's enrollment


def remembered_language(path: Path) -> str | None:
    """The language saved in `path`, or None (never chosen, unreadable, or not one we have)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    language = raw.get("language") if isinstance(raw, dict) else None
    return language if language in LANGUAGES else None


def remember_language(path: Path, language: str) -> None:
    """Keep `language` for the next start. A PC that cannot write it only forgets it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.partial")
        partial.write_text(json.dumps({"language": language}), encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        log.warning("cannot remember the console's language in %s: %s", path, exc)
