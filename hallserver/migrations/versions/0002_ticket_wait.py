"""tickets.wait_s: seconds from issue to first call, for service-level reports; backfilled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("wait_s", sa.Integer, nullable=True))
    tickets = sa.table(
        "tickets",
        sa.column("id", sa.String),
        sa.column("issued_at", sa.DateTime(timezone=True)),
        sa.column("first_called_at", sa.DateTime(timezone=True)),
        sa.column("wait_s", sa.Integer),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(tickets.c.id, tickets.c.issued_at, tickets.c.first_called_at).where(
            tickets.c.first_called_at.is_not(None)
        )
    ).all()
    for row in rows:
        wait = int((row.first_called_at - row.issued_at).total_seconds())
        conn.execute(tickets.update().where(tickets.c.id == row.id).values(wait_s=max(wait, 0)))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("wait_s")
