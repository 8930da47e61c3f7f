"""Fixtures of the server tests: a fresh PostgreSQL database when one is there."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get("KEZEK_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL here: set KEZEK_TEST_PG_URL (make test starts one when it can)")
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh database on the test PostgreSQL server, dropped afterwards."""
    name = f"kezek_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = pg_server_url.rpartition("/")
    yield f"{base}/{name}"
    for attempt in range(50):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            break
        except ProgrammingError as exc:
            # FORCE may not end an autovacuum worker busy in the new database (it belongs to
            # no role of ours): it ends by itself within moments
            if "pg_signal_backend" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)
    admin.dispose()
