"""Run the Alembic migrations shipped in `hallserver/migrations` against an engine.

Alembic is imported only when there is something to migrate: a database already at `HEAD`
starts without it (it is a tenth of the server's start-up time).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0006"  # the newest migration in hallserver/migrations/versions (a test holds it to it)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("hallserver") / "migrations"))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return current_revision_in(conn)


def current_revision_in(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


class NewerDatabase(Exception):
    """The database was made or upgraded by a newer Kezek: this one cannot read it."""


class NotAHall(Exception):
    """The database holds another program's tables, and no hall's."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision`; a no-op when it is there already."""
    current = current_revision(engine)
    if revision == "head" and current == HEAD:
        return
    if current is None and (tables := sorted(inspect(engine).get_table_names())):
        # another program's database (a mistyped --db or --data-dir): not made into a hall
        raise NotAHall(
            f"this database holds tables that are not a hall's ({', '.join(tables[:5])}) "
            "and no hall: check --db or --data-dir"
        )
    from alembic import command
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabase(
            f"this database is at schema {current}, newer than this Kezek's {HEAD}: "
            "run the Kezek that made it, or a newer one"
        )

    config = _config()
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            # one migration at a time: Python's sqlite3 runs DDL outside any transaction of
            # its own, so two first commands at once both made the tables, and one failed
            # ("table events already exists") after the other had printed its token
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            if current_revision_in(conn) == HEAD and revision == "head":
                return  # made meanwhile by the other one
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
