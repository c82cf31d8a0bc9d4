"""budget: budget lines, cost entries, forecasts, ROI

Revision ID: f7c3d5e9a1b4
Revises: e5b2c4d6f8a0
Create Date: 2026-11-23 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7c3d5e9a1b4'
down_revision = 'e5b2c4d6f8a0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('budget_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year_start_month', sa.Integer(), nullable=False),
    sa.Column('fiscal_year_named_by', sa.String(length=5), nullable=False),
    sa.Column('discount_rate_bp', sa.Integer(), nullable=False),
    sa.Column('schedule_percent_complete', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('fiscal_year_start_month BETWEEN 1 AND 12', name=op.f('ck_budget_settings_start_month_range')),
    sa.CheckConstraint("fiscal_year_named_by IN ('end', 'start')", name=op.f('ck_budget_settings_named_by_known')),
    sa.CheckConstraint('discount_rate_bp BETWEEN 0 AND 10000', name=op.f('ck_budget_settings_discount_rate_range')),
    sa.CheckConstraint('schedule_percent_complete IS NULL OR schedule_percent_complete BETWEEN 0 AND 100', name=op.f('ck_budget_settings_schedule_percent_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_budget_settings_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_settings')),
    sa.UniqueConstraint('project_id', name=op.f('uq_budget_settings_project_id'))
    )
    op.create_table('budget_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('planned', sa.BigInteger(), nullable=False),
    sa.Column('estimate_to_complete', sa.BigInteger(), nullable=True),
    sa.Column('forecast_note', sa.String(length=500), nullable=False),
    sa.Column('forecast_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("category IN ('software_licences', 'training', 'data_maintenance', 'integration', 'project_management', 'contingency', 'other')", name=op.f('ck_budget_line_category_known')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_budget_line_quarter_range')),
    sa.CheckConstraint('fiscal_year BETWEEN 1990 AND 2100', name=op.f('ck_budget_line_fiscal_year_range')),
    sa.CheckConstraint('planned >= 0', name=op.f('ck_budget_line_planned_not_negative')),
    sa.CheckConstraint('estimate_to_complete IS NULL OR estimate_to_complete >= 0', name=op.f('ck_budget_line_estimate_not_negative')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_budget_line_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_budget_line_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_line')),
    sa.UniqueConstraint('project_id', 'number', name='uq_budget_line_project_number')
    )
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_line_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_line_project_id'), ['project_id'], unique=False)

    op.create_table('budget_benefit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('expected', sa.BigInteger(), nullable=False),
    sa.Column('realised', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('expected >= 0', name=op.f('ck_budget_benefit_expected_not_negative')),
    sa.CheckConstraint('realised IS NULL OR realised >= 0', name=op.f('ck_budget_benefit_realised_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_budget_benefit_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_benefit')),
    sa.UniqueConstraint('project_id', 'month', 'description', name='uq_budget_benefit_project_month_description')
    )
    with op.batch_alter_table('budget_benefit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_benefit_project_id'), ['project_id'], unique=False)

    op.create_table('cost_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_cost_entry_amount_not_zero')),
    sa.ForeignKeyConstraint(['line_id'], ['budget_line.id'], name=op.f('fk_cost_entry_line_id_budget_line'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_cost_entry_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_entry'))
    )
    with op.batch_alter_table('cost_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_entry_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_entry_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cost_entry_spent_on'), ['spent_on'], unique=False)


def downgrade():
    with op.batch_alter_table('cost_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_entry_spent_on'))
        batch_op.drop_index(batch_op.f('ix_cost_entry_project_id'))
        batch_op.drop_index(batch_op.f('ix_cost_entry_line_id'))
    op.drop_table('cost_entry')
    with op.batch_alter_table('budget_benefit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_benefit_project_id'))
    op.drop_table('budget_benefit')
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_line_project_id'))
        batch_op.drop_index(batch_op.f('ix_budget_line_owner_id'))
    op.drop_table('budget_line')
    op.drop_table('budget_settings')
