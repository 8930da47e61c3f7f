"""The first schema: event log, tickets, counters, bookings, hall state, tokens, operators.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("counter_id", sa.String(40)),
        sa.Column("ticket_id", sa.String(40)),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_events_ticket", "events", ["ticket_id"])
    op.create_index("ix_events_at", "events", ["at"])
    op.create_table(
        "tickets",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("number", sa.String(12), nullable=False),
        sa.Column("service_id", sa.String(60), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("priority", sa.String(20), nullable=False),
        sa.Column("counter_id", sa.String(40)),
        sa.Column("operator_id", sa.String(60)),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_called_at", sa.DateTime(timezone=True)),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("rating", sa.String(20)),
        sa.Column("transfers", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_tickets_day", "tickets", ["day"])
    op.create_index("ix_tickets_status", "tickets", ["status"])
    op.create_table(
        "counters",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "bookings",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("service_id", sa.String(60), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("iin", sa.String(12)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_bookings_slot", "bookings", ["slot_at"])
    op.create_table(
        "hall_state",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("counter_id", sa.String(40)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "pairing_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("counter_id", sa.String(40)),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used", sa.Boolean, nullable=False),
    )
    op.create_table(
        "operators",
        sa.Column("login", sa.String(60), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("supervisor", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "operators",
        "pairing_codes",
        "tokens",
        "hall_state",
        "bookings",
        "counters",
        "tickets",
        "events",
    ):
        op.drop_table(table)
