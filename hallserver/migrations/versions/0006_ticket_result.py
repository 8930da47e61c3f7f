"""tickets.result: how a served visit ended, as the operator recorded it at finish.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("result", sa.String(40)))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("result")
