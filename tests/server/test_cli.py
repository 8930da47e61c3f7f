"""The `kezek` command line: one line that says what to fix, options reach the apps."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shlex
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hallserver.__main__ import main as kezek
from hallserver.catalogue_file import CatalogueError, demo_catalogue_text, parse_catalogue
from hallserver.domain.catalogue import Level
from hallserver.domain.ids import ServiceId


def test_token_create_prints_a_working_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40 and " " not in token


def test_each_terminal_gets_a_name_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    for _ in range(2):  # no --name: kiosk-1, kiosk-2
        assert kezek(["token", "create", "--role", "kiosk", *data]) == 0
    assert kezek(["token", "create", "--role", "kiosk", "--name", "Entrance", *data]) == 0
    capsys.readouterr()
    assert kezek(["token", "create", "--role", "kiosk", "--name", "kiosk-2", *data]) == 2
    said = capsys.readouterr()
    assert said.out == "" and "a kiosk named 'kiosk-2'" in said.err and "--name" in said.err
    assert kezek(["pair", "--role", "kiosk", "--name", "Entrance", *data]) == 0  # replaces it
    assert "takes its place" in capsys.readouterr().err
    assert kezek(["pair", "--role", "display", "--name", "Hall", *data]) == 0
    capsys.readouterr()
    assert kezek(["token", "create", "--role", "display", "--name", "Hall", *data]) == 2
    assert "being paired" in capsys.readouterr().err, "an unused pairing code holds its name"
    with contextlib.closing(sqlite3.connect(tmp_path / "kezek.sqlite3")) as db, db:
        names = sorted(db.execute("SELECT role, subject FROM tokens").fetchall())
    assert names == [("kiosk", "Entrance"), ("kiosk", "kiosk-1"), ("kiosk", "kiosk-2")]


# commands that make the hall's database when there is none yet
MAKE_A_DATABASE = [
    ["token", "create", "--role", "kiosk"],
    ["pair", "--role", "display", "--name", "Hall screen"],
    ["operator", "add", "aigul", "--name", "Aigul", "--pin-stdin"],
]


@pytest.mark.parametrize("argv", MAKE_A_DATABASE)
def test_a_command_that_makes_the_hall_database_says_so_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    folder = tmp_path / "mistyped"  # before the first start, or a typo: either way it is said
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    assert kezek([*argv, "--data-dir", str(folder)]) == 0
    said = capsys.readouterr().err
    assert f"there was no hall database in {folder}: made a new one" in said
    assert (folder / "kezek.sqlite3").is_file()
    kezek(["token", "create", "--role", "kiosk", "--data-dir", str(folder)])
    assert "no hall database" not in capsys.readouterr().err


def test_a_token_never_starts_with_a_dash_that_a_command_line_would_take_for_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drawn = iter(["-dash-first", "_then-fine"])
    monkeypatch.setattr("secrets.token_urlsafe", lambda n: next(drawn))
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "_then-fine"


def test_a_counter_token_needs_its_counter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "counter", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "kezek: a counter token needs --counter ID (see GET /api/v1/counters)"
    )


def test_operator_pins_are_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("12ab\n"))
    args = [
        "operator",
        "add",
        "aigul",
        "--name",
        "Aigul",
        "--pin-stdin",
        "--data-dir",
        str(tmp_path),
    ]
    assert kezek(args) == 2
    assert "4 to 12 digits" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek(args) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek(args) == 2
    assert "exists already" in capsys.readouterr().err


def test_a_login_is_one_operator_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def operator(*args: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
        return kezek(["operator", *args, "--pin-stdin", "--data-dir", str(tmp_path)])

    assert operator("add", "Aigul", "--name", "Aigul") == 0
    assert operator("add", "aigul", "--name", "Another") == 2
    assert "operator aigul exists already (as Aigul)" in capsys.readouterr().err
    assert operator("add", "Айгерим", "--name", "Айгерим") == 0
    assert operator("add", "АЙГЕРИМ", "--name", "Another") == 2
    assert "exists already (as Айгерим)" in capsys.readouterr().err
    capsys.readouterr()
    assert kezek(["operator", "disable", "AIGUL", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("operator Aigul disabled")
    assert kezek(["operator", "list", "--data-dir", str(tmp_path)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == ["Aigul\tAigul\t(disabled)", "Айгерим\tАйгерим"], listed


def test_a_pin_typed_at_the_terminal_is_typed_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: typed.pop(0))
    add = ["operator", "add", "aigul", "--name", "Aigul", "--data-dir", str(tmp_path)]
    typed[:] = ["2468", "2486"]
    assert kezek(add) == 2
    assert "the two PINs typed differ: nothing was changed" in capsys.readouterr().err
    assert not tmp_path.joinpath("kezek.sqlite3").exists()
    typed[:] = ["2468", "2468"]
    assert kezek(add) == 0 and not typed
    typed[:] = ["1357", "1375"]
    assert kezek(["operator", "pin", "aigul", "--data-dir", str(tmp_path)]) == 2
    capsys.readouterr()
    typed[:] = ["1357", "1357"]  # nobody by that login: said before any PIN is asked for
    assert kezek(["operator", "pin", "nobody", "--data-dir", str(tmp_path)]) == 2
    assert "no operator nobody" in capsys.readouterr().err and len(typed) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))  # piped in: once is all there is
    assert kezek([*add[:-2], "--pin-stdin", "--data-dir", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err


def test_a_hall_without_a_catalogue_says_how_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["hall", "--data-dir", str(tmp_path), "--check"]) == 1
    assert "start with --demo, or --catalogue hall.toml" in capsys.readouterr().err
    assert (
        kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(tmp_path / "no.toml")]) == 2
    )


def test_a_broken_catalogue_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "hall.toml"
    bad.write_text('[hall]\nid = "x"\n', encoding="utf-8")
    assert kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(bad), "--check"]) == 1
    assert "hall.toml: [hall]: name is missing" in capsys.readouterr().err


ID_CARD = 'id = "id-card"\nprefix = "A"\n'


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            (ID_CARD, ID_CARD + 'hours = "09:00-13:00"\n'),
            "service 'id-card' hours must be a table, not the text '09:00-13:00'",
        ),
        (
            ('timezone = "Asia/Almaty"', 'timezone = "Mars/Olympus"'),
            "[hall]: timezone 'Mars/Olympus' is not one I know, like Asia/Almaty",
        ),
        (
            ('timezone = "Asia/Almaty"', "timezone = 5"),
            "[hall]: timezone must be text in quotes, not the number 5",
        ),
        (
            ("slot_capacity = 6\n", "slot_capacity = 6\ndaly_limit = 40\n"),
            "service 'id-card': unknown key 'daly_limit' (did you mean 'daily_limit'?)",
        ),
        (
            ("slot_capacity = 6\n", "slot_capacity = -1\n"),
            "service 'id-card': slot_capacity must be a whole number from 0 to 9999, not the "
            "number -1",
        ),
        (('id = "passport"', 'id = "id-card"'), "two services have the id 'id-card'"),
        (('prefix = "A"', 'prefix = "Б"'), "prefix 'Б' must be one Latin capital letter A-Z"),
        (('prefix = "A"', 'prefix = "O"'), "prefix 'O' reads as the digit 0 on a ticket"),
        (('prefix = "A"', 'prefix = "I"'), "prefix 'I' reads as the digit 1 on a ticket"),
        (  # the kiosk had shown "•" for it
            ('group = "identity"\nicon = "id-card"', 'group = "identity"\nicon = "pasport"'),
            "service 'id-card': icon 'pasport' is not one the kiosk draws (did you mean "
            "'passport'?); it may be id-card, passport,",
        ),
        (
            ('icon = "id-card"', 'icon = "idcard"'),
            "group 'identity': icon 'idcard' is not one the kiosk draws",
        ),
        (
            ('main = ["id-card", "passport"', 'main = ["id-card", "id-card", "passport"'),
            "counter 'c1': 'id-card' is listed twice in main",
        ),
        (
            ('id = "id-card"', 'id = "' + "x" * 5000 + '"'),  # said back cut, not in full
            "service '" + "x" * 60 + "…': id '" + "x" * 60 + "…' must be 1-40 Latin letters",
        ),
        (
            ('backup = ["residence-registration"]', 'backup = ["passport"]'),
            "counter 'c1': 'passport' is both main and backup: choose one",
        ),
        (
            ("slot_capacity = 6\n", 'slot_capacity = 6\nfee = "free"\n'),
            "hall.toml: Cannot overwrite a value",  # TOML itself: fee is there already
        ),
        (
            ('en = "ID card: new or replacement" }', 'en = "" }'),
            "service 'id-card': name: the en text is missing or empty",
        ),
        (("max_recalls = 3", "max_recalls = true"), "max_recalls must be a whole number"),
        (
            ('id = "id-card"', 'id = "id/card x"'),  # no address could reach it
            "service 'id/card x': id 'id/card x' must be 1-40 Latin letters, digits",
        ),
        (('id = "c1"', f'id = "{"c" * 41}"'), "must be 1-40 Latin letters"),
        (
            ('prefix = "P"', 'prefix = "A"'),
            "services 'id-card' and 'passport' share the prefix 'A': their numbers would repeat",
        ),
        (("number = 2", "number = 1"), "counters 'c1' and 'c2' share the number 1"),
        (('id = "c1"', 'id = " "'), "counter 1: id is empty: write it in the quotes"),
        (
            ('main = ["id-card", "passport", "digital', 'main = ["id-card", "pasport", "digital'),
            "counter 'c1': unknown service 'pasport' (did you mean 'passport'?)",
        ),
        (
            ('group = "identity"', 'group = "identiti"'),
            "service 'id-card': unknown group 'identiti' (did you mean 'identity'?); the groups",
        ),
    ],
)
def test_a_catalogue_mistake_is_one_line_naming_its_place_and_nothing_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], says: str
) -> None:
    text = demo_catalogue_text()
    old, new = change
    assert old in text
    bad = tmp_path / "hall.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    data = tmp_path / "data"
    assert kezek(["hall", "--data-dir", str(data), "--catalogue", str(bad), "--check"]) == 1
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err
    assert not (data / "kezek.sqlite3").exists(), "a refused catalogue made a database"


def test_a_fee_written_as_plain_text_is_refused_with_the_form_it_needs() -> None:
    text = demo_catalogue_text()
    start = text.index('fee = { kk = "Мемлекеттік баж — 0,2 АЕК')
    end = text.index("\n", start)
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(text[:start] + 'fee = "Free"' + text[end:], source="hall.toml")
    assert str(refused.value) == (
        'hall.toml: service \'id-card\': fee must be { kk = "…", ru = "…", en = "…" }, not the '
        "text 'Free'"
    )


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("Pass\\u001dport", False),  # GS: with "V" after it, a printer cuts the paper
        ("Pass\\u000bport", False),
        ("Pass\\u2028port", False),
        ("Pass\\u0085port", False),
        ("Pass\\u00a0port\\tfor travel", True),  # a no-break space and a tab, pasted
        ("Pass\\u00adport \\U0001F468\\u200d\\U0001F469", True),  # soft hyphen, ZWJ emoji
    ],
)
def test_a_catalogue_text_with_a_control_character_is_refused(text: str, accepted: bool) -> None:
    demo = demo_catalogue_text()
    assert demo.count('en = "Passport for travel abroad"') >= 1
    changed = demo.replace('en = "Passport for travel abroad"', f'en = "{text}"', 1)
    from hallserver.catalogue_file import text_problem  # a board edit's check, the same rule

    edited = text.encode().decode("unicode_escape")
    assert text_problem(edited, "name", 200) == (None if accepted else "unprintable")
    if accepted:
        parse_catalogue(changed, source="hall.toml")
        return
    with pytest.raises(CatalogueError, match="the en text must be without control characters"):
        parse_catalogue(changed, source="hall.toml")


def test_a_catalogue_saved_by_an_older_kezek_still_reads_what_it_was_accepted_with() -> None:
    """An upgrade never stops a hall: what a saved catalogue holds that a file being checked
    would now be refused for (a key no one reads, a Cyrillic prefix, a number in quotes, a
    service both main and backup) is read as it was before."""
    demo = demo_catalogue_text()
    for old, new in (
        ('prefix = "A"', 'prefix = "Б"'),
        ("slot_capacity = 6\n", 'slot_capacity = 6\ncolour = "blue"\n'),
        ("number = 1\n", 'number = "1"\n'),
        ("duration_min = 15\n", "duration_min = 12.5\n"),
        ("max_recalls = 3", "max_recalls = 200"),
        ('backup = ["residence-registration"]', 'backup = ["passport"]'),
        # accepted by a board edit before
        ('en = "Passport for travel abroad"', 'en = "Pass\\u001dport"'),
    ):
        text = demo.replace(old, new, 1)
        with pytest.raises(CatalogueError):
            parse_catalogue(text, source="hall.toml")
        assert parse_catalogue(text, source="the database", saved=True) is not None, new
    both = demo.replace('backup = ["residence-registration"]', 'backup = ["passport"]', 1)
    counter = parse_catalogue(both, source="the database", saved=True).counters[0]
    assert counter.profile[ServiceId("passport")] is Level.BACKUP  # backup wins, as it did


def test_options_after_an_app_subcommand_reach_the_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hallserver", "display", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "--server" in done.stdout


def a_demo_hall(directory: Path) -> str:
    """A data folder holding the demo hall's database (catalogue saved, nothing served)."""
    assert kezek(["hall", "--data-dir", str(directory), "--demo", "--check"]) == 0
    return str(directory)


