"""packaging/ cannot rot: units verify, scripts pass shellcheck, the backup job runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
UNITS = sorted(PACKAGING.glob("systemd/*.service")) + sorted(PACKAGING.glob("systemd/*.timer"))
SCRIPTS = [
    *sorted(PACKAGING.glob("*.sh")),
    ROOT / ".ci/run",
    *sorted(p for p in (ROOT / "scripts").iterdir() if p.is_file()),
]
KEZEK = Path(sys.executable).with_name("kezek")


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_units_verify(unit: Path, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    # The units name the installed paths; point them at this checkout's files to verify the rest.
    text = unit.read_text(encoding="utf-8")
    text = text.replace("/usr/local/bin/kezek", str(KEZEK))
    text = text.replace("/usr/local/lib/kezek/kezek-backup.sh", str(PACKAGING / "kezek-backup.sh"))
    copy = tmp_path / unit.name
    copy.write_text(text, encoding="utf-8")
    for sibling in PACKAGING.glob("systemd/*"):
        if sibling.name != unit.name:
            (tmp_path / sibling.name).write_text(
                sibling.read_text(encoding="utf-8"), encoding="utf-8"
            )
    done = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert done.returncode == 0 and problems == [], problems


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_shell_scripts_pass_shellcheck(script: Path) -> None:
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed here (Debian package shellcheck; .ci/run has it)")
    done = subprocess.run(
        ["shellcheck", str(script)], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout


def test_the_backup_job_makes_backups_and_keeps_the_newest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run([str(KEZEK), "hall", "--data-dir", str(data), "--demo", "--check"], check=True)
    env = {
        **os.environ,
        "KEZEK_DATA_DIR": str(data),
        "KEZEK_BACKUP_DIR": str(tmp_path / "backups"),
        "KEZEK_KEEP": "2",
        "KEZEK_BIN": str(KEZEK),
    }
    for _ in range(3):
        subprocess.run(["sh", str(PACKAGING / "kezek-backup.sh")], env=env, check=True, timeout=60)
    kept = sorted((tmp_path / "backups").glob("*.kezek-backup.gz"))
    assert len(kept) == 2
