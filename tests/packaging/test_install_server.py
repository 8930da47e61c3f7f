"""packaging/install-server.sh, run as root in a throwaway copy of this machine.

The copy is an overlay of / in a mount namespace of its own: what the script writes (the kezek
user in /etc/passwd, /opt/kezek, /etc/kezek, the units) lands in a temporary folder, and this
machine is left as it was. Nothing is downloaded: Python's venv is a stand-in whose pip
"installs" a kezek that keeps the hall (a file) in /var/lib/kezek, and systemctl a stand-in that
records what runs: the script's own steps (the user, the folders and their modes, the wrapper,
kezek.env, the venv's link, the start and restart) run for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="installing needs root"),
    pytest.mark.skipif(
        shutil.which("unshare") is None or shutil.which("chroot") is None,
        reason="needs unshare and chroot (util-linux, coreutils)",
    ),
    pytest.mark.skipif(
        not Path("/usr/sbin/useradd").exists() or not Path("/usr/sbin/runuser").exists(),
        reason="needs useradd and runuser, as Debian has them",
    ),
]

# python3 -m venv DIR, as far as install-server.sh uses it: a pip that installs a kezek which
# says which install made it, keeps its hall in $KEZEK_DATA_DIR and says who runs it.
FAKE_PYTHON = r"""#!/bin/sh
[ "$1" = -m ] && [ "$2" = venv ] || { echo "fake python: $*" >&2; exit 9; }
shift 2
if [ "$1" = --clear ]; then shift; rm -rf "$1"; fi
mkdir -p "$1/bin"
cat >"$1/bin/pip" <<EOF
#!/bin/sh
case "\$*" in
  *"[server]") ;;
  *) exit 0 ;;
esac
[ -e /slow-pip ] && sleep 3  # a real download takes minutes
[ -e /fail-pip ] && { echo "pip: no network" >&2; exit 1; }
cat >"$1/bin/kezek" <<'KEZEK'
#!/bin/sh
# made by install $(date +%s%N)
case "\$*" in
  "hall --check")
    [ -e /fail-db ] && { echo "kezek: the hall's database is unavailable" >&2; exit 1; }
    [ -e "\$KEZEK_DATA_DIR/hall" ] || { echo "kezek: this database has no hall yet" >&2; exit 1; }
    echo "hall checked by \$(id -un)" ;;
  "hall --catalogue "*" --check")
    if grep -q refuse "\$3"; then echo "kezek: the catalogue is refused" >&2; exit 2; fi
    cp "\$3" "\$KEZEK_DATA_DIR/hall" ;;
  *) echo "kezek \$*" ;;
esac
KEZEK
chmod 0755 "$1/bin/kezek"
EOF
chmod 0755 "$1/bin/pip"
"""

# systemctl on a booted machine: kezek-hall "runs" the code /opt/kezek/venv holds at its start,
# and at its stop that code must be as it started (the running server's venv untouched).
FAKE_SYSTEMCTL = r"""#!/bin/sh
state=/var/lib/fake-systemd
mkdir -p "$state"
echo "$*" >>"$state/calls"
start() {
  case $1 in kezek-hall*) ;; *) return 0 ;; esac
  [ -e "$state/hall.code" ] && return 0
  readlink -f /opt/kezek/venv/bin/kezek >"$state/hall.path"
  cp "$(cat "$state/hall.path")" "$state/hall.code"
  echo "$(cat "$state/hall.path")" >>"$state/started"
}
stop() {
  case $1 in kezek-hall*) ;; *) return 0 ;; esac
  [ -e "$state/hall.code" ] || return 0
  cmp -s "$state/hall.code" "$(cat "$state/hall.path")" \
    || echo "the running hall's code changed under it" >>"$state/problems"
  rm -f "$state/hall.code" "$state/hall.path"
}
case $1 in
  daemon-reload) ;;
  enable) shift
    if [ "$1" = --now ]; then shift; [ -e /fail-start ] || for u; do start "$u"; done; fi
    for u; do touch "$state/enabled.$u"; done ;;
  start) [ -e /fail-start ] || start "$2" ;;
  restart) stop "$2"; [ -e /fail-start ] || start "$2" ;;
  stop) stop "$2" ;;
  disable) shift; for u; do rm -f "$state/enabled.$u"; done ;;
  is-active) [ -e "$state/hall.code" ] ;;
  *) echo "fake systemctl: $*" >&2; exit 1 ;;
esac
"""

# Mounted in a namespace of its own, so that the overlay ends with the command.
ENTER = r"""set -e
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=/,upperdir=$UPPER,workdir=$WORK" "$MERGED"
mount --rbind /dev "$MERGED/dev"
mount -t proc proc "$MERGED/proc"
mount -t tmpfs tmpfs "$MERGED/run"
if [ "$BOOTED" = yes ]; then mkdir -p "$MERGED/run/systemd/system"; fi
exec chroot "$MERGED" env -i \
  PATH="$FAKES:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  HOME=/root LANG=C.UTF-8 PYTHON="$FAKES/python3" sh -c 'cd /root && "$@"' sh "$@"
