"""Where announcements go: the speakers through QtMultimedia, and/or a folder of WAV files."""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from display.clips import RATE, Announcement, write_wav

log = logging.getLogger(__name__)

NO_OUTPUT = "no audio output"
# Qt's PulseAudio sink asks the server for 1024 frames of buffer (46 ms at 22,050 Hz) whatever
# setBufferSize says, so a display busy a little longer (a busy PC, the board redrawn) chopped
# the call; libpulse takes a stream's latency from this variable instead (a technician's wins)
PULSE_LATENCY_MS = "250"
WRITTEN_KEPT = 100  # the WAV files written last, kept to look at (the folder keeps `keep`)
CALL_WAV = re.compile(r"call-(\d{8}-\d{6})-(\d+)\.wav")  # the files it writes: no other
# old WAVs deleted in one go, the rest in the next turns of the event loop: the months of them
# a folder held before it kept only the newest had frozen the board for seconds at the first call
DELETED_AT_ONCE = 100


def speakers_available() -> bool:
    """Whether this machine has an audio output (none on a headless box or in CI)."""
    return not QMediaDevices.defaultAudioOutput().isNull()


class _Play:
    """One announcement on its way to the speakers: its own sink, buffer and watchdog, all
    freed once it has ended (however it ended)."""

    def __init__(self, sink: QAudioSink, device: QAudioDevice, done: Callable[[], None]) -> None:
        self.sink = sink
        self.device_id = bytes(device.id().data())
        self.device_name = device.description()
        self.done = done
        self.buffer = QBuffer(sink)  # the sink's child: deleted with it
        self.watchdog = QTimer(sink, singleShot=True)


