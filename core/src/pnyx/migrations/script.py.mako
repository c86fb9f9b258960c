<%
    revises = (down_revision,) if isinstance(down_revision, str) else (down_revision or ())
%>"""${message}

Revision ID: ${up_revision}
Revises: ${", ".join(revises) or "nothing (first migration of this history)"}
Create Date: ${create_date.strftime("%Y-%m-%d %H:%M:%S")}
"""

import sqlalchemy as sa
from alembic import op
% if imports:
${imports}
% endif

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