def test_the_saved_catalogue_is_exported_to_edit_and_given_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = a_demo_hall(tmp_path / "data")
    capsys.readouterr()
    exported = tmp_path / "hall.toml"
    assert kezek(["catalogue", "export", str(exported), "--data-dir", data]) == 0
    said = capsys.readouterr().out
    assert "19 services, 12 counters" in said and f"--catalogue {exported} --check" in said
    assert exported.read_text(encoding="utf-8") == demo_catalogue_text(), "comments and all"
    assert kezek(["catalogue", "export", str(exported), "--data-dir", data]) == 2
    assert "exists already" in capsys.readouterr().err, "an export never writes over a file"
    edited = exported.read_text(encoding="utf-8").replace("duration_min = 15", "duration_min = 25")
    assert edited != exported.read_text(encoding="utf-8")
    exported.write_text(edited, encoding="utf-8")
    assert kezek(["hall", "--data-dir", data, "--catalogue", str(exported), "--check"]) == 0
    capsys.readouterr()
    assert kezek(["catalogue", "export", "-", "--data-dir", data]) == 0
    assert capsys.readouterr().out == edited, "the edit is what the hall now runs on"


def test_a_catalogue_saved_by_notepad_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notepad = tmp_path / "hall.toml"
    notepad.write_bytes(b"\xef\xbb\xbf" + demo_catalogue_text().encode())
    data = str(tmp_path / "data")
    assert kezek(["hall", "--data-dir", data, "--catalogue", str(notepad), "--check"]) == 0
    capsys.readouterr()
    assert kezek(["catalogue", "export", "-", "--data-dir", data]) == 0
    assert capsys.readouterr().out == demo_catalogue_text(), "saved without the mark"


