"""planning: which requirements each plan task delivers

Revision ID: 6f708192a3b4
Revises: 4d5e6f708192
Create Date: 2026-12-06 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6f708192a3b4'
down_revision = "4d5e6f708192"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_task_requirement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_plan_task_requirement_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_plan_task_requirement_requirement_id_requirement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_requirement_task_id_plan_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_requirement')),
    sa.UniqueConstraint('task_id', 'requirement_id', name='uq_plan_task_requirement_pair')
    )
    with op.batch_alter_table('plan_task_requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_requirement_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_requirement_requirement_id'), ['requirement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_requirement_task_id'), ['task_id'], unique=False)


def downgrade():
    with op.batch_alter_table('plan_task_requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_requirement_task_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_requirement_requirement_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_requirement_project_id'))

    op.drop_table('plan_task_requirement')
