"""requirements: register, versions, sign-offs, baselines, traceability

Revision ID: b4c6d8e0f2a1
Revises: a9d8e7f6c5b4
Create Date: 2026-11-23 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4c6d8e0f2a1'
down_revision = 'a9d8e7f6c5b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('requirement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=False),
    sa.Column('acceptance_criteria', sa.Text(), nullable=False),
    sa.Column('current_number', sa.Integer(), nullable=False),
    sa.Column('signed_number', sa.Integer(), nullable=True),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(status = 'superseded') = (superseded_by_id IS NOT NULL)", name=op.f('ck_requirement_superseded_names_successor')),
    sa.CheckConstraint("department IN ('sales', 'marketing', 'customer_service', 'it', 'finance', 'other')", name=op.f('ck_requirement_department_known')),
    sa.CheckConstraint("kind IN ('functional', 'data', 'integration', 'reporting', 'non_functional')", name=op.f('ck_requirement_kind_known')),
    sa.CheckConstraint("priority IN ('must', 'should', 'could', 'wont')", name=op.f('ck_requirement_priority_known')),
    sa.CheckConstraint("status IN ('draft', 'in_review', 'signed_off', 'superseded', 'withdrawn')", name=op.f('ck_requirement_status_known')),
    sa.CheckConstraint('signed_number IS NULL OR signed_number <= current_number', name=op.f('ck_requirement_signed_exists')),
    sa.CheckConstraint('superseded_by_id IS NULL OR superseded_by_id <> id', name=op.f('ck_requirement_not_superseded_by_itself')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['requirement.id'], name=op.f('fk_requirement_superseded_by_id_requirement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement')),
    sa.UniqueConstraint('project_id', 'number', name='uq_requirement_project_number')
    )
    with op.batch_alter_table('requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_superseded_by_id'), ['superseded_by_id'], unique=False)

    op.create_table('requirement_baseline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_requirement_baseline_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_baseline_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_baseline')),
    sa.UniqueConstraint('project_id', 'name', name='uq_requirement_baseline_name'),
    sa.UniqueConstraint('project_id', 'number', name='uq_requirement_baseline_number')
    )
    with op.batch_alter_table('requirement_baseline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_baseline_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_baseline_project_id'), ['project_id'], unique=False)

    op.create_table('requirement_signer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.String(length=120), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=True),
    sa.Column('meaning', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("department IS NULL OR department IN ('sales', 'marketing', 'customer_service', 'it', 'finance', 'other')", name=op.f('ck_requirement_signer_department_known')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_signer_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_requirement_signer_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_signer'))
    )
    with op.batch_alter_table('requirement_signer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_signer_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_signer_user_id'), ['user_id'], unique=False)

    op.create_table('requirement_baseline_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=False),
    sa.Column('objective_codes', sa.String(length=400), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['requirement_baseline.id'], name=op.f('fk_requirement_baseline_item_baseline_id_requirement_baseline'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_baseline_item_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_requirement_baseline_item_requirement_id_requirement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_baseline_item')),
    sa.UniqueConstraint('baseline_id', 'requirement_id', name='uq_requirement_baseline_item_pair')
    )
    with op.batch_alter_table('requirement_baseline_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_baseline_item_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_baseline_item_requirement_id'), ['requirement_id'], unique=False)

    op.create_table('requirement_objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_requirement_objective_objective_id_objective')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_objective_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_requirement_objective_requirement_id_requirement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_objective')),
    sa.UniqueConstraint('requirement_id', 'objective_id', name='uq_requirement_objective_pair')
    )
    with op.batch_alter_table('requirement_objective', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_objective_objective_id'), ['objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_objective_project_id'), ['project_id'], unique=False)

    op.create_table('requirement_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=False),
    sa.Column('acceptance_criteria', sa.Text(), nullable=False),
    sa.Column('objective_codes', sa.String(length=400), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('number >= 1', name=op.f('ck_requirement_version_number_positive')),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_requirement_version_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_version_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirement.id'], name=op.f('fk_requirement_version_requirement_id_requirement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_version')),
    sa.UniqueConstraint('requirement_id', 'number', name='uq_requirement_version_number')
    )
    with op.batch_alter_table('requirement_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_version_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_version_project_id'), ['project_id'], unique=False)

    op.create_table('requirement_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('signer_label', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('capacity', sa.String(length=300), nullable=False),
    sa.Column('meaning', sa.String(length=600), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(content_sha256) = 64', name=op.f('ck_requirement_signature_sha256_length')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_requirement_signature_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_requirement_signature_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['requirement_version.id'], name=op.f('fk_requirement_signature_version_id_requirement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_signature')),
    sa.UniqueConstraint('version_id', 'user_id', name='uq_requirement_signature_signer')
    )
    with op.batch_alter_table('requirement_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_signature_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_signature_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirement_signature_version_id'), ['version_id'], unique=False)


def downgrade():
    op.drop_table('requirement_signature')
    op.drop_table('requirement_version')
    op.drop_table('requirement_objective')
    op.drop_table('requirement_baseline_item')
    op.drop_table('requirement_signer')
    op.drop_table('requirement_baseline')
    op.drop_table('requirement')
