"""Where announcements go: the speakers through QtMultimedia, and/or a folder of WAV files."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices

from display.clips import RATE, Announcement, write_wav

log = logging.getLogger(__name__)


def speakers_available() -> bool:
    """Whether this machine has an audio output (none on a headless box or in CI)."""
    return not QMediaDevices.defaultAudioOutput().isNull()


class QtVoiceOutput(QObject):
    """Plays announcements one at a time on the default audio output, if there is one.

    With `wav_dir`, every announcement is also written there as call-YYYYmmdd-HHMMSS-NNN.wav
    (for inspection, or as the only output on a machine with no sound). Without speakers an
    announcement counts as finished once written, so the queue moves on.
    """

    def __init__(
        self, wav_dir: Path | None, use_speakers: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.wav_dir = wav_dir
        self.written: list[Path] = []
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._done: Callable[[], None] | None = None
        self._count = 0
        if use_speakers and speakers_available():
            fmt = QAudioFormat()
            fmt.setSampleRate(RATE)
            fmt.setChannelCount(1)
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt, self)
            # a second of sound queued ahead (Qt's default is a quarter): a busy moment on this
            # PC must not leave a gap in a call; an announcement need not start within 250 ms
            self._sink.setBufferSize(RATE * 2)
            self._sink.stateChanged.connect(self._on_state_changed)

    @property
    def has_speakers(self) -> bool:
        return self._sink is not None

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        if self.wav_dir is not None:
            self._count += 1
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = self.wav_dir / f"call-{stamp}-{self._count:03d}.wav"
            try:
                write_wav(path, announcement.samples, whole=True)  # for folder watchers
                self.written.append(path)
            except OSError as exc:
                log.warning("cannot write %s: %s", path, exc)
        if self._sink is None:
            QTimer.singleShot(0, done)
            return
        self._done = done
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(announcement.wav_bytes()))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink.start(self._buffer)

    def _on_state_changed(self, state: QAudio.State) -> None:
        if state in (QAudio.State.IdleState, QAudio.State.StoppedState) and self._done:
            done, self._done = self._done, None
            if self._sink is not None and state == QAudio.State.IdleState:
                self._sink.stop()
            done()