def test_an_export_that_fails_half_written_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = a_demo_hall(tmp_path / "data")
    out = tmp_path / "hall.toml"
    real_open = Path.open

    def full_disk(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        if self == out:

            def write(text: str) -> int:
                handle.buffer.write(text.encode()[:100])
                raise OSError(28, "No space left on device")

            handle.write = write
        return handle

    monkeypatch.setattr(Path, "open", full_disk)
    assert kezek(["catalogue", "export", str(out), "--data-dir", data]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not out.exists(), "half a catalogue would be taken for one, and block the next try"


def test_exporting_a_hall_without_a_catalogue_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    out = tmp_path / "hall.toml"
    assert kezek(["catalogue", "export", str(out), "--data-dir", str(tmp_path)]) == 2
    assert "no catalogue yet: start it once with --catalogue FILE or --demo" in (
        capsys.readouterr().err
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["token", "create", "--role", "kiosk", "--name", "   "], "--name must be 1 to 100"),
        (["token", "create", "--role", "counter", "--counter", "c99"], "no counter 'c99'"),
        (["token", "create", "--role", "kiosk", "--counter", "c1"], "--counter is for a counter"),
        (["pair", "--role", "kiosk", "--name", ""], "--name must be 1 to 100"),
        (["pair", "--role", "kiosk", "--name", "x" * 101], "--name must be 1 to 100"),
        (["pair", "--role", "counter", "--name", "x", "--counter", "c99"], "no counter 'c99'"),
        (["operator", "add", " ", "--name", "A", "--pin-stdin"], "a login is 1 to 60"),
        (["operator", "add", "x" * 61, "--name", "A", "--pin-stdin"], "a login is 1 to 60"),
        (["operator", "add", "aigul", "--name", "", "--pin-stdin"], "--name must be 1 to 100"),
    ],
)
def test_what_the_server_would_refuse_later_is_refused_now(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    says: str,
) -> None:
    import io

    data = a_demo_hall(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek([*args, "--data-dir", data]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err


def test_a_pin_of_other_scripts_digits_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\u0661\u0662\u0663\u0664\n"))  # Arabic-Indic
    args = ["operator", "add", "aigul", "--name", "A", "--pin-stdin", "--data-dir", str(tmp_path)]
    assert kezek(args) == 2
    assert "4 to 12 digits 0-9" in capsys.readouterr().err


UNREACHABLE_PG = "postgresql+psycopg://nobody@127.0.0.1:1/x"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [  # 2: a mistake to fix on the command line; 1: a folder or database that cannot be used
        (["audit", "verify", "--data-dir", "{tmp}/typo"], 2, "no hall database in"),
        (["backup", "{tmp}/b.gz", "--data-dir", "{tmp}/typo"], 2, "no hall database in"),
        (["token", "create", "--role", "kiosk", "--data-dir", "/proc/x"], 1, "/proc/x"),
        (["token", "create", "--role", "kiosk", "--db", UNREACHABLE_PG], 1, "connection"),
    ],
)
def test_a_database_that_cannot_be_reached_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, says: str
) -> None:
    assert kezek([a.replace("{tmp}", str(tmp_path)) for a in args]) == code
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("port", ["70000", "-5", "abc"])
def test_a_port_out_of_range_is_refused_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        kezek(["hall", "--data-dir", str(tmp_path), "--demo", "--port", port])
    assert ended.value.code == 2
    assert "is not a port: a number from 0 to 65535" in capsys.readouterr().err
    monkeypatch.setenv("KEZEK_PORT", "abc")  # a bad environment spoils only `hall`
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):  # and says where it comes from: no --port was typed
        kezek(["hall", "--data-dir", str(tmp_path), "--demo"])
    assert "'abc' (from KEZEK_PORT) is not a port" in capsys.readouterr().err


def test_an_address_to_announce_on_is_checked_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        kezek(["hall", "--data-dir", str(tmp_path), "--demo", "--announce-on", "bogus"])
    assert "'bogus' is not an IPv4 address" in capsys.readouterr().err


def test_a_catalogue_that_is_not_utf8_and_an_undecodable_argument_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "hall.toml"
    latin.write_bytes('[hall]\nname = "Zentrum für Bürger"\n'.encode("latin-1"))
    assert kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(latin), "--check"]) == 1
    assert "is not UTF-8 text: save it as UTF-8" in capsys.readouterr().err
    undecodable = "Aigul\udcff"  # how Python hands over a byte the terminal could not decode
    assert kezek(["token", "create", "--role", "kiosk", "--name", undecodable]) == 2
    err = capsys.readouterr().err.strip()
    assert "is not valid UTF-8 text" in err and len(err.splitlines()) == 1


