"""Speaking calls: wording per language, the clip set, quiet hours, a queue that never overlaps.

Pure Python. `Announcer.say(call)` queues a call; the output (a `VoiceOutput`: speakers, a WAV
folder, a test double) plays one announcement at a time and reports back through `done`, then
the next one starts, so a burst of calls is spoken in the order the calls came.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Protocol

from display.clips import Announcement, ClipError, ClipSet
from display.wording import PAUSE, Word, call_words, vocabulary, words_text

OPTIONAL = frozenset({"and"})  # words a call is said without when the clip set lacks them
# the calls spoken last, kept to look at: a display speaks a thousand a day for months
SPOKEN_KEPT = 100

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpokenCall:
    """A call to say aloud: the printed ticket number and the counter's number; a recall
    (the counter calls the same visitor again) says so."""

    ticket_id: str
    number: str
    counter_number: int
    recall: bool = False


@dataclass(frozen=True)
class QuietHours:
    """A daily stretch of local time with no voice, e.g. 20:00–08:00 (may cross midnight)."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """From "HH:MM-HH:MM"; ValueError says what is wrong."""
        try:
            start_text, end_text = text.split("-")
            return cls(time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip()))
        except ValueError:
            raise ValueError(
                f"quiet hours {text!r}: write them as HH:MM-HH:MM, e.g. 20:00-08:00"
            ) from None

    def __contains__(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class VoiceSettings:
    """How calls are spoken: languages in order, zeros read or not, volume, quiet hours, and
    `max_delay_s`: a call that has waited longer than this in the queue (a burst of calls) is
    said in the first language only, so the queue catches up (0: always in every language)."""

    languages: tuple[str, ...] = ("kk", "ru")
    read_zeros: bool = True
    volume: int = 80  # percent
    quiet_hours: QuietHours | None = None
    enabled: bool = True
    max_delay_s: float = 30.0

    def __post_init__(self) -> None:
        if not self.max_delay_s >= 0:
            raise ValueError(f"max_delay_s {self.max_delay_s}: give seconds, 0 or more")


class VoiceOutput(Protocol):
    """Plays one announcement; calls `done()` exactly once when it has finished (or failed)."""

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None: ...


def render(clips: ClipSet, call: SpokenCall, settings: VoiceSettings) -> Announcement:
    """The chime and the call in each language of `settings`, as one announcement (a recall
    from a clip set without the recall word is said as a call)."""
    zeros = settings.read_zeros

    def said(lang: str) -> list[Word]:
        words = call_words(call.number, call.counter_number, lang, zeros, call.recall)
        if not clips.missing(lang, [w.key for w in words if w != PAUSE]):
            return words
        # a set made before "thousand" was a word says a ticket past 999 digit by digit, as
        # every set did then, rather than not at all
        spelled = call_words(call.number, call.counter_number, lang, zeros, call.recall, 999)
        return spelled if not clips.missing(lang, [w.key for w in spelled if w != PAUSE]) else words

    phrases = [(lang, said(lang)) for lang in settings.languages]
    # a set made before English said "one hundred and one" says "one hundred one"
    phrases = [
        (lang, [w for w in words if w.key not in OPTIONAL or not clips.missing(lang, [w.key])])
        for lang, words in phrases
    ]
    text = " / ".join(words_text(words) for _, words in phrases)
    try:
        return clips.announce(phrases, text)
    except ClipError:
        if not call.recall:
            raise
        return render(clips, replace(call, recall=False), settings)


def required_words(lang: str) -> list[str]:
    """Every clip key a language needs for any call (numbers 1–999, counters 1–9999, letters)."""
    return sorted(vocabulary(lang))


class Announcer:
    """A queue of calls to speak, one at a time, in order; silent in quiet hours.

    `now` gives the hall's local time (for quiet hours); `on_started(call, announcement)` is
    told when an announcement starts playing (the display logs it, the bench times it).
    A call already waiting or being spoken is not queued again (a recall pressed right after
    the call, or while it is said); a recall after it was spoken is spoken again, as a recall.
    A call that waited longer than `settings.max_delay_s` (by `now`) is said in the first
    language only: a burst of 8 calls in kk and ru had left the 8th said a minute late.
    """

    def __init__(
        self,
        clips: ClipSet,
        output: VoiceOutput,
        settings: VoiceSettings,
        now: Callable[[], datetime],
        on_started: Callable[[SpokenCall, Announcement], None] | None = None,
    ) -> None:
        self._clips = clips
        self._output = output
        self.settings = settings
        self._now = now
        self._on_started = on_started
        self._pending: deque[tuple[SpokenCall, float]] = deque()  # and when it was queued
        self._playing: SpokenCall | None = None
        self.spoken: list[SpokenCall] = []  # the last SPOKEN_KEPT calls spoken, in order

    @property
    def busy(self) -> bool:
        return self._playing is not None

    @property
    def pending(self) -> tuple[SpokenCall, ...]:
        return tuple(call for call, _ in self._pending)

    def quiet_now(self) -> bool:
        quiet = self.settings.quiet_hours
        return quiet is not None and self._now().time() in quiet

    def say(self, call: SpokenCall) -> bool:
        """Queue `call`; False when it won't be spoken (voice off, quiet hours, queued already)."""
        if not self.settings.enabled or not self.settings.languages or self.quiet_now():
            return False
        if any(self._same(call, other) for other in (self._playing, *self.pending)):
            return False
        self._pending.append((call, self._now().timestamp()))
        if self._playing is None:
            self._next()
        return True

    @staticmethod
    def _same(call: SpokenCall, other: SpokenCall | None) -> bool:
        return (
            other is not None
            and other.ticket_id == call.ticket_id
            and other.number == call.number
            and other.counter_number == call.counter_number
        )

    def keep_only(self, ticket_ids: set[str]) -> None:
        """After a snapshot: the calls waiting whose tickets are no longer called are dropped
        (served, sent back, closed meanwhile); one being spoken is let finish."""
        self._pending = deque(p for p in self._pending if p[0].ticket_id in ticket_ids)

    def withdraw(self, ticket_id: str) -> None:
        """The call is no longer to be made (sent back to the line, transferred, a no-show, or
        the visitor already at the counter): a call of it still waiting is not spoken. One
        being spoken is let finish: cut off mid-word it would only confuse."""
        self._pending = deque(p for p in self._pending if p[0].ticket_id != ticket_id)

    def _render(self, call: SpokenCall, queued: float) -> Announcement:
        """`call` in every language, or in the first only when it is late: when it waited
        longer than `max_delay_s`, or when saying it in full would make a call waiting behind
        it start later than that after it came (even with the calls between said short)."""
        full = render(self._clips, call, self.settings)
        limit, languages = self.settings.max_delay_s, self.settings.languages
        now = self._now().timestamp()
        if not limit or len(languages) < 2 or (not self._pending and now - queued <= limit):
            return full  # (the usual case: a call alone, said at once)
        short = render(self._clips, call, replace(self.settings, languages=languages[:1]))
        late = now - queued > limit or any(
            now + full.duration_s + between * short.duration_s > came + limit
            for between, (_, came) in enumerate(self._pending)
        )
        if not late:
            return full
        log.info("%s said in %s only: %d calls wait", call.number, languages[0], len(self._pending))
        return short

    def _next(self) -> None:
        while self._pending and self._playing is None:
            call, queued = self._pending.popleft()
            try:
                announcement = self._render(call, queued)
            except (ClipError, ValueError) as exc:  # a word missing, a number beyond the rules
                log.warning("cannot say %s: %s", call.number, exc)
                continue
            except Exception:  # never a stuck queue: the call stays on the screen unspoken
                log.exception("cannot say %s", call.number)
                continue
            self._playing = call
            self.spoken.append(call)
            del self.spoken[:-SPOKEN_KEPT]
            if self._on_started is not None:
                self._on_started(call, announcement)
            finished = False

            def done(call: SpokenCall = call) -> None:
                nonlocal finished
                if finished or self._playing != call:
                    return
                finished = True
                self._playing = None
                self._next()

            try:
                self._output.play(announcement, done)
            except Exception:  # the output broke before it could report: the next one tries
                log.exception("cannot play %s", call.number)
                done()
