"""budget: baselines, frozen snapshots of the planned amounts

Revision ID: b7c8d9e0f1a2
Revises: d9e0f1a2b3c4
Create Date: 2026-12-06 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c8d9e0f1a2'
down_revision = 'd9e0f1a2b3c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('budget_baseline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('total_planned', sa.BigInteger(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_budget_baseline_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_budget_baseline_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_baseline')),
    sa.UniqueConstraint('project_id', 'name', name='uq_budget_baseline_name')
    )
    with op.batch_alter_table('budget_baseline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_baseline_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_baseline_project_id'), ['project_id'], unique=False)

    op.create_table('budget_baseline_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('planned', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("category IN ('software_licences', 'training', 'data_maintenance', 'integration', 'project_management', 'contingency', 'other')", name=op.f('ck_budget_baseline_line_category_known')),
    sa.CheckConstraint('planned >= 0', name=op.f('ck_budget_baseline_line_planned_not_negative')),
    sa.ForeignKeyConstraint(['baseline_id'], ['budget_baseline.id'], name=op.f('fk_budget_baseline_line_baseline_id_budget_baseline'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['line_id'], ['budget_line.id'], name=op.f('fk_budget_baseline_line_line_id_budget_line'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_baseline_line'))
    )
    with op.batch_alter_table('budget_baseline_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_baseline_line_baseline_id'), ['baseline_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_baseline_line_line_id'), ['line_id'], unique=False)



def downgrade():
    with op.batch_alter_table('budget_baseline_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_baseline_line_line_id'))
        batch_op.drop_index(batch_op.f('ix_budget_baseline_line_baseline_id'))

    op.drop_table('budget_baseline_line')
    with op.batch_alter_table('budget_baseline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_baseline_project_id'))
        batch_op.drop_index(batch_op.f('ix_budget_baseline_created_by_id'))

    op.drop_table('budget_baseline')