def run_kezek(*argv: str, stdin: int | None = subprocess.DEVNULL) -> tuple[int, str]:
    """`kezek` as its own process: its exit code and what it said on stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "hallserver", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=stdin,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return done.returncode, done.stderr.strip()


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "create"],
        ["nosuch"],
        ["audit", "verify", "--archive"],
        ["kiosk", "--mode", "x"],
        ["counter", "--lang", "xx"],
        ["display", "--nope"],
        ["voice"],
        ["hardware", "print-test"],
    ],
)
def test_a_mistyped_command_line_is_one_line_naming_its_help(argv: list[str]) -> None:
    code, err = run_kezek(*argv)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 1, err
    assert lines[0].startswith("kezek") and lines[0].endswith("--help)")


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["operator", "add", "bob", "--name", "Bob"], 2, "no terminal to type the PIN in"),
        (["operator", "add", "bob", "--name", "Bob", "--pin-stdin"], 2, "a PIN is 4 to 12"),
        (["token", "create", "--role", "kiosk", "--data-dir", ""], 2, "--data-dir: is empty"),
        (["audit", "archive", "x.gz", "--before", "0001-01-01"], 2, "before any hall's log"),
        (["demo", "--speed", "nan", "--headless"], 2, "--speed more than 0 and at most 1000"),
        (["hall", "--public-url", "not a url"], 2, "is not an address a phone can open"),
        (["hall", "--public-url", "https://exa mple.kz"], 2, "has a space or a control"),
        (["hall", "--public-url", "https://queue.kz:99999/x"], 2, "port is a number from 1 to"),
        (["hall", "--public-url", "https://q_ue.kz/"], 2, "host name has characters a name"),
        (["hall", "--host", ""], 2, "--host: is empty: give the address to listen on"),
        (["hall", "--host", "::1"], 2, "the hall is served on IPv4 only"),
        (["hall", "--host", "no-such-host.invalid"], 2, "nor a name that has one"),
        (["kiosk", "--server", "http://127.0.0.1:abc", "--token", "x"], 2, "is not a hall server"),
        (["counter", "--server", "ftp://hall", "--token", "x"], 2, "is not a hall server's URL"),
        (["display", "--server", "http://:8470"], 2, "is not a hall server's URL"),
    ],
)
def test_a_mistake_is_one_line_without_a_traceback_and_leaves_nothing(
    tmp_path: Path, argv: list[str], code: int, says: str
) -> None:
    data = tmp_path / "data"
    where = ["--data-dir", str(data)] if argv[0] in ("operator", "audit", "demo", "hall") else []
    exit_code, err = run_kezek(*argv, *where)
    assert exit_code == code and says in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not data.exists(), "a refused command made the hall's folder"


def test_a_refused_command_leaves_no_database_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new"
    nested = new / "hall" / "data"  # its parents would be made too: they go with it
    assert kezek(["hall", "--data-dir", str(nested), "--check"]) == 1  # no catalogue to start
    assert not new.exists()
    assert (
        kezek(["token", "create", "--role", "kiosk", "--counter", "3", "--data-dir", str(new)]) == 2
    )
    assert not new.exists()
    for memory in ("sqlite://", "sqlite:///:memory:"):  # gone with the command: refused
        assert kezek(["token", "create", "--role", "kiosk", "--db", memory]) == 2
        assert "is a database in memory, gone when the command ends" in capsys.readouterr().err
    by_url = tmp_path / "n4" / "deep" / "x.sqlite3"  # a URL's folders go with it too
    assert kezek(["hall", "--check", "--db", f"sqlite:///{by_url}"]) == 1
    assert not (tmp_path / "n4").exists()
    missing = tmp_path / "typo.sqlite3"
    assert kezek(["audit", "verify", "--db", f"sqlite:///{missing}"]) == 2
    assert f"no hall database at {missing}: check --db" in capsys.readouterr().err
    assert not missing.exists()
    there = tmp_path / "there"  # a folder that was there keeps what it had
    there.mkdir()
    (there / "notes.txt").write_text("mine", encoding="utf-8")
    assert kezek(["hall", "--data-dir", str(there), "--check"]) == 1
    assert sorted(p.name for p in there.iterdir()) == ["notes.txt"]
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(there)]) == 0
    assert (there / "kezek.sqlite3").exists()  # made and used: it stays


def test_a_database_from_a_newer_kezek_is_one_line_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    with contextlib.closing(sqlite3.connect(tmp_path / "kezek.sqlite3")) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    capsys.readouterr()
    for argv in (["token", "create", "--role", "kiosk"], ["backup", str(tmp_path / "b.gz")]):
        assert kezek([*argv, "--data-dir", str(tmp_path)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("kezek: ") and "schema 0099, newer than this Kezek's" in err, err
        assert len(err.splitlines()) == 1


def test_audit_verify_names_an_event_written_over_with_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import Clock
    from tests.server.test_store import a_logged_morning

    a_logged_morning(f"sqlite:///{tmp_path / 'kezek.sqlite3'}", Clock()).store.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "kezek.sqlite3")) as conn, conn:
        conn.execute("UPDATE events SET data = x'ff00ff' WHERE seq = 2")
    capsys.readouterr()
    assert kezek(["audit", "verify", "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "event 2 is bad: a field of it is not text: it was written over"
    )


def test_a_password_in_the_database_urls_query_is_hidden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://hall@127.0.0.1:1/kezek?password=hunter2&sslpassword=hunter3"
    for argv in (["hall", "--check"], ["token", "create", "--role", "kiosk"]):
        assert kezek([*argv, "--db", url]) == 1
        err = capsys.readouterr().err
        assert "hunter" not in err and "Connection refused" in err, err
    assert kezek(["hall", "--check", "--db", url]) == 1  # it names the database it could not use
    assert "kezek?password=***&sslpassword=***" in capsys.readouterr().err


def test_the_simulator_never_replaces_a_file_with_its_link(tmp_path: Path) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("mine", encoding="utf-8")
    code, err = run_kezek("hardware", "simulate", "keypad", "--link", str(mine))
    assert code == 2 and "is a file or folder already: choose a new path" in err
    assert mine.read_text(encoding="utf-8") == "mine"


def test_a_database_another_process_holds_is_never_forgotten(tmp_path: Path) -> None:
    """Two first starts at once: the one refused must not remove what the other made."""
    from hallserver.__main__ import _forget
    from hallserver.store.claim import claim_database
    from hallserver.store.sql import SqlHallStore

    new = tmp_path / "new"
    new.mkdir()
    database = new / "kezek.sqlite3"
    store = SqlHallStore(f"sqlite:///{database}")
    store.migrate()  # empty, as a server has it a moment after its start
    store.close()
    claim = claim_database(f"sqlite:///{database}")
    try:
        _forget(database, [new])
        assert database.exists() and (new / "kezek.sqlite3.lock").exists()
    finally:
        claim.release()
    _forget(database, [new])  # nobody holds it and it holds nothing: it goes
    assert not new.exists()


def test_a_token_or_code_that_cannot_be_printed_is_not_kept(tmp_path: Path) -> None:
    hall = tmp_path / "hall"
    create = [sys.executable, "-m", "hallserver", "token", "create", "--role", "admin"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*create, "--data-dir", str(hall)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1 and "No space left on device" in done.stderr
    assert not hall.exists()  # no token anyone could use was kept, nor a database for it
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(hall)]) == 0

    def kept() -> int:
        with contextlib.closing(sqlite3.connect(hall / "kezek.sqlite3")) as conn:
            tokens = conn.execute("SELECT count(*) FROM tokens").fetchone()[0]
            codes = conn.execute("SELECT count(*) FROM pairing_codes").fetchone()[0]
        return int(tokens) + int(codes)

    pair = [sys.executable, "-m", "hallserver", "pair", "--role", "kiosk", "--name", "K"]
    for argv in (create, pair):  # stdout closed (`>&-`): print() would fail silently
        command = " ".join(shlex.quote(a) for a in [*argv, "--data-dir", str(hall)])
        done = subprocess.run(
            ["sh", "-c", f"exec {command} >&-"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "standard output is closed: nowhere to print it" in done.stderr
    assert kept() == 1  # the one token printed before


def demo_hall(tmp_path: Path) -> Path:
    """The data folder of a demo hall's new database."""
    data = tmp_path / "hall"
    assert kezek(["hall", "--check", "--demo", "--data-dir", str(data)]) == 0
    return data


