"""vendors: evaluations, criteria, vendors, scores, site visits, bids, claims

Revision ID: c5d7e9f1a3b2
Revises: b4c6d8e0f2a1
Create Date: 2026-11-23 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5d7e9f1a3b2'
down_revision = 'b4c6d8e0f2a1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vendor_evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('tco_years', sa.Integer(), nullable=False),
    sa.Column('weights_method', sa.String(length=10), nullable=False),
    sa.Column('pairwise', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("weights_method IN ('direct', 'ahp')", name=op.f('ck_vendor_evaluation_weights_method_known')),
    sa.CheckConstraint('tco_years BETWEEN 1 AND 15', name=op.f('ck_vendor_evaluation_tco_years_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_evaluation_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_evaluation')),
    sa.UniqueConstraint('project_id', 'title', name='uq_vendor_evaluation_project_title')
    )
    with op.batch_alter_table('vendor_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_evaluation_project_id'), ['project_id'], unique=False)
    op.create_table('vendor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('product', sa.String(length=200), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('stage_on', sa.Date(), nullable=False),
    sa.Column('vertical', sa.Boolean(), nullable=False),
    sa.Column('bundle', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("stage IN ('longlist', 'invited', 'shortlisted', 'visited', 'bid_received', 'selected', 'rejected')", name=op.f('ck_vendor_stage_known')),
    sa.ForeignKeyConstraint(['evaluation_id'], ['vendor_evaluation.id'], name=op.f('fk_vendor_evaluation_id_vendor_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor')),
    sa.UniqueConstraint('evaluation_id', 'name', name='uq_vendor_evaluation_name')
    )
    with op.batch_alter_table('vendor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_evaluation_id'), ['evaluation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_project_id'), ['project_id'], unique=False)
    op.create_table('vendor_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('guide', sa.Text(), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('weight BETWEEN 0 AND 100', name=op.f('ck_vendor_criterion_weight_range')),
    sa.ForeignKeyConstraint(['evaluation_id'], ['vendor_evaluation.id'], name=op.f('fk_vendor_criterion_evaluation_id_vendor_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_criterion_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_criterion')),
    sa.UniqueConstraint('evaluation_id', 'name', name='uq_vendor_criterion_evaluation_name')
    )
    with op.batch_alter_table('vendor_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_criterion_evaluation_id'), ['evaluation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_criterion_project_id'), ['project_id'], unique=False)
    op.create_table('vendor_evaluator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['vendor_evaluation.id'], name=op.f('fk_vendor_evaluator_evaluation_id_vendor_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_evaluator_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_vendor_evaluator_user_id_user_account'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_evaluator')),
    sa.UniqueConstraint('evaluation_id', 'user_id', name='uq_vendor_evaluator_evaluation_user')
    )
    with op.batch_alter_table('vendor_evaluator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_evaluator_evaluation_id'), ['evaluation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_evaluator_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_evaluator_user_id'), ['user_id'], unique=False)
    op.create_table('vendor_bid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('licence_model', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("licence_model IN ('subscription', 'perpetual', 'term', 'other')", name=op.f('ck_vendor_bid_licence_model_known')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_vendor_bid_price_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_bid_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendor_bid_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_bid')),
    sa.UniqueConstraint('vendor_id', name=op.f('uq_vendor_bid_vendor_id'))
    )
    with op.batch_alter_table('vendor_bid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_bid_project_id'), ['project_id'], unique=False)
    op.create_table('vendor_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('requirement_ref', sa.String(length=40), nullable=False),
    sa.Column('must_have', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('unverified', 'verified', 'false')", name=op.f('ck_vendor_claim_status_known')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_claim_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendor_claim_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_claim'))
    )
    with op.batch_alter_table('vendor_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_claim_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_claim_vendor_id'), ['vendor_id'], unique=False)
    op.create_table('vendor_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('evaluator_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('value BETWEEN 1 AND 5', name=op.f('ck_vendor_score_value_range')),
    sa.ForeignKeyConstraint(['criterion_id'], ['vendor_criterion.id'], name=op.f('fk_vendor_score_criterion_id_vendor_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['evaluator_id'], ['vendor_evaluator.id'], name=op.f('fk_vendor_score_evaluator_id_vendor_evaluator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_score_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendor_score_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_score')),
    sa.UniqueConstraint('evaluator_id', 'vendor_id', 'criterion_id', name='uq_vendor_score_evaluator_vendor_criterion')
    )
    with op.batch_alter_table('vendor_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_score_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_score_evaluator_id'), ['evaluator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_score_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_score_vendor_id'), ['vendor_id'], unique=False)
    op.create_table('vendor_site_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('customer', sa.String(length=200), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('attendees', sa.String(length=500), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('NOT completed OR rating IS NOT NULL', name=op.f('ck_vendor_site_visit_completed_rated')),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name=op.f('ck_vendor_site_visit_rating_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_site_visit_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendor_site_visit_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_site_visit'))
    )
    with op.batch_alter_table('vendor_site_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_site_visit_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_site_visit_vendor_id'), ['vendor_id'], unique=False)
    op.create_table('vendor_stage_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=True),
    sa.Column('to_stage', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('override', sa.Boolean(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("to_stage IN ('longlist', 'invited', 'shortlisted', 'visited', 'bid_received', 'selected', 'rejected')", name=op.f('ck_vendor_stage_change_to_stage_known')),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_vendor_stage_change_reason_given')),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_vendor_stage_change_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_stage_change_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendor_stage_change_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_stage_change'))
    )
    with op.batch_alter_table('vendor_stage_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_stage_change_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_stage_change_vendor_id'), ['vendor_id'], unique=False)
    op.create_table('vendor_bid_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('one_off', sa.BigInteger(), nullable=False),
    sa.Column('yearly', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('licences', 'implementation', 'training', 'data_migration', 'integration', 'support')", name=op.f('ck_vendor_bid_line_kind_known')),
    sa.CheckConstraint('one_off >= 0 AND yearly >= 0', name=op.f('ck_vendor_bid_line_amounts_not_negative')),
    sa.ForeignKeyConstraint(['bid_id'], ['vendor_bid.id'], name=op.f('fk_vendor_bid_line_bid_id_vendor_bid'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vendor_bid_line_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_bid_line')),
    sa.UniqueConstraint('bid_id', 'kind', name='uq_vendor_bid_line_bid_kind')
    )
    with op.batch_alter_table('vendor_bid_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_bid_line_bid_id'), ['bid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_bid_line_project_id'), ['project_id'], unique=False)


def downgrade():
    with op.batch_alter_table('vendor_bid_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_bid_line_project_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_bid_line_bid_id'))
    op.drop_table('vendor_bid_line')
    with op.batch_alter_table('vendor_stage_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_stage_change_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_stage_change_project_id'))
    op.drop_table('vendor_stage_change')
    with op.batch_alter_table('vendor_site_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_site_visit_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_site_visit_project_id'))
    op.drop_table('vendor_site_visit')
    with op.batch_alter_table('vendor_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_score_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_score_project_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_score_evaluator_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_score_criterion_id'))
    op.drop_table('vendor_score')
    with op.batch_alter_table('vendor_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_claim_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_claim_project_id'))
    op.drop_table('vendor_claim')
    with op.batch_alter_table('vendor_bid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_bid_project_id'))
    op.drop_table('vendor_bid')
    with op.batch_alter_table('vendor_evaluator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_evaluator_user_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_evaluator_project_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_evaluator_evaluation_id'))
    op.drop_table('vendor_evaluator')
    with op.batch_alter_table('vendor_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_criterion_project_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_criterion_evaluation_id'))
    op.drop_table('vendor_criterion')
    with op.batch_alter_table('vendor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_project_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_evaluation_id'))
    op.drop_table('vendor')
    with op.batch_alter_table('vendor_evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_evaluation_project_id'))
    op.drop_table('vendor_evaluation')
