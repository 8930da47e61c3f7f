"""Drop two indexes nothing reads: every commit wrote their pages for nothing.

ix_events_ticket was never queried. ix_tickets_status served only the restart's "and any still
open" clause, which cannot match: a new day expires every open ticket in the same transaction
that moves the hall to that day, so open tickets are always the saved day's. Without the two,
a group commit writes about a quarter fewer pages to the WAL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_ticket", table_name="events")
    op.drop_index("ix_tickets_status", table_name="tickets")


def downgrade() -> None:
    op.create_index("ix_tickets_status", "tickets", ["status"])
    op.create_index("ix_events_ticket", "events", ["ticket_id"])