"""


@dataclass
class Machine:
    """This machine's files seen through an overlay, with what install-server.sh wrote."""

    top: Path
    upper: Path

    def run(
        self, *command: str, booted: bool = True, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        work = self.top / "work"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        env = {
            "PATH": os.environ["PATH"],
            "UPPER": str(self.upper),
            "WORK": str(work),
            "MERGED": str(self.top / "merged"),
            "FAKES": str(self.top / "fakes"),
            "BOOTED": "yes" if booted else "no",
        }
        # a PID namespace too: a run that times out ends with all it started, and its overlay
        return subprocess.run(
            ["unshare", "--mount", "--pid", "--fork", "--kill-child"]
            + ["sh", "-c", ENTER, "enter", *command],
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def install(self, *args: str, booted: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.top / "src/packaging/install-server.sh"), *args, booted=booted)

    def path(self, name: str) -> Path:
        """A file as the installed machine has it (written by the script: in the upper layer)."""
        return self.upper / name.lstrip("/")

    def lines(self, name: str) -> list[str]:
        file = self.path(name)
        return file.read_text(encoding="utf-8").splitlines() if file.exists() else []

    def owner(self, name: str) -> tuple[str, str, int]:
        done = self.run("stat", "-c", "%U %G %a", name)
        assert done.returncode == 0, done.stderr
        user, group, mode = done.stdout.split()
        return user, group, int(mode, 8)


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    for name in ("/opt/kezek", "/etc/kezek", "/var/lib/kezek", "/usr/local/bin/kezek"):
        if Path(name).exists():
            pytest.skip(f"{name} is there already: the overlay would not show a fresh machine")
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for name, text in (("python3", FAKE_PYTHON), ("systemctl", FAKE_SYSTEMCTL)):
        (fakes / name).write_text(text, encoding="utf-8")
        (fakes / name).chmod(0o755)
    src = tmp_path / "src"
    shutil.copytree(ROOT / "packaging", src / "packaging")
    shutil.copy(ROOT / "README.md", src / "README.md")
    (tmp_path / "hall.toml").write_text('[hall]\nid = "test-hall"\n', encoding="utf-8")
    for name in ("upper", "merged"):
        (tmp_path / name).mkdir()
    for folder in (tmp_path, src, src / "packaging", fakes):
        folder.chmod(0o755)  # the kezek user reads the wrapper's folder and the fakes
    probe = Machine(tmp_path, tmp_path / "upper").run("true")
    if probe.returncode != 0:
        pytest.skip(f"no overlay of / in a mount namespace here: {probe.stderr.strip()}")
    return Machine(tmp_path, tmp_path / "upper")


def test_a_first_install_without_a_hall_does_not_start_a_server_that_cannot_run(
    machine: Machine,
) -> None:
    done = machine.install()
    assert done.returncode == 0, done.stderr
    assert machine.lines("/var/lib/fake-systemd/started") == [], "started without a hall"
    assert "not started" in done.stdout and "--catalogue" in done.stdout, done.stdout
    assert "no hall yet" in done.stderr
    assert not machine.path("/var/lib/fake-systemd/enabled.kezek-hall.service").exists(), (
        "nor at the next boot"
    )
    assert machine.path("/var/lib/fake-systemd/enabled.kezek-backup.timer").exists()
    # Where it is: the user, the folders and the settings, each its own
    assert machine.owner("/var/lib/kezek") == ("kezek", "kezek", 0o750)
    assert machine.owner("/var/backups/kezek") == ("kezek", "kezek", 0o750)
    assert machine.owner("/etc/kezek/kezek.env") == ("root", "kezek", 0o640)
    assert machine.owner("/usr/local/bin/kezek") == ("root", "root", 0o755)
    venv = machine.path("/opt/kezek/venv")
    assert venv.is_symlink(), "the venv is a link, switched whole at an upgrade"
    assert machine.owner(os.readlink(venv)) == ("root", "root", 0o755)


def test_an_upgrade_of_a_hall_enabled_without_one_no_longer_starts_it_at_boot(
    machine: Machine,
) -> None:
    """The previous install-server.sh enabled kezek-hall without a hall: it failed and
    restarted every 2 seconds. Run again without a catalogue, the script had stopped it but
    left it enabled, to fail so again from the next boot on."""
    made = machine.run(
        "sh",
        "-c",
        "mkdir -p /opt/kezek/venv/bin /var/lib/fake-systemd"
        " && touch /var/lib/fake-systemd/enabled.kezek-hall.service",
    )
    assert made.returncode == 0, made.stderr
    done = machine.install()
    assert done.returncode == 0, done.stderr
    assert "not started" in done.stdout, done.stdout
    assert not machine.path("/var/lib/fake-systemd/enabled.kezek-hall.service").exists()
    assert machine.lines("/var/lib/fake-systemd/started") == []


def test_a_hall_whose_database_cannot_be_reached_at_an_upgrade_stays_enabled(
    machine: Machine,
) -> None:
    """A hall on PostgreSQL, the database down while the server is upgraded: the check fails
    for want of a database, not of a hall. The unit had been disabled as if the hall had none,
    so it did not come back once PostgreSQL answered, nor at the next boot."""
    (machine.top / "hall.toml").write_text('[hall]\nid = "test-hall"\n', encoding="utf-8")
    first = machine.install("--catalogue", str(machine.top / "hall.toml"))
    assert first.returncode == 0, first.stderr
    made = machine.run("sh", "-c", "touch /fail-db && systemctl stop kezek-hall.service")
    assert made.returncode == 0, made.stderr
    done = machine.install()
    assert done.returncode == 1, done.stdout
    assert "database is unavailable" in done.stderr and "systemctl start" in done.stderr
    assert machine.path("/var/lib/fake-systemd/enabled.kezek-hall.service").exists()


def test_a_version_that_does_not_start_says_where_the_one_before_is(machine: Machine) -> None:
    first = machine.install("--catalogue", str(machine.top / "hall.toml"))
    assert first.returncode == 0, first.stderr
    before = os.readlink(machine.path("/opt/kezek/venv"))
    assert machine.run("touch", "/fail-start").returncode == 0
    done = machine.install()
    assert done.returncode == 1, done.stdout
    assert f"ln -sfn {before} /opt/kezek/venv" in done.stderr, done.stderr
    assert machine.run("test", "-x", f"{before}/bin/kezek").returncode == 0, "kept whole"


def test_an_install_by_a_root_whose_umask_is_077_gives_the_hall_a_venv_it_can_read(
    machine: Machine,
) -> None:
    """A hardened root (umask 077) had made every file of the venv root's alone: the kezek
    user could not run it, so neither the catalogue's check nor the server could start."""
    script = str(machine.top / "src/packaging/install-server.sh")
    catalogue = str(machine.top / "hall.toml")
    done = machine.run("sh", "-c", f"umask 077; exec {script} --catalogue {catalogue}")
    assert done.returncode == 0, done.stderr
    assert "kezek-hall is running" in done.stdout
    ran = machine.run("kezek", "hall", "--check")
    assert ran.stdout.strip() == "hall checked by kezek", ran.stderr


def test_the_units_and_the_files_they_name_are_installed(machine: Machine) -> None:
    done = machine.install("--catalogue", str(machine.top / "hall.toml"))
    assert done.returncode == 0, done.stderr
    for unit in sorted((ROOT / "packaging/systemd").iterdir()):
        installed = machine.path(f"/etc/systemd/system/{unit.name}")
        assert installed.read_bytes() == unit.read_bytes()
        for line in unit.read_text(encoding="utf-8").splitlines():
            if line.startswith("Documentation=file://"):
                assert machine.path(line.removeprefix("Documentation=file://")).is_file(), line


def test_an_install_with_a_catalogue_starts_the_hall_and_an_upgrade_restarts_it(
    machine: Machine,
) -> None:
    done = machine.install("--catalogue", str(machine.top / "hall.toml"))
    assert done.returncode == 0, done.stderr
    assert "kezek-hall is running" in done.stdout
    [first] = machine.lines("/var/lib/fake-systemd/started")
    assert machine.path("/var/lib/fake-systemd/enabled.kezek-hall.service").exists()
    assert machine.path("/var/lib/kezek/hall").read_text(encoding="utf-8").startswith("[hall]")
    assert machine.owner("/etc/kezek/hall.toml") == ("root", "root", 0o644)

    settings = machine.path("/etc/kezek/kezek.env")
    settings.write_text("KEZEK_PORT=8471\n", encoding="utf-8")  # the technician's own
    done = machine.install("--catalogue", str(machine.top / "hall.toml"))
    assert done.returncode == 0, done.stderr
    assert "kezek-hall restarted on this version and runs" in done.stdout
    assert machine.lines("/var/lib/fake-systemd/problems") == []
    [first_again, second] = machine.lines("/var/lib/fake-systemd/started")
    assert first_again == first and second != first, "restarted on the new version"
    assert "restart kezek-hall.service" in machine.lines("/var/lib/fake-systemd/calls")
    assert settings.read_text(encoding="utf-8") == "KEZEK_PORT=8471\n"
    assert machine.owner("/etc/kezek/kezek.env") == ("root", "kezek", 0o640)
    assert machine.path("/var/lib/kezek/hall").exists(), "the hall's database is kept"
    venvs = sorted(p.name for p in machine.path("/opt/kezek").glob("venv-*"))
    assert [f"/opt/kezek/{name}/bin/kezek" for name in venvs] == [second], "the old one goes"

    # An upgrade whose catalogue is refused keeps the hall's, and its file, as they were
    refused = machine.top / "refused.toml"
    refused.write_text('[hall]\nid = "refuse"\n', encoding="utf-8")
    refused.chmod(0o644)
    done = machine.install("--catalogue", str(refused))
    assert done.returncode != 0 and "the catalogue is refused" in done.stderr, done.stderr
    kept = (machine.top / "hall.toml").read_text(encoding="utf-8")
    assert machine.path("/etc/kezek/hall.toml").read_text(encoding="utf-8") == kept
    assert "/etc/kezek/hall.toml are as they were" in done.stderr
    assert not machine.path("/etc/kezek/hall.toml.before").exists()
    assert machine.lines("/var/lib/fake-systemd/started") == [first, second]
    assert sorted(p.name for p in machine.path("/opt/kezek").glob("venv-*")) == venvs

    # An upgrade whose download fails changes nothing: the hall runs on as it was
    machine.path("/fail-pip").write_text("", encoding="utf-8")
    done = machine.install()
    assert done.returncode == 1
    assert "the installed hall is unchanged" in done.stderr
    assert machine.lines("/var/lib/fake-systemd/started") == [first, second]
    assert os.readlink(machine.path("/opt/kezek/venv")) + "/bin/kezek" == second
    assert sorted(p.name for p in machine.path("/opt/kezek").glob("venv-*")) == venvs


def test_a_second_install_while_one_runs_is_refused_and_the_hall_keeps_its_venv(
    machine: Machine,
) -> None:
    """Two runs at once (two terminals, a run started again) had both said they restarted the
    hall, each removing the other's venv: /opt/kezek/venv led nowhere, so the hall could not
    start again."""
    catalogue = str(machine.top / "hall.toml")
    done = machine.install("--catalogue", catalogue)
    assert done.returncode == 0, done.stderr
    machine.path("/slow-pip").write_text("", encoding="utf-8")
    script = str(machine.top / "src/packaging/install-server.sh")
    done = machine.run(
        "sh",
        "-c",
        f"{script} >/first.out 2>&1 & sleep 1; {script} >/second.out 2>&1; echo $? >/second.rc;"
        " wait",
    )
    assert done.returncode == 0, done.stderr
    assert machine.lines("/second.rc") == ["1"], machine.lines("/second.out")
    assert "another install-server.sh is running" in machine.path("/second.out").read_text(
        encoding="utf-8"
    )
    assert "restarted on this version" in machine.path("/first.out").read_text(encoding="utf-8")
    ran = machine.run("readlink", "-e", "/opt/kezek/venv/bin/kezek")
    assert ran.returncode == 0, "the venv's link leads nowhere"
    assert machine.lines("/var/lib/fake-systemd/problems") == []


def test_without_systemd_the_install_says_how_to_start_the_hall(machine: Machine) -> None:
    done = machine.install("--catalogue", str(machine.top / "hall.toml"), booted=False)
    assert done.returncode == 0, done.stderr
    assert "systemd is not running here" in done.stdout
    assert machine.lines("/var/lib/fake-systemd/calls") == []
    ran = machine.run("kezek", "hall", "--check", booted=False)
    assert ran.stdout.strip() == "hall checked by kezek", ran.stderr


def test_a_run_that_hangs_leaves_nothing_running_after_its_timeout(machine: Machine) -> None:
    """A run stopped at its timeout had left the script (its stand-ins, its sleep) running in
    the overlay, which stayed mounted for them."""
    marker = "sleep 47.25"
    with pytest.raises(subprocess.TimeoutExpired):
        machine.run("sh", "-c", f"{marker}; true", timeout=1)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(marker):
        time.sleep(0.1)
    assert not _running(marker), "left running"


def _running(command: str) -> bool:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if cmdline.read_bytes().replace(b"\0", b" ").strip() == command.encode():
                return True
        except OSError:  # ended meanwhile
            continue
    return False


@pytest.mark.parametrize(
    "args",
    [["--catalog", "hall.toml"], ["--catalogue"], ["--catalogue", "/no/such/hall.toml"], ["x"]],
    ids=["misspelt", "no-file-named", "no-such-file", "unknown"],
)
def test_bad_arguments_are_refused_before_anything_is_installed(
    machine: Machine, args: list[str]
) -> None:
    done = machine.install(*args)
    assert done.returncode == 2
    assert done.stderr.startswith(("usage: install-server.sh", "install-server.sh: no catalogue"))
    assert not machine.path("/opt/kezek").exists()
    assert not machine.path("/etc/passwd").exists(), "no user was made"
