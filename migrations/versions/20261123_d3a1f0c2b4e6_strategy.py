"""strategy: vision versions and sign-offs, business goals, objectives, KPIs, measurements

Revision ID: d3a1f0c2b4e6
Revises: cc8efa52e1da
Create Date: 2026-11-23 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3a1f0c2b4e6'
down_revision = 'cc8efa52e1da'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('business_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_business_goal_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_goal')),
    sa.UniqueConstraint('project_id', 'title', name='uq_business_goal_project_title')
    )
    with op.batch_alter_table('business_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_goal_project_id'), ['project_id'], unique=False)

    op.create_table('objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('aim', sa.String(length=20), nullable=False),
    sa.Column('aim_other', sa.String(length=200), nullable=False),
    sa.Column('horizon', sa.String(length=10), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("aim IN ('acquire', 'retain', 'customer_value', 'cost_to_serve', 'satisfaction', 'other')", name=op.f('ck_objective_aim_known')),
    sa.CheckConstraint("horizon IN ('short', 'long')", name=op.f('ck_objective_horizon_known')),
    sa.CheckConstraint("priority IN ('high', 'medium', 'low')", name=op.f('ck_objective_priority_known')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_objective_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_objective_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective')),
    sa.UniqueConstraint('project_id', 'number', name='uq_objective_project_number')
    )
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objective_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_objective_project_id'), ['project_id'], unique=False)

    op.create_table('readiness_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('questionnaire_version', sa.Integer(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_readiness_assessment_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_assessment')),
    sa.UniqueConstraint('project_id', 'number', name='uq_readiness_assessment_number')
    )
    with op.batch_alter_table('readiness_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_assessment_project_id'), ['project_id'], unique=False)

    op.create_table('vision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('latest_number', sa.Integer(), nullable=False),
    sa.Column('approved_number', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('approved_number IS NULL OR approved_number <= latest_number', name=op.f('ck_vision_approved_exists')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vision_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vision')),
    sa.UniqueConstraint('project_id', name=op.f('uq_vision_project_id'))
    )
    op.create_table('kpi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('baseline_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('baseline_on', sa.Date(), nullable=True),
    sa.Column('short_target_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('short_target_on', sa.Date(), nullable=True),
    sa.Column('long_target_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('long_target_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("direction IN ('higher', 'lower')", name=op.f('ck_kpi_direction_known')),
    sa.CheckConstraint("kind IN ('monetary', 'satisfaction', 'loyalty', 'referral', 'operational')", name=op.f('ck_kpi_kind_known')),
    sa.CheckConstraint('(baseline_value IS NULL) = (baseline_on IS NULL)', name=op.f('ck_kpi_baseline_paired')),
    sa.CheckConstraint('(long_target_value IS NULL) = (long_target_on IS NULL)', name=op.f('ck_kpi_long_target_paired')),
    sa.CheckConstraint('(short_target_value IS NULL) = (short_target_on IS NULL)', name=op.f('ck_kpi_short_target_paired')),
    sa.CheckConstraint('short_target_on IS NULL OR long_target_on IS NULL OR short_target_on < long_target_on', name=op.f('ck_kpi_targets_in_order')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_kpi_objective_id_objective'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_kpi_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi')),
    sa.UniqueConstraint('project_id', 'number', name='uq_kpi_project_number')
    )
    with op.batch_alter_table('kpi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_objective_id'), ['objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpi_project_id'), ['project_id'], unique=False)

    op.create_table('objective_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['business_goal.id'], name=op.f('fk_objective_goal_goal_id_business_goal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_objective_goal_objective_id_objective'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_objective_goal_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective_goal')),
    sa.UniqueConstraint('objective_id', 'goal_id', name='uq_objective_goal_pair')
    )
    with op.batch_alter_table('objective_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objective_goal_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_objective_goal_project_id'), ['project_id'], unique=False)

    op.create_table('readiness_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=True),
    sa.Column('respondent_label', sa.String(length=200), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['readiness_assessment.id'], name=op.f('fk_readiness_response_assessment_id_readiness_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_readiness_response_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['respondent_id'], ['user_account.id'], name=op.f('fk_readiness_response_respondent_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_response')),
    sa.UniqueConstraint('assessment_id', 'respondent_id', name='uq_readiness_response_respondent')
    )
    with op.batch_alter_table('readiness_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_response_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_readiness_response_respondent_id'), ['respondent_id'], unique=False)

    op.create_table('vision_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vision_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('number >= 1', name=op.f('ck_vision_version_number_positive')),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_vision_version_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vision_version_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vision_id'], ['vision.id'], name=op.f('fk_vision_version_vision_id_vision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vision_version')),
    sa.UniqueConstraint('vision_id', 'number', name='uq_vision_version_vision_number')
    )
    with op.batch_alter_table('vision_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vision_version_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vision_version_project_id'), ['project_id'], unique=False)

    op.create_table('measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('form', 'import', 'seed')", name=op.f('ck_measurement_source_known')),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpi.id'], name=op.f('fk_measurement_kpi_id_kpi'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_measurement_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_measurement_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement')),
    sa.UniqueConstraint('kpi_id', 'measured_on', name='uq_measurement_kpi_day')
    )
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurement_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measurement_recorded_by_id'), ['recorded_by_id'], unique=False)

    op.create_table('readiness_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=80), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.CheckConstraint('score IS NULL OR (score >= 1 AND score <= 5)', name=op.f('ck_readiness_answer_score_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_readiness_answer_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['readiness_response.id'], name=op.f('fk_readiness_answer_response_id_readiness_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_readiness_answer')),
    sa.UniqueConstraint('response_id', 'question_key', name='uq_readiness_answer_question')
    )
    with op.batch_alter_table('readiness_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_answer_project_id'), ['project_id'], unique=False)

    op.create_table('vision_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('signer_label', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('meaning', sa.String(length=300), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(content_sha256) = 64', name=op.f('ck_vision_signoff_sha256_length')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_vision_signoff_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_vision_signoff_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['vision_version.id'], name=op.f('fk_vision_signoff_version_id_vision_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vision_signoff')),
    sa.UniqueConstraint('version_id', 'user_id', name='uq_vision_signoff_version_user')
    )
    with op.batch_alter_table('vision_signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vision_signoff_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vision_signoff_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vision_signoff_version_id'), ['version_id'], unique=False)



def downgrade():
    with op.batch_alter_table('vision_signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vision_signoff_version_id'))
        batch_op.drop_index(batch_op.f('ix_vision_signoff_user_id'))
        batch_op.drop_index(batch_op.f('ix_vision_signoff_project_id'))

    op.drop_table('vision_signoff')
    with op.batch_alter_table('readiness_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_answer_project_id'))

    op.drop_table('readiness_answer')
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurement_recorded_by_id'))
        batch_op.drop_index(batch_op.f('ix_measurement_project_id'))

    op.drop_table('measurement')
    with op.batch_alter_table('vision_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vision_version_project_id'))
        batch_op.drop_index(batch_op.f('ix_vision_version_author_id'))

    op.drop_table('vision_version')
    with op.batch_alter_table('readiness_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_response_respondent_id'))
        batch_op.drop_index(batch_op.f('ix_readiness_response_project_id'))

    op.drop_table('readiness_response')
    with op.batch_alter_table('objective_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objective_goal_project_id'))
        batch_op.drop_index(batch_op.f('ix_objective_goal_goal_id'))

    op.drop_table('objective_goal')
    with op.batch_alter_table('kpi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpi_project_id'))
        batch_op.drop_index(batch_op.f('ix_kpi_objective_id'))

    op.drop_table('kpi')
    op.drop_table('vision')
    with op.batch_alter_table('readiness_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_assessment_project_id'))

    op.drop_table('readiness_assessment')
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objective_project_id'))
        batch_op.drop_index(batch_op.f('ix_objective_owner_id'))

    op.drop_table('objective')
    with op.batch_alter_table('business_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_goal_project_id'))

    op.drop_table('business_goal')