class QtVoiceOutput(QObject):
    """Plays announcements one at a time on the default audio output, if there is one.

    With `wav_dir`, every announcement is also written there as call-YYYYmmdd-HHMMSS-NNN.wav
    (for inspection, or as the only output on a machine with no sound); with `keep`, only the
    newest `keep` such files stay there (those of earlier runs too), the older are deleted.
    Without speakers an announcement counts as finished once written, so the queue moves on.

    Every announcement ends, whatever the audio stack does: it is played on a sink opened for
    it on the default output of the moment (so a TV switched on, or a default output changed,
    is used from the next call on), and ends when the sink has played it all, reports an
    error, loses its device, or after the announcement's length plus `margin_s` (a stream
    whose device vanished may never say so). `failure` says what went wrong while the voice
    is failing ("" when it is well); the display's heartbeat reports it.
    """

    def __init__(
        self,
        wav_dir: Path | None,
        use_speakers: bool,
        parent: QObject | None = None,
        *,
        margin_s: float = 6.0,
        keep: int = 0,
    ) -> None:
        super().__init__(parent)
        self.wav_dir = wav_dir
        self.keep = keep  # the newest calls' WAVs left in wav_dir (0: every one)
        self._kept: deque[Path] | None = None  # those there, oldest first (read at the first)
        self._delete_failed = False
        self._deleting = False  # the next slice of old WAVs to delete is due
        self.written: list[Path] = []  # the last WRITTEN_KEPT, oldest first
        self.margin_s = margin_s
        self.failure = ""
        self._use_speakers = use_speakers
        if use_speakers:  # read by libpulse as each call's stream is made
            os.environ.setdefault("PULSE_LATENCY_MSEC", PULSE_LATENCY_MS)
        self._play: _Play | None = None
        self._count = 0
        self._format = QAudioFormat()
        self._format.setSampleRate(RATE)
        self._format.setChannelCount(1)
        self._format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._devices = QMediaDevices(self)
        if use_speakers:
            self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
            if not speakers_available():
                self.failure = NO_OUTPUT

    @property
    def has_speakers(self) -> bool:
        return self._use_speakers and speakers_available()

    def status(self) -> str:
        """For the heartbeat: "" when the voice plays, else what is wrong with it."""
        return f"voice failing: {self.failure}" if self.failure else ""

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        if self.wav_dir is not None:
            self._count += 1
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = self.wav_dir / f"call-{stamp}-{self._count:03d}.wav"
            try:
                write_wav(path, announcement.samples, whole=True)  # for folder watchers
                self.written.append(path)
                del self.written[:-WRITTEN_KEPT]
            except OSError as exc:
                log.warning("cannot write %s: %s", path, exc)
            else:
                self._keep_newest(path)
        if not self._use_speakers:
            QTimer.singleShot(0, done)
            return
        if self._play is not None:  # the caller did not wait: end the one before first
            self._end(self._play, "cut short by the next announcement")
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self._failed(NO_OUTPUT)
            QTimer.singleShot(0, done)
            return
        sink = QAudioSink(device, self._format, self)
        # a second of sound queued ahead (Qt's default is a quarter): a busy moment on this
        # PC must not leave a gap in a call; an announcement need not start within 250 ms
        sink.setBufferSize(RATE * 2)
        play = self._play = _Play(sink, device, done)
        play.buffer.setData(QByteArray(announcement.wav_bytes()))
        play.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        play.watchdog.setInterval(int((announcement.duration_s + self.margin_s) * 1000))
        play.watchdog.timeout.connect(
            lambda: self._end(play, f"not finished {self.margin_s:g} s after its length")
        )
        sink.stateChanged.connect(lambda: self._on_state_changed(play))  # (the state's type
        # does not always convert to Python: read it from the sink)
        play.watchdog.start()
        sink.start(play.buffer)
        if sink.error() != QtAudio.Error.NoError:  # refused at once: no state change follows
            self._end(play, f"{device.description()}: {sink.error().name}")

    def _keep_newest(self, written: Path) -> None:
        """Delete the oldest calls' WAVs beyond `keep`: a display writing a thousand calls a
        day had filled its disk by 360 MB a day. Other files in the folder are left alone."""
        if not self.keep or self.wav_dir is None:
            return
        if self._kept is None:  # the folder as it is, with what earlier runs wrote
            calls = []
            for path in self.wav_dir.glob("call-*.wav"):
                if path != written and (match := CALL_WAV.fullmatch(path.name)):
                    calls.append((match.group(1), int(match.group(2)), path))  # time, number
            self._kept = deque(path for *_, path in sorted(calls))
        # the newest whatever its name says: an earlier run's clock may have been ahead
        self._kept.append(written)
        if not self._deleting:
            self._delete_oldest()

    def _delete_oldest(self) -> None:
        """Delete DELETED_AT_ONCE of the oldest WAVs beyond `keep`, and the next ones later."""
        self._deleting = False
        kept = self._kept
        if kept is None:
            return
        for _ in range(DELETED_AT_ONCE):
            if len(kept) <= self.keep:
                return
            old = kept.popleft()
            try:
                old.unlink(missing_ok=True)
            except OSError as exc:
                if not self._delete_failed:  # said once: not once a call
                    log.warning("cannot delete an old call's WAV %s: %s", old, exc)
                    self._delete_failed = True
        if len(kept) > self.keep:
            self._deleting = True
            QTimer.singleShot(0, self._delete_oldest)

    def _on_state_changed(self, play: _Play) -> None:
        if play is not self._play:
            return
        state, error = play.sink.state(), play.sink.error()
        if state == QtAudio.State.IdleState and play.buffer.atEnd():
            self._end(play, "")
        elif error not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self._end(play, f"{play.device_name}: {error.name}")
        elif state == QtAudio.State.StoppedState:
            self._end(play, f"{play.device_name}: stopped")

    def _on_outputs_changed(self) -> None:
        device = QMediaDevices.defaultAudioOutput()
        play = self._play
        if play is not None and play.device_id not in {
            bytes(d.id().data()) for d in QMediaDevices.audioOutputs()
        }:
            self._end(play, f"{play.device_name} went away")
        if device.isNull():
            self._failed(NO_OUTPUT)
        elif self.failure:
            log.warning("voice: audio output %s is there again", device.description())
            self.failure = ""

    def _failed(self, why: str) -> None:
        if why != self.failure:
            log.warning("voice failing: %s", why)
        self.failure = why

    def _end(self, play: _Play, failure: str) -> None:
        """The announcement is over (`failure` "" when it played): free it, tell the queue."""
        if play is not self._play:
            return
        self._play = None
        play.watchdog.stop()
        play.sink.stateChanged.disconnect()
        play.sink.stop()
        play.sink.deleteLater()  # with its buffer and watchdog
        if failure:
            self._failed(failure)
        elif self.failure:
            log.warning("voice: playing again on %s", play.device_name)
            self.failure = ""
        QTimer.singleShot(0, play.done)
