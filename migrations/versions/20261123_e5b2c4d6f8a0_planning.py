"""planning: phases, tasks, dependencies, plan baselines

Revision ID: e5b2c4d6f8a0
Revises: d3a1f0c2b4e6
Create Date: 2026-11-23 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b2c4d6f8a0'
down_revision = 'd3a1f0c2b4e6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('phase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('gate', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('position >= 0', name=op.f('ck_phase_position_positive')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_phase_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase')),
    sa.UniqueConstraint('project_id', 'name', name='uq_phase_project_name')
    )
    op.create_index(op.f('ix_phase_project_id'), 'phase', ['project_id'], unique=False)
    op.create_table('plan_baseline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('project_finish', sa.Date(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_plan_baseline_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_baseline')),
    sa.UniqueConstraint('project_id', 'name', name='uq_plan_baseline_name')
    )
    op.create_index(op.f('ix_plan_baseline_project_id'), 'plan_baseline', ['project_id'], unique=False)
    op.create_table('plan_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('near_critical_days', sa.Integer(), nullable=False),
    sa.Column('graph_revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('near_critical_days >= 0 AND near_critical_days <= 100', name=op.f('ck_plan_settings_near_critical_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_plan_settings_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_settings')),
    sa.UniqueConstraint('project_id', name=op.f('uq_plan_settings_project_id'))
    )
    op.create_table('plan_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('duration', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('constraint_type', sa.String(length=4), nullable=True),
    sa.Column('constraint_date', sa.Date(), nullable=True),
    sa.Column('percent_complete', sa.Integer(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('planned_cost', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('actual_cost', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('source_uid', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("constraint_type IS NULL OR constraint_type IN ('SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO')", name=op.f('ck_plan_task_constraint_known')),
    sa.CheckConstraint('(constraint_type IS NULL) = (constraint_date IS NULL)', name=op.f('ck_plan_task_constraint_complete')),
    sa.CheckConstraint('actual_finish IS NULL OR actual_start IS NULL OR actual_finish >= actual_start', name=op.f('ck_plan_task_actuals_ordered')),
    sa.CheckConstraint('duration >= 0 AND duration <= 10000', name=op.f('ck_plan_task_duration_range')),
    sa.CheckConstraint('percent_complete >= 0 AND percent_complete <= 100', name=op.f('ck_plan_task_percent_range')),
    sa.CheckConstraint('planned_cost >= 0 AND actual_cost >= 0', name=op.f('ck_plan_task_cost_positive')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_plan_task_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_plan_task_phase_id_phase'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_plan_task_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task'))
    )
    op.create_index(op.f('ix_plan_task_phase_id'), 'plan_task', ['phase_id'], unique=False)
    op.create_index(op.f('ix_plan_task_project_id'), 'plan_task', ['project_id'], unique=False)
    op.create_table('plan_baseline_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('finish', sa.Date(), nullable=False),
    sa.Column('duration', sa.Integer(), nullable=False),
    sa.Column('planned_cost', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['plan_baseline.id'], name=op.f('fk_plan_baseline_task_baseline_id_plan_baseline'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_baseline_task_task_id_plan_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_baseline_task'))
    )
    op.create_index(op.f('ix_plan_baseline_task_baseline_id'), 'plan_baseline_task', ['baseline_id'], unique=False)
    op.create_index(op.f('ix_plan_baseline_task_task_id'), 'plan_baseline_task', ['task_id'], unique=False)
    op.create_table('plan_dependency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=2), nullable=False),
    sa.Column('lag', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("type IN ('FS', 'SS', 'FF', 'SF')", name=op.f('ck_plan_dependency_type_known')),
    sa.CheckConstraint('lag >= -1000 AND lag <= 1000', name=op.f('ck_plan_dependency_lag_range')),
    sa.CheckConstraint('predecessor_id <> successor_id', name=op.f('ck_plan_dependency_not_self')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['plan_task.id'], name=op.f('fk_plan_dependency_predecessor_id_plan_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_plan_dependency_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['successor_id'], ['plan_task.id'], name=op.f('fk_plan_dependency_successor_id_plan_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_dependency')),
    sa.UniqueConstraint('predecessor_id', 'successor_id', name='uq_plan_dependency_pair')
    )
    op.create_index(op.f('ix_plan_dependency_predecessor_id'), 'plan_dependency', ['predecessor_id'], unique=False)
    op.create_index(op.f('ix_plan_dependency_project_id'), 'plan_dependency', ['project_id'], unique=False)
    op.create_index(op.f('ix_plan_dependency_successor_id'), 'plan_dependency', ['successor_id'], unique=False)



def downgrade():
    op.drop_index(op.f('ix_plan_dependency_successor_id'), table_name='plan_dependency')
    op.drop_index(op.f('ix_plan_dependency_project_id'), table_name='plan_dependency')
    op.drop_index(op.f('ix_plan_dependency_predecessor_id'), table_name='plan_dependency')
    op.drop_table('plan_dependency')
    op.drop_index(op.f('ix_plan_baseline_task_task_id'), table_name='plan_baseline_task')
    op.drop_index(op.f('ix_plan_baseline_task_baseline_id'), table_name='plan_baseline_task')
    op.drop_table('plan_baseline_task')
    op.drop_index(op.f('ix_plan_task_project_id'), table_name='plan_task')
    op.drop_index(op.f('ix_plan_task_phase_id'), table_name='plan_task')
    op.drop_table('plan_task')
    op.drop_table('plan_settings')
    op.drop_index(op.f('ix_plan_baseline_project_id'), table_name='plan_baseline')
    op.drop_table('plan_baseline')
    op.drop_index(op.f('ix_phase_project_id'), table_name='phase')
    op.drop_table('phase')

