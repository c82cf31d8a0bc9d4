"""risks: links from risks to change requests

Revision ID: 9d0e1f2a3b4c
Revises: 6f708192a3b4
Create Date: 2026-12-06 04:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9d0e1f2a3b4c'
down_revision = "6f708192a3b4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('risk_change_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('change_request_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['change_request_id'], ['change_request.id'], name=op.f('fk_risk_change_request_change_request_id_change_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_risk_change_request_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_risk_change_request_risk_id_risk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_change_request')),
    sa.UniqueConstraint('risk_id', 'change_request_id', name='uq_risk_change_request_pair')
    )
    with op.batch_alter_table('risk_change_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_change_request_change_request_id'), ['change_request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_change_request_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_change_request_risk_id'), ['risk_id'], unique=False)


def downgrade():
    with op.batch_alter_table('risk_change_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_change_request_risk_id'))
        batch_op.drop_index(batch_op.f('ix_risk_change_request_project_id'))
        batch_op.drop_index(batch_op.f('ix_risk_change_request_change_request_id'))

    op.drop_table('risk_change_request')
