"""budget: a benefit may be valued by a KPI of the project at a value per KPI point

Revision ID: c8d9e0f1a2b3
Revises: 9d0e1f2a3b4c
Create Date: 2026-12-06 06:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c8d9e0f1a2b3'
down_revision = '9d0e1f2a3b4c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('budget_benefit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kpi_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('value_per_point', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_budget_benefit_kpi_id'), ['kpi_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_budget_benefit_kpi_id_kpi'), 'kpi',
                                    ['kpi_id'], ['id'], ondelete='RESTRICT')
        batch_op.create_check_constraint(batch_op.f('ck_budget_benefit_kpi_value_paired'),
                                         '(kpi_id IS NULL) = (value_per_point IS NULL)')
        batch_op.create_check_constraint(
            batch_op.f('ck_budget_benefit_value_per_point_positive'),
            'value_per_point IS NULL OR value_per_point > 0')


def downgrade():
    with op.batch_alter_table('budget_benefit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_budget_benefit_value_per_point_positive'),
                                 type_='check')
        batch_op.drop_constraint(batch_op.f('ck_budget_benefit_kpi_value_paired'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_budget_benefit_kpi_id_kpi'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_budget_benefit_kpi_id'))
        batch_op.drop_column('value_per_point')
        batch_op.drop_column('kpi_id')