def test_audit_compact_gives_freed_space_back_and_keeps_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_hall(tmp_path)
    database = data / "kezek.sqlite3"
    # what archived events leave: free pages
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("CREATE TABLE scratch (x BLOB)")
        conn.executemany("INSERT INTO scratch VALUES (?)", [(os.urandom(4096),)] * 2000)
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("DROP TABLE scratch")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = database.stat().st_size
    assert before > 8_000_000
    capsys.readouterr()
    assert kezek(["audit", "compact", "--data-dir", str(data)]) == 0
    said = capsys.readouterr().out
    assert f"compacted {database}: " in said and "given back to the disk" in said, said
    assert database.stat().st_size < before - 7_000_000
    assert kezek(["audit", "verify", "--data-dir", str(data)]) == 0


def test_audit_compact_refuses_under_a_running_server_a_lock_and_on_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallserver.store.claim import claim_database

    data = demo_hall(tmp_path)
    capsys.readouterr()
    claim = claim_database(f"sqlite:///{data / 'kezek.sqlite3'}")
    try:
        assert kezek(["audit", "compact", "--data-dir", str(data)]) == 1
        assert "another hall server" in capsys.readouterr().err
    finally:
        claim.release()
    holder = sqlite3.connect(data / "kezek.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process's lock, as sqlite3 at a prompt holds it
    try:
        monkeypatch.setattr("hallserver.__main__.COMPACT_WAIT_MS", 100)
        assert kezek(["audit", "compact", "--data-dir", str(data)]) == 1
        err = capsys.readouterr().err
        assert "failed: database is locked; it is unchanged" in err and err.count("\n") == 1
    finally:
        holder.rollback()
        holder.close()
    url = "postgresql+psycopg://hall@127.0.0.1:1/kezek"
    assert kezek(["audit", "compact", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "PostgreSQL reuses freed space by itself" in err and err.count("\n") == 1
    assert kezek(["audit", "compact", "--db", "mysql://x/y"]) == 2
    assert "compact works on a hall's SQLite file" in capsys.readouterr().err


def test_a_sqlite_file_that_is_not_a_halls_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.db"
    with contextlib.closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    empty = tmp_path / "empty.db"
    empty.touch()
    for file in (other, empty):
        before = file.read_bytes()
        for argv in (["audit", "compact"], ["audit", "verify"], ["backup", str(tmp_path / "b.gz")]):
            assert kezek([*argv, "--db", f"sqlite:///{file}"]) == 2
            err = capsys.readouterr().err
            assert str(file) in err and "not a Kezek hall database" in err, err
        assert file.read_bytes() == before  # no tables of ours added
        assert not Path(f"{file}.lock").exists()


def test_a_second_comer_is_told_to_wait_for_a_compaction(tmp_path: Path) -> None:
    from hallserver.store.claim import DatabaseInUse, claim_database

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    claim = claim_database(url, doing="kezek audit compact")
    try:
        with pytest.raises(DatabaseInUse) as refused:
            claim_database(url)
        assert str(refused.value) == (
            f"kezek audit compact (pid {os.getpid()}) is using {tmp_path / 'hall.sqlite3'}: "
            "wait for it to end"
        )
    finally:
        claim.release()


def test_audit_compact_says_when_a_reader_kept_its_copy_in_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hallserver.__main__.COMPACT_WAIT_MS", 100)
    data = demo_hall(tmp_path)
    reader = sqlite3.connect(data / "kezek.sqlite3", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # a read it holds open
    try:
        capsys.readouterr()
        assert kezek(["audit", "compact", "--data-dir", str(data)]) == 1
        assert "another process reading it kept the copy in its log" in capsys.readouterr().err
    finally:
        reader.rollback()
        reader.close()
    assert kezek(["audit", "compact", "--data-dir", str(data)]) == 0  # once it has closed


def test_a_folder_whose_name_a_database_url_misreads_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("q?x", "p%41c"):
        folder = tmp_path / name
        with pytest.raises(SystemExit):
            kezek(["audit", "compact", "--data-dir", str(folder)])
        assert "which a database URL reads otherwise" in capsys.readouterr().err
    monkeypatch.setenv("KEZEK_DATA_DIR", str(tmp_path / "q?x"))
    assert kezek(["token", "create", "--role", "kiosk"]) == 2
    assert "which a database URL reads otherwise" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no "q" made beside it


def test_a_damaged_hall_database_is_said_as_sqlite_says_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_hall(tmp_path)
    database = data / "kezek.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as conn:  # all of it in the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with database.open("r+b") as file:
        file.write(b"not the SQLite header at all")
    capsys.readouterr()
    assert kezek(["audit", "verify", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"cannot read {database}: file is not a database" in err, err


def test_hall_check_with_a_catalogue_waits_for_a_compaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hallserver.store.claim import claim_database

    data = demo_hall(tmp_path)
    catalogue = tmp_path / "hall.toml"
    catalogue.write_text(demo_catalogue_text(), encoding="utf-8")
    claim = claim_database(f"sqlite:///{data / 'kezek.sqlite3'}", doing="kezek audit compact")
    try:
        capsys.readouterr()
        code = kezek(["hall", "--check", "--catalogue", str(catalogue), "--data-dir", str(data)])
        assert code == 1
        err = capsys.readouterr().err
        assert "kezek audit compact" in err and "wait for it to end" in err, err
    finally:
        claim.release()


def test_a_service_no_counter_serves_is_noted_when_the_catalogue_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = demo_catalogue_text()
    text = text.replace(', "name-change"]', "]").replace('"name-change", ', "")
    assert '"name-change"' in text  # the service itself stays
    hall = tmp_path / "hall.toml"
    hall.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    assert kezek(["hall", "--data-dir", str(data), "--catalogue", str(hall), "--check"]) == 0
    out = capsys.readouterr().out
    assert "Note: no counter serves name-change: a ticket for it would wait all day" in out


@pytest.mark.parametrize("count", ["-1", "five", "20000"])
def test_a_bad_bookings_per_hour_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        kezek(["hall", "--data-dir", str(tmp_path), "--bookings-per-hour", count, "--check"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "is not a count: a number from 0 to 10000" in err
    assert not (tmp_path / "kezek.sqlite3").exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ("hall --prot 1", "kezek hall: unrecognized arguments: --prot 1 (see kezek hall --help)"),
        (
            "audit verify --archive a.gz b.gz",
            "kezek audit verify: unrecognized arguments: b.gz (see kezek audit verify --help)",
        ),
        (
            "operator add aigul --name Aigul --bogus",
            "kezek operator add: unrecognized arguments: --bogus (see kezek operator add --help)",
        ),
    ],
)
def test_an_unknown_option_points_to_the_help_of_the_command_it_was_given_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: str, said: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        kezek([*shlex.split(argv), "--data-dir", str(tmp_path / "h")])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip() == said
    assert not (tmp_path / "h").exists(), "nothing made"


def test_data_dir_on_the_command_line_wins_over_kezek_db_and_the_demo_never_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a PostgreSQL server KEZEK_DB names the hall's database: `--data-dir /tmp/test` had
    acted on the hall, and `kezek demo` had replaced the hall's tokens and operators."""
    real, other = tmp_path / "real", tmp_path / "other"
    assert kezek(["hall", "--check", "--demo", "--data-dir", str(real)]) == 0
    assert kezek(["token", "create", "--role", "kiosk", "--name", "Front desk",
                  "--data-dir", str(real)]) == 0  # fmt: skip
    monkeypatch.setenv("KEZEK_DB", f"sqlite:///{real / 'kezek.sqlite3'}")
    capsys.readouterr()
    assert kezek(["token", "create", "--role", "display", "--name", "Wall",
                  "--data-dir", str(other)]) == 0  # fmt: skip
    assert (other / "kezek.sqlite3").is_file(), "the folder given is the one acted on"
    with contextlib.closing(sqlite3.connect(real / "kezek.sqlite3")) as db, db:
        assert db.execute("SELECT subject FROM tokens").fetchall() == [("Front desk",)]
    capsys.readouterr()

    assert kezek(["demo", "--headless", "--port", "0", "--data-dir", str(real)]) == 1
    said = capsys.readouterr().err.strip()
    assert "holds tokens of other terminals (kiosk 'Front desk')" in said, said
    assert len(said.splitlines()) == 1
    with contextlib.closing(sqlite3.connect(real / "kezek.sqlite3")) as db, db:
        assert db.execute("SELECT subject FROM tokens").fetchall() == [("Front desk",)]
    assert not (real / "tickets").exists() and not (real / "calls").exists()
    monkeypatch.setenv("KEZEK_DATA_DIR", str(tmp_path / "mine"))
    with socket.socket() as taken:  # the demo stops at its port, after choosing its database
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        assert kezek(["demo", "--headless", "--port", port]) == 1
    assert "cannot listen" in capsys.readouterr().err
    assert not (tmp_path / "mine").exists(), "no demo folder with tokens never printed"
    with contextlib.closing(sqlite3.connect(real / "kezek.sqlite3")) as db, db:
        assert db.execute("SELECT subject FROM tokens").fetchall() == [("Front desk",)]


def test_a_catalogue_exported_to_a_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    assert kezek(["hall", "--check", "--demo", "--data-dir", str(tmp_path)]) == 0
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -m hallserver catalogue export - "
        f"--data-dir {shlex.quote(str(tmp_path))} >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "kezek: standard output is closed: give a file to export to"


def test_a_file_given_as_the_data_folder_is_said_to_be_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:  # argparse's own exit, as for any bad option
        kezek(["operator", "list", "--data-dir", str(afile)])
    assert stopped.value.code == 2
    said = capsys.readouterr().err.strip()
    assert len(said.splitlines()) == 1
    assert f"{afile} is a file, not a folder: give the folder the hall's database is in" in said
    monkeypatch.setenv("KEZEK_DATA_DIR", str(afile))  # the same, from the environment
    assert kezek(["token", "create", "--role", "kiosk"]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert afile.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_first_commands_at_once_on_a_new_folder_keep_every_token_they_print(
    tmp_path: Path,
) -> None:
    """Each made the tables; one failed ("table events already exists") and, undoing what it
    made, deleted the folder under the others: tokens printed with exit 0 were lost."""
    folder = tmp_path / "new"
    command = [sys.executable, "-m", "hallserver", "token", "create", "--role", "kiosk",
               "--data-dir", str(folder)]  # fmt: skip
    runs = [
        subprocess.Popen(
            [*command, "--name", f"kiosk at door {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    outcomes = [(run.communicate(timeout=120), run.returncode) for run in runs]
    assert [code for _, code in outcomes] == [0, 0, 0, 0], outcomes
    with contextlib.closing(sqlite3.connect(folder / "kezek.sqlite3")) as db, db:
        kept = {name for (name,) in db.execute("SELECT subject FROM tokens")}
    assert kept == {f"kiosk at door {n}" for n in range(4)}


def test_another_programs_database_is_not_made_into_a_hall_by_any_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`hall --check` refused it, yet had added the hall's tables beside the other program's;
    `token create`, `pair` and `operator add` went on and stored their rows there."""
    database = tmp_path / "kezek.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as theirs, theirs:
        theirs.execute("CREATE TABLE foo (x)")
    for command in (
        ["hall", "--check"],
        ["hall", "--check", "--demo"],
        ["token", "create", "--role", "kiosk"],
        ["pair", "--role", "kiosk", "--name", "Door"],
    ):
        assert kezek([*command, "--data-dir", str(tmp_path)]) == 1, command
        said = capsys.readouterr().err.strip()
        assert said == (
            "kezek: this database holds tables that are not a hall's (foo) and no hall: "
            "check --db or --data-dir"
        ), (command, said)
    with contextlib.closing(sqlite3.connect(database)) as theirs, theirs:
        assert theirs.execute("SELECT name FROM sqlite_master").fetchall() == [("foo",)]


def test_token_create_at_once_never_gives_one_name_twice(tmp_path: Path) -> None:
    """The name was checked, then the token stored, apart: two terminals at once took one name,
    and one's paper-out alert hid behind the other's."""
    assert kezek(["hall", "--check", "--demo", "--data-dir", str(tmp_path)]) == 0
    command = [sys.executable, "-m", "hallserver", "token", "create", "--data-dir", str(tmp_path)]

    def at_once(*extra: str) -> list[tuple[int, str]]:
        runs = [
            subprocess.Popen(
                [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        return [(run.wait(timeout=120), (run.stderr.read() if run.stderr else "")) for run in runs]

    walls = at_once("--role", "display", "--name", "Wall")
    assert sorted(code for code, _ in walls) == [0, 2, 2, 2], walls
    consultants = at_once("--role", "consultant")
    assert [code for code, _ in consultants] == [0, 0, 0, 0], consultants
    with contextlib.closing(sqlite3.connect(tmp_path / "kezek.sqlite3")) as db, db:
        names = [n for (n,) in db.execute("SELECT subject FROM tokens WHERE role != 'kiosk'")]
    assert sorted(names) == ["Wall", "consultant-1", "consultant-2", "consultant-3", "consultant-4"]


def test_operator_add_at_once_keeps_one_login_in_any_case(tmp_path: Path) -> None:
    """The login was checked, then stored, apart: two `operator add` of one login at once
    ended one in a traceback (the UNIQUE constraint), and AIGUL and aigul both passed."""
    assert kezek(["hall", "--check", "--demo", "--data-dir", str(tmp_path)]) == 0
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "hallserver", "operator", "add", login, "--name", "A"]
            + ["--pin-stdin", "--data-dir", str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for login in ("AIGUL", "aigul", "aigul", "Aigul")
    ]
    for run in runs:  # all given their PIN, then all waited for: they run side by side
        assert run.stdin is not None
        run.stdin.write("2468\n")
        run.stdin.close()
    codes = [run.wait(timeout=120) for run in runs]
    assert sorted(codes) == [0, 2, 2, 2], [run.stderr.read() for run in runs if run.stderr]
    with contextlib.closing(sqlite3.connect(tmp_path / "kezek.sqlite3")) as db, db:
        assert len(db.execute("SELECT login FROM operators").fetchall()) == 1


@pytest.fixture
def demo_without_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    """`kezek demo` in this process, its terminals enrolling as they would (without their
    windows), stopped by Ctrl+C once everything has started."""
    from hallserver import demo
    from hallserver.client.enrollment import Enrollment

    def enroll(children: demo.Children, name: str, args: list[str], env: dict[str, str]) -> None:
        given = dict(zip(args[1::2], args[2::2], strict=False))  # the terminal, as it pairs
        Enrollment.enroll(given["--server"], given["--pair"], given["--name"],
                          Path(given["--enrollment"]))  # fmt: skip

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(demo.Children, "start", enroll)
    monkeypatch.setattr(demo, "discover", lambda **_: [])  # the terminals get --server
    monkeypatch.setattr(demo, "STAGGER_S", 0)
    monkeypatch.setattr(demo, "_conduct", stop)


@pytest.mark.usefixtures("demo_without_terminals")
def test_the_demo_runs_again_on_its_own_data_and_still_refuses_a_real_halls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its terminals enroll under names of their own ("Entrance kiosk", ...): the second run
    had taken them for another hall's and refused its own folder."""
    folder = tmp_path / "demo"
    run = ["demo", "--headless", "--port", "0", "--data-dir", str(folder)]
    for _ in range(2):
        assert kezek(run) == 130, capsys.readouterr().err  # ended by Ctrl+C
        assert "Ctrl+C stops everything" in capsys.readouterr().out
        with contextlib.closing(sqlite3.connect(folder / "kezek.sqlite3")) as db, db:
            names = {n for (n,) in db.execute("SELECT subject FROM tokens WHERE NOT revoked")}
        assert {"Entrance kiosk", "Counter 1", "Wall display", "Rating at counter 1"} <= names
    data = ["--data-dir", str(folder)]
    assert kezek(["token", "create", "--role", "kiosk", "--name", "demo-front", *data]) == 0
    capsys.readouterr()
    assert kezek(run) == 1  # a token the demo did not make, whatever its name
    assert "holds tokens of other terminals (kiosk 'demo-front')" in capsys.readouterr().err


def test_the_hall_listens_and_announces_on_a_host_given_by_name(tmp_path: Path) -> None:
    """`--host localhost` had stopped the server with "illegal IP address string passed to
    inet_aton" (the announcement took the name for an address)."""
    import signal

    import httpx

    process = subprocess.Popen(
        [sys.executable, "-m", "hallserver", "hall", "--demo", "--host", "localhost"]
        + ["--port", "0", "--data-dir", str(tmp_path / "hall")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Kezek hall server on http://localhost:"), process.communicate()
        url = line.split()[4]
        assert httpx.get(f"{url}/api/v1/hall").status_code == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 130
        assert process.stderr is not None
        err = process.stderr.read()
        assert "Traceback" not in err and "inet_aton" not in err and "could not" not in err, err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_an_empty_kezek_host_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEZEK_HOST", "")  # it had listened on every network, "http://:8470"
    code, err = run_kezek("hall", "--demo", "--data-dir", str(tmp_path / "h"))
    assert code == 2 and "--host: is empty (from KEZEK_HOST)" in err, err
    assert not (tmp_path / "h").exists()


def test_a_hall_that_cannot_listen_keeps_the_catalogue_it_had(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new --catalogue had been saved before the port was found taken."""
    data = a_demo_hall(tmp_path / "hall")
    new = tmp_path / "new.toml"
    new.write_text(demo_catalogue_text().replace('en = "Public Service Centre', 'en = "New'),
                   encoding="utf-8")  # fmt: skip
    with contextlib.closing(sqlite3.connect(Path(data) / "kezek.sqlite3")) as db, db:
        before = db.execute("SELECT data FROM hall_state WHERE key = 'catalogue'").fetchall()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        argv = ["hall", "--data-dir", data, "--catalogue", str(new), "--port", port]
        assert kezek([*argv, "--no-announce"]) == 1
    assert "cannot listen on 127.0.0.1:" in capsys.readouterr().err
    with contextlib.closing(sqlite3.connect(Path(data) / "kezek.sqlite3")) as db, db:
        after = db.execute("SELECT data FROM hall_state WHERE key = 'catalogue'").fetchall()
    assert after == before


@pytest.mark.parametrize("where", ["--data-dir", "--db", "KEZEK_DATA_DIR"])
def test_a_folder_name_longer_than_the_system_takes_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    long = tmp_path / ("a" * 300)  # had been a traceback: File name too long
    given = {
        "--data-dir": ["--data-dir", str(long)],
        "--db": ["--db", f"sqlite:///{long}/kezek.sqlite3"],
        "KEZEK_DATA_DIR": [],
    }[where]
    monkeypatch.setenv("KEZEK_DATA_DIR", str(long))
    try:
        code = kezek(["operator", "list", *given])
    except SystemExit as stopped:  # argparse's, for --data-dir
        code = int(stopped.code or 0)
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert "longer than the system allows (255 bytes a name)" in err, err
    assert len(err.splitlines()) == 1 and len(err) < 300


@pytest.mark.parametrize("argv", MAKE_A_DATABASE)
def test_a_database_url_makes_a_new_database_as_a_data_folder_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """A new SQLite file by --db had been made without a word, in folders anyone could read
    (0755, the file 0644: PIN hashes, IINs), and a missing folder was "unable to open
    database file"."""
    database = tmp_path / "new" / "deeper" / "hall.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    assert kezek([*argv, "--db", f"sqlite:///{database}"]) == 0
    said = capsys.readouterr().err
    assert f"there was no hall database at {database}: made a new one" in said, said
    assert "same --db" in said
    assert database.parent.stat().st_mode & 0o777 == 0o700, "the hall's folder, as --data-dir"
    assert database.stat().st_mode & 0o077 == 0, "readable by its user only"
    monkeypatch.setenv("KEZEK_DB", f"sqlite:///{database}")
    assert kezek(["token", "create", "--role", "kiosk", "--name", "Again"]) == 0
    assert "no hall database" not in capsys.readouterr().err


def test_every_icon_the_demo_hall_names_is_one_a_catalogue_may_name() -> None:
    from hallserver.icons import CATALOGUE_ICONS

    used = {s.icon for s in parse_catalogue(demo_catalogue_text(), source="demo").services}
    assert used <= set(CATALOGUE_ICONS), used - set(CATALOGUE_ICONS)


def test_a_catalogue_that_would_never_serve_anyone_is_noted_when_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It had passed --check without a word: a service open only when the hall is closed, a
    hall with no services or no opening hours."""
    text = demo_catalogue_text()
    days = "".join(f'{d} = "09:00-18:00"\n' for d in ("mon", "tue", "wed", "thu", "fri"))
    assert days in text
    text = text.replace(days, "".join(f'{d} = "20:30-22:00"\n' for d in ("mon", "fri")), 1)
    evening = [s.id for s in parse_catalogue(text, source="x").services if s.hours is not None]
    hall = tmp_path / "hall.toml"
    hall.write_text(text, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert kezek(["hall", *data, "--catalogue", str(hall), "--check"]) == 0
    out = capsys.readouterr().out
    assert f"Note: service {evening[0]} is never open: its hours never fall while" in out, out
    empty = tmp_path / "empty.toml"
    empty.write_text(
        '[hall]\nid = "h"\nname = { kk = "Зал", ru = "Зал", en = "Hall" }\n[hall.hours]\n',
        encoding="utf-8",
    )
    assert kezek(["hall", "--data-dir", str(tmp_path / "e"), "--catalogue", str(empty),
                  "--check"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Note: the hall has no services: its kiosks have nothing" in out, out
    assert "Note: the hall has no opening hours: it is never open" in out, out
    assert kezek(["hall", "--data-dir", str(tmp_path / "e"), "--demo", "--check"]) == 0
    out = capsys.readouterr().out  # --demo had been ignored without a word
    assert "Note: --demo seeds only an empty database: this one holds the hall 'h'" in out, out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ("hall", ["default: KEZEK_HOST, else 127.0.0.1", "default: KEZEK_PORT, else 8470"]),
        ("demo", ["the demo folder in KEZEK_DATA_DIR, else in the user data dir", "default 8470"]),
        ("pair", ["the terminal's name, unique per role", "counter id, for a counter"]),
        ("operator add", ["what the operator types to sign in", "the supervisor's board"]),
        ("backup", ["the new backup file"]),
        ("restore", ["a backup file made by `kezek backup`"]),
    ],
)
def test_the_help_says_each_options_default_and_meaning(
    capsys: pytest.CaptureFixture[str], argv: str, says: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        kezek([*argv.split(), "--help"])
    assert stopped.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())  # argparse wraps its lines
    for text in says:
        assert text in shown, shown


@pytest.mark.parametrize(
    ("argv", "says"),
    [  # an empty name had been "." (". exists already"), a missing archive "[Errno 2] …"
        (["backup", ""], "kezek backup: argument file: is empty: name a file"),
        (["restore", ""], "kezek restore: argument file: is empty: name a file"),
        (["hall", "--check", "--catalogue", ""], "argument --catalogue: is empty: name a file"),
        (["audit", "verify", "--archive", "/nonexistent/x.gz"], "kezek: no archive file at /no"),
        (["audit", "verify", "--archive", "/"], "kezek: --archive / is a folder: name its"),
    ],
)
def test_an_empty_file_name_or_a_missing_archive_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    try:
        code = kezek([*argv, "--data-dir", a_demo_hall(tmp_path / "h")])
    except SystemExit as stopped:  # argparse's
        code = int(stopped.code or 0)
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err


def test_one_of_a_thing_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = demo_catalogue_text()
    first = text.index("[[counter]]")  # the counters come last: keep the first one only
    second = text.index("[[counter]]", first + 1)
    assert "[[" not in text[second + 2 :].replace("[[counter]]", "")
    hall = tmp_path / "hall.toml"
    hall.write_text(text[:second], encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "d")]
    assert kezek(["hall", *data, "--catalogue", str(hall), "--check"]) == 0
    assert ", 1 counter; database ready" in capsys.readouterr().out  # not "1 counters"
    assert kezek(["audit", "verify", *data]) == 0
    assert "event log intact: 0 events" in capsys.readouterr().out


@pytest.mark.usefixtures("demo_without_terminals")
def test_the_demo_on_a_new_database_url_makes_it_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new --db file and the folder made for it had been readable by every user."""
    monkeypatch.setenv("KEZEK_DATA_DIR", str(tmp_path / "data"))
    database = tmp_path / "new" / "demo.sqlite3"
    argv = ["demo", "--headless", "--port", "0", "--db", f"sqlite:///{database}"]
    assert kezek(argv) == 130, capsys.readouterr().err
    assert database.parent.stat().st_mode & 0o777 == 0o700
    assert database.stat().st_mode & 0o077 == 0


def _files_open_under(folder: Path) -> list[str]:
    """The files under `folder` this process holds open (SQLite's database, -wal and -shm)."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor, closed by now
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(f"{folder}/"):
                held.append(target)
    return sorted(held)


def test_every_command_closes_the_database_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command left its connection to the hall's database open, for the garbage collector
    to find (if it ever ran: tests call them in one process, beside a hall that had frozen the
    collector's garbage for good): 3 files (SQLite's database, -wal and -shm) a command."""
    hall = tmp_path / "hall"
    data = ["--data-dir", str(hall)]
    restored = f"sqlite:///{tmp_path / 'restored' / 'kezek.sqlite3'}"
    commands: list[tuple[list[str], int]] = [
        (["hall", "--demo", "--check"], 0),
        (["token", "create", "--role", "kiosk"], 0),
        (["pair", "--role", "display", "--name", "Hall"], 0),
        (["operator", "add", "aigul", "--name", "Aigul", "--pin-stdin"], 0),
        (["operator", "add", "AIGUL", "--name", "Aigul", "--pin-stdin"], 2),  # refused
        (["operator", "list"], 0),
        (["operator", "disable", "aigul"], 0),
        (["catalogue", "export", str(tmp_path / "hall.toml")], 0),
        (["backup", str(tmp_path / "hall.gz")], 0),
        (["audit", "verify"], 0),
        (["audit", "archive", "--before", "2001-01-01", str(tmp_path / "old.gz")], 2),
    ]
    collecting = gc.isenabled()
    gc.disable()  # what is left to the collector stays open: as it does once frozen
    try:
        for argv, code in commands:
            monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
            assert kezek([*argv, *data]) == code, capsys.readouterr().err
            assert _files_open_under(tmp_path) == [], argv
        assert kezek(["restore", str(tmp_path / "hall.gz"), "--db", restored]) == 0
        assert _files_open_under(tmp_path) == [], "restore"
        with contextlib.closing(sqlite3.connect(hall / "kezek.sqlite3")) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = '0099'")
        assert kezek(["token", "create", "--role", "kiosk", *data]) == 1  # a newer Kezek's
        assert _files_open_under(tmp_path) == [], "a database refused"
    finally:
        if collecting:
            gc.enable()


def test_ctrl_c_before_the_command_begins_ends_with_130_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a slow machine Ctrl+C in a start's first second landed while the database's path was
    worked out, before the command caught it: a traceback and exit -2, where 130 was due."""
    import hallserver.__main__ as cli

    def interrupted(args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_fresh_database", interrupted)
    try:
        code: int | str = kezek(["hall", "--data-dir", str(tmp_path / "d"), "--check"])
    except KeyboardInterrupt:  # not on to the test run: it would stop there
        code = "a traceback"
    assert code == 130
    assert not (tmp_path / "d").exists()
