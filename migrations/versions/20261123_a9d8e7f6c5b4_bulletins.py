"""bulletins: CRM Perspective bulletins, published editions, images, read receipts, feed tokens

Revision ID: a9d8e7f6c5b4
Revises: f7c3d5e9a1b4
Create Date: 2026-11-23 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9d8e7f6c5b4'
down_revision = 'f7c3d5e9a1b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bulletin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=120), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('correction_note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("language IN ('en', 'zh-Hans', 'zh-Hant')", name=op.f('ck_bulletin_language_known')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'approved', 'published')", name=op.f('ck_bulletin_status_known')),
    sa.CheckConstraint('corrects_id IS NULL OR length(correction_note) > 0', name=op.f('ck_bulletin_correction_says_what')),
    sa.CheckConstraint('number > 0', name=op.f('ck_bulletin_number_positive')),
    sa.ForeignKeyConstraint(['corrects_id'], ['bulletin.id'], name=op.f('fk_bulletin_corrects_id_bulletin')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_bulletin_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_bulletin_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin')),
    sa.UniqueConstraint('project_id', 'number', name='uq_bulletin_project_number')
    )
    with op.batch_alter_table('bulletin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_project_id'), ['project_id'], unique=False)

    op.create_table('bulletin_feed_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_bulletin_feed_token_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_bulletin_feed_token_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_feed_token')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_bulletin_feed_token_token_sha256'))
    )
    with op.batch_alter_table('bulletin_feed_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_feed_token_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulletin_feed_token_user_id'), ['user_id'], unique=False)

    op.create_table('bulletin_image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_bulletin_image_sha256_hex')),
    sa.CheckConstraint('size > 0', name=op.f('ck_bulletin_image_size_positive')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_bulletin_image_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_bulletin_image_uploaded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_image')),
    sa.UniqueConstraint('project_id', 'sha256', name='uq_bulletin_image_project_sha256')
    )
    with op.batch_alter_table('bulletin_image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_image_project_id'), ['project_id'], unique=False)

    op.create_table('bulletin_settings',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('cadence', sa.String(length=12), nullable=False),
    sa.Column('approver_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("cadence IN ('none', 'weekly', 'fortnightly', 'monthly', 'quarterly')", name=op.f('ck_bulletin_settings_cadence_known')),
    sa.ForeignKeyConstraint(['approver_id'], ['user_account.id'], name=op.f('fk_bulletin_settings_approver_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_bulletin_settings_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_bulletin_settings'))
    )
    op.create_table('bulletin_approval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('meaning', sa.Text(), nullable=False),
    sa.CheckConstraint('length(content_sha256) = 64', name=op.f('ck_bulletin_approval_sha256_hex')),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], name=op.f('fk_bulletin_approval_bulletin_id_bulletin'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_bulletin_approval_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_approval'))
    )
    with op.batch_alter_table('bulletin_approval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_approval_bulletin_id'), ['bulletin_id'], unique=False)

    op.create_table('bulletin_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], name=op.f('fk_bulletin_section_bulletin_id_bulletin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_section')),
    sa.UniqueConstraint('bulletin_id', 'key', name='uq_bulletin_section_bulletin_key')
    )
    with op.batch_alter_table('bulletin_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_section_bulletin_id'), ['bulletin_id'], unique=False)

    op.create_table('bulletin_edition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=120), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('approval_id', sa.Integer(), nullable=True),
    sa.Column('corrects_number', sa.Integer(), nullable=True),
    sa.Column('correction_note', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('snapshots_json', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf_size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(pdf_sha256) = 64', name=op.f('ck_bulletin_edition_sha256_hex')),
    sa.CheckConstraint('pages > 0', name=op.f('ck_bulletin_edition_pages_positive')),
    sa.ForeignKeyConstraint(['approval_id'], ['bulletin_approval.id'], name=op.f('fk_bulletin_edition_approval_id_bulletin_approval')),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], name=op.f('fk_bulletin_edition_bulletin_id_bulletin')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_bulletin_edition_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_bulletin_edition_published_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_edition')),
    sa.UniqueConstraint('bulletin_id', name=op.f('uq_bulletin_edition_bulletin_id')),
    sa.UniqueConstraint('project_id', 'number', name='uq_bulletin_edition_project_number')
    )
    with op.batch_alter_table('bulletin_edition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_edition_project_id'), ['project_id'], unique=False)

    op.create_table('bulletin_read',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('first_read_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['bulletin_edition.id'], name=op.f('fk_bulletin_read_edition_id_bulletin_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_bulletin_read_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_read')),
    sa.UniqueConstraint('edition_id', 'user_id', name='uq_bulletin_read_edition_user')
    )
    with op.batch_alter_table('bulletin_read', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_read_edition_id'), ['edition_id'], unique=False)


def downgrade():
    with op.batch_alter_table('bulletin_read', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_read_edition_id'))

    op.drop_table('bulletin_read')
    with op.batch_alter_table('bulletin_edition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_edition_project_id'))

    op.drop_table('bulletin_edition')
    with op.batch_alter_table('bulletin_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_section_bulletin_id'))

    op.drop_table('bulletin_section')
    with op.batch_alter_table('bulletin_approval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_approval_bulletin_id'))

    op.drop_table('bulletin_approval')
    op.drop_table('bulletin_settings')
    with op.batch_alter_table('bulletin_image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_image_project_id'))

    op.drop_table('bulletin_image')
    with op.batch_alter_table('bulletin_feed_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_feed_token_user_id'))
        batch_op.drop_index(batch_op.f('ix_bulletin_feed_token_project_id'))

    op.drop_table('bulletin_feed_token')
    with op.batch_alter_table('bulletin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_project_id'))

    op.drop_table('bulletin')
