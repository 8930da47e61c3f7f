"""The database schema: the hash-chained event log and the tables reports and restarts read."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),  # ISO 8601 with offset, exactly as hashed
    Column("type", String(40), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("counter_id", String(40)),
    Column("ticket_id", String(40)),
    Column("data", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
Index("ix_events_at", events.c.at)

tickets = Table(
    "tickets",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("day", Date, nullable=False),
    Column("number", String(12), nullable=False),
    Column("service_id", String(60), nullable=False),
    Column("status", String(20), nullable=False),
    Column("priority", String(20), nullable=False),
    Column("counter_id", String(40)),
    Column("operator_id", String(60)),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("first_called_at", DateTime(timezone=True)),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("rating", String(20)),
    Column("result", String(40)),  # how a served visit ended (the hall's [[result]] ids)
    Column("transfers", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),
    Column("wait_s", Integer),  # issue to first call; None until called
)
Index("ix_tickets_day", tickets.c.day)

counters = Table(
    "counters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("data", Text, nullable=False),
)

bookings = Table(
    "bookings",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("service_id", String(60), nullable=False),
    Column("slot_at", DateTime(timezone=True), nullable=False),
    Column("iin", String(12)),
    Column("state", String(20), nullable=False),
    Column("data", Text, nullable=False),
)
Index("ix_bookings_slot", bookings.c.slot_at)

hall_state = Table(
    "hall_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("data", Text, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("subject", String(120), nullable=False),
    Column("counter_id", String(40)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("expires_at", DateTime(timezone=True)),  # sessions end; terminals' tokens do not
)

pairing_codes = Table(
    "pairing_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("name", String(120), nullable=False),
    Column("counter_id", String(40)),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used", Boolean, nullable=False, default=False),
)

operators = Table(
    "operators",
    metadata,
    Column("login", String(60), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("pin_hash", String(200), nullable=False),
    Column("supervisor", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False, server_default=false()),
)
