"""quality: standards, QA reviews and actions, QC checkpoints, gate reviews

Revision ID: 2b3c4d5e6f70
Revises: 3c4d5e6f7081
Create Date: 2026-12-06 03:09:27.420576

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2b3c4d5e6f70'
down_revision = "3c4d5e6f7081"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('qa_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('judgement', sa.String(length=20), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("judgement IN ('on_track', 'concerns', 'off_track')", name=op.f('ck_qa_review_judgement_known')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_qa_review_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_qa_review_reviewer_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qa_review'))
    )
    with op.batch_alter_table('qa_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qa_review_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qa_review_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('gate_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('exit_criteria', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=30), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=True),
    sa.Column('present_ids', sa.String(length=400), nullable=False),
    sa.Column('present_labels', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_label', sa.String(length=200), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(status = 'open') = (decision IS NULL)", name=op.f('ck_gate_review_decided_has_decision')),
    sa.CheckConstraint("decision IS NULL OR decision <> 'pass_with_conditions' OR conditions <> ''", name=op.f('ck_gate_review_conditions_given')),
    sa.CheckConstraint("decision IS NULL OR decision IN ('pass', 'pass_with_conditions', 'fail')", name=op.f('ck_gate_review_decision_known')),
    sa.CheckConstraint("status = 'open' OR meeting_date IS NOT NULL", name=op.f('ck_gate_review_decided_has_meeting')),
    sa.CheckConstraint("status IN ('open', 'decided', 'superseded')", name=op.f('ck_gate_review_status_known')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_gate_review_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_gate_review_phase_id_phase')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_gate_review_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['gate_review.id'], name=op.f('fk_gate_review_superseded_by_id_gate_review'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gate_review'))
    )
    with op.batch_alter_table('gate_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gate_review_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gate_review_phase_id'), ['phase_id'], unique=False)
        batch_op.create_index('uq_gate_review_one_open', ['phase_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.create_index(batch_op.f('ix_gate_review_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gate_review_superseded_by_id'), ['superseded_by_id'], unique=False)

    op.create_table('qa_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'done', 'dropped')", name=op.f('ck_qa_action_status_known')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_qa_action_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_qa_action_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['qa_review.id'], name=op.f('fk_qa_action_review_id_qa_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qa_action'))
    )
    with op.batch_alter_table('qa_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qa_action_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qa_action_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qa_action_review_id'), ['review_id'], unique=False)

    op.create_table('quality_standard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('deliverable', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('criterion', sa.Text(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_quality_standard_owner_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_quality_standard_phase_id_phase')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_quality_standard_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_standard'))
    )
    with op.batch_alter_table('quality_standard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_standard_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_standard_phase_id'), ['phase_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_standard_project_id'), ['project_id'], unique=False)

    op.create_table('qc_checkpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('target', sa.String(length=20), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('deliverable', sa.String(length=200), nullable=False),
    sa.Column('criteria', sa.Text(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('waiver_rationale', sa.Text(), nullable=False),
    sa.Column('waived_by_id', sa.Integer(), nullable=True),
    sa.Column('waived_by_label', sa.String(length=200), nullable=False),
    sa.Column('waived_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(status = 'waived') = (waived_at IS NOT NULL)", name=op.f('ck_qc_checkpoint_waiver_recorded')),
    sa.CheckConstraint("status IN ('pending', 'passed', 'failed', 'waived')", name=op.f('ck_qc_checkpoint_status_known')),
    sa.CheckConstraint("target IN ('task', 'deliverable', 'gate')", name=op.f('ck_qc_checkpoint_target_known')),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_qc_checkpoint_phase_id_phase')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_qc_checkpoint_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_qc_checkpoint_reviewer_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_qc_checkpoint_task_id_plan_task')),
    sa.ForeignKeyConstraint(['waived_by_id'], ['user_account.id'], name=op.f('fk_qc_checkpoint_waived_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qc_checkpoint')),
    sa.UniqueConstraint('project_id', 'number', name='uq_qc_checkpoint_project_number')
    )
    with op.batch_alter_table('qc_checkpoint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qc_checkpoint_phase_id'), ['phase_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qc_checkpoint_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qc_checkpoint_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qc_checkpoint_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qc_checkpoint_waived_by_id'), ['waived_by_id'], unique=False)



def downgrade():
    with op.batch_alter_table('qc_checkpoint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qc_checkpoint_waived_by_id'))
        batch_op.drop_index(batch_op.f('ix_qc_checkpoint_task_id'))
        batch_op.drop_index(batch_op.f('ix_qc_checkpoint_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_qc_checkpoint_project_id'))
        batch_op.drop_index(batch_op.f('ix_qc_checkpoint_phase_id'))

    op.drop_table('qc_checkpoint')
    with op.batch_alter_table('quality_standard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_standard_project_id'))
        batch_op.drop_index(batch_op.f('ix_quality_standard_phase_id'))
        batch_op.drop_index(batch_op.f('ix_quality_standard_owner_id'))

    op.drop_table('quality_standard')
    with op.batch_alter_table('qa_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qa_action_review_id'))
        batch_op.drop_index(batch_op.f('ix_qa_action_project_id'))
        batch_op.drop_index(batch_op.f('ix_qa_action_owner_id'))

    op.drop_table('qa_action')
    with op.batch_alter_table('gate_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gate_review_superseded_by_id'))
        batch_op.drop_index(batch_op.f('ix_gate_review_project_id'))
        batch_op.drop_index('uq_gate_review_one_open', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_gate_review_phase_id'))
        batch_op.drop_index(batch_op.f('ix_gate_review_decided_by_id'))

    op.drop_table('gate_review')
    with op.batch_alter_table('qa_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qa_review_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_qa_review_project_id'))

    op.drop_table('qa_review')
