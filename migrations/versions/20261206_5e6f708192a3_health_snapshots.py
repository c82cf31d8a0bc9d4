"""governance health: daily snapshots of the scorecard (append-only)

Revision ID: 5e6f708192a3
Revises: c5d7e9f1a3b2
Create Date: 2026-12-06 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e6f708192a3'
down_revision = 'c5d7e9f1a3b2'
branch_labels = None
depends_on = None

# A snapshot records a past day: UPDATE is refused by the database whatever the code path.
# DELETE stays possible so deleting a project cascades; the ORM refuses deleting a snapshot.
PG_GUARD = [
    """
    CREATE FUNCTION health_snapshot_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'health_snapshot is append-only: UPDATE refused'
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER health_snapshot_no_update BEFORE UPDATE ON health_snapshot
    FOR EACH ROW EXECUTE FUNCTION health_snapshot_refuse_update()
    """,
]
SQLITE_GUARD = [
    """
    CREATE TRIGGER health_snapshot_no_update BEFORE UPDATE ON health_snapshot
    BEGIN SELECT RAISE(ABORT, 'health_snapshot is append-only: UPDATE refused'); END
    """,
]


def upgrade():
    op.create_table('health_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('statuses', sa.JSON(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('score IS NULL OR score BETWEEN 0 AND 100', name=op.f('ck_health_snapshot_score_range')),
    sa.CheckConstraint("status IN ('red', 'amber', 'green', 'not_applicable')", name=op.f('ck_health_snapshot_status_known')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_health_snapshot_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_snapshot')),
    sa.UniqueConstraint('project_id', 'taken_on', name='uq_health_snapshot_project_day')
    )
    with op.batch_alter_table('health_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_snapshot_project_id'), ['project_id'], unique=False)
    guard = PG_GUARD if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARD
    for statement in guard:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS health_snapshot_no_update ON health_snapshot")
        op.execute("DROP FUNCTION IF EXISTS health_snapshot_refuse_update()")
    else:
        op.execute("DROP TRIGGER IF EXISTS health_snapshot_no_update")
    with op.batch_alter_table('health_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_health_snapshot_project_id'))

    op.drop_table('health_snapshot')
