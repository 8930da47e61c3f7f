"""packaging/ cannot rot: units verify, scripts pass shellcheck, the backup job runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


@pytest.mark.parametrize("unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda p: p.name)
def test_services_are_confined(unit: Path) -> None:
    """Each service, the backup job too, runs with the server's hardening: exposure under 2.0 in
    systemd-analyze security (the backup job's was 8.3, "EXPOSED")."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--threshold=20", str(unit)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr


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


def _fake_kezek(tmp_path: Path) -> Path:
    """A stand-in for the venv's kezek: prints who runs it, its settings and arguments."""
    fake = tmp_path / "real-kezek"
    fake.write_text(
        '#!/bin/sh\necho "user=$(id -un) data=$KEZEK_DATA_DIR db=${KEZEK_DB:-} '
        'port=${KEZEK_PORT:-} args=$*"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return fake


def test_the_servers_kezek_runs_commands_on_the_installed_hall(tmp_path: Path) -> None:
    """The commands the README gives after install-server.sh reach the hall the service runs:
    its folder and the settings of kezek.env, unless the caller sets their own."""
    settings = tmp_path / "kezek.env"
    settings.write_text(
        "# KEZEK_DB=postgresql+psycopg://commented\nKEZEK_DB=sqlite:////srv/hall.db\n"
        "KEZEK_PORT=9000\nPATH=/nowhere\nnot a setting\n",
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ["PATH"],
        "KEZEK_ENV_FILE": str(settings),
        "KEZEK_REAL_BIN": str(_fake_kezek(tmp_path)),
        "KEZEK_USER": "no-such-user-here",  # as the root of a machine without the kezek user
    }
    wrapper = str(PACKAGING / "kezek-server.sh")

    def run(*args: str, **extra: str) -> str:
        done = subprocess.run(
            [wrapper, *args], env={**env, **extra}, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    me = subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout.strip()
    assert run("token", "create", "--role", "supervisor") == (
        f"user={me} data=/var/lib/kezek db=sqlite:////srv/hall.db port=9000 "
        "args=token create --role supervisor"
    )
    assert run("audit", "verify", KEZEK_PORT="8470", KEZEK_DATA_DIR="/tmp/h") == (
        f"user={me} data=/tmp/h db=sqlite:////srv/hall.db port=8470 args=audit verify"
    ), "what the caller sets wins"


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_the_servers_kezek_run_by_root_runs_as_the_halls_user() -> None:
    """Root's commands run as the hall's user: a file they make in the hall's folder is never
    root's, which the service could not open."""
    with tempfile.TemporaryDirectory() as name:  # pytest's own is root's alone
        folder = Path(name)
        folder.chmod(0o755)
        wrapper = folder / "kezek"
        wrapper.write_bytes((PACKAGING / "kezek-server.sh").read_bytes())
        wrapper.chmod(0o755)
        env = {
            "PATH": os.environ["PATH"],
            "KEZEK_ENV_FILE": str(folder / "none.env"),
            "KEZEK_REAL_BIN": str(_fake_kezek(folder)),
            "KEZEK_USER": "nobody",
        }
        done = subprocess.run(
            [str(wrapper), "backup", "-"], env=env, capture_output=True, text=True, check=True
        )
    assert done.stdout.strip() == "user=nobody data=/var/lib/kezek db= port= args=backup -"
