"""vendors: a claim links to a requirement of the project; must-have follows its priority

The free-text `requirement_ref` becomes a link where it names a requirement of the claim's
project (REQ-007, req 7, REQ-0007 all name REQ-007); text that names none is kept in
`reference_note`, with the old hand-set must-have mark where it said so. `must_have` is dropped:
it now follows the linked requirement's priority. Where the old mark disagrees with that
priority, the note says so, so no fact is lost.

SQLite: a foreign key is added by copying the table (batch mode), and dropping the old copy
cascades to risk_claim (ON DELETE CASCADE with foreign keys on), so the risks' links to claims
are read before and put back after.

Revision ID: d9e0f1a2b3c4
Revises: c8d9e0f1a2b3
Create Date: 2026-12-06 06:20:00

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9e0f1a2b3c4'
down_revision = 'c8d9e0f1a2b3'
branch_labels = None
depends_on = None

CODE = re.compile(r"^\s*REQ[\s\-_]*0*(\d{1,6})\s*$", re.IGNORECASE)
MUST = "must"

claims = sa.table(
    "vendor_claim", sa.column("id", sa.Integer), sa.column("project_id", sa.Integer),
    sa.column("requirement_ref", sa.String), sa.column("must_have", sa.Boolean),
    sa.column("requirement_id", sa.Integer), sa.column("reference_note", sa.String))
requirements = sa.table(
    "requirement", sa.column("id", sa.Integer), sa.column("project_id", sa.Integer),
    sa.column("number", sa.Integer), sa.column("priority", sa.String))


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


risk_claims = sa.table("risk_claim", sa.column("id", sa.Integer),
                       sa.column("project_id", sa.Integer), sa.column("risk_id", sa.Integer),
                       sa.column("claim_id", sa.Integer))


def _copying_table(change) -> None:
    """Run a batch change of vendor_claim on SQLite, keeping the risks' links to claims."""
    bind = op.get_bind()
    kept = [dict(r._mapping) for r in bind.execute(sa.select(risk_claims))]
    with op.batch_alter_table('vendor_claim', schema=None) as batch_op:
        change(batch_op)
    present = {i for i, in bind.execute(sa.select(risk_claims.c.id))}
    missing = [row for row in kept if row["id"] not in present]
    if missing:
        op.bulk_insert(risk_claims, missing)


def _code(number: int) -> str:
    return f"REQ-{number:03d}"


def note_for(ref: str, must_have: bool, linked: tuple[int, str] | None) -> str:
    """What the old free text and mark leave behind once the link (if any) is made."""
    ref = (ref or "").strip()
    if linked is None:
        if ref and must_have:
            return f"{ref} (must-have)"
        return ref or ("must-have" if must_have else "")
    number, priority = linked
    if must_have and priority != MUST:
        return f"Marked must-have before the link to {_code(number)} (priority {priority})"
    if not must_have and priority == MUST:
        return f"Not marked must-have before the link to {_code(number)}"
    return ""


def upgrade():
    if _sqlite():
        op.execute("ALTER TABLE vendor_claim ADD COLUMN requirement_id INTEGER")
        op.execute("ALTER TABLE vendor_claim ADD COLUMN reference_note VARCHAR(120) "
                   "NOT NULL DEFAULT ''")
    else:
        op.add_column('vendor_claim', sa.Column('requirement_id', sa.Integer(), nullable=True))
        op.add_column('vendor_claim', sa.Column('reference_note', sa.String(length=120),
                                                nullable=False, server_default=''))
        op.create_foreign_key(op.f('fk_vendor_claim_requirement_id_requirement'),
                              'vendor_claim', 'requirement', ['requirement_id'], ['id'],
                              ondelete='RESTRICT')
    op.create_index(op.f('ix_vendor_claim_requirement_id'), 'vendor_claim', ['requirement_id'],
                    unique=False)

    bind = op.get_bind()
    known = {(p, n): (i, pr) for i, p, n, pr in bind.execute(sa.select(
        requirements.c.id, requirements.c.project_id, requirements.c.number,
        requirements.c.priority))}
    rows = bind.execute(sa.select(claims.c.id, claims.c.project_id, claims.c.requirement_ref,
                                  claims.c.must_have)).all()
    for claim_id, project_id, ref, must_have in rows:
        match = CODE.match(ref or "")
        found = known.get((project_id, int(match.group(1)))) if match else None
        linked = None if found is None else (int(match.group(1)), found[1])
        bind.execute(claims.update().where(claims.c.id == claim_id).values(
            requirement_id=found[0] if found else None,
            reference_note=note_for(ref, bool(must_have), linked)[:120]))

    if _sqlite():
        def change(batch_op):
            batch_op.alter_column('reference_note', server_default=None)
            batch_op.create_foreign_key('fk_vendor_claim_requirement_id_requirement',
                                        'requirement', ['requirement_id'], ['id'],
                                        ondelete='RESTRICT')
            batch_op.drop_column('requirement_ref')
            batch_op.drop_column('must_have')
        _copying_table(change)
    else:
        op.alter_column('vendor_claim', 'reference_note', server_default=None)
        op.drop_column('vendor_claim', 'requirement_ref')
        op.drop_column('vendor_claim', 'must_have')


def downgrade():
    """Back to free text: the linked requirement's code, else the note; must-have from the
    linked requirement's priority."""
    if _sqlite():
        op.execute("ALTER TABLE vendor_claim ADD COLUMN requirement_ref VARCHAR(40) "
                   "NOT NULL DEFAULT ''")
        op.execute("ALTER TABLE vendor_claim ADD COLUMN must_have BOOLEAN NOT NULL DEFAULT 0")
    else:
        op.add_column('vendor_claim', sa.Column('requirement_ref', sa.String(length=40),
                                                nullable=False, server_default=''))
        op.add_column('vendor_claim', sa.Column('must_have', sa.Boolean(), nullable=False,
                                                server_default=sa.false()))
    bind = op.get_bind()
    linked = {i: (n, pr) for i, n, pr in bind.execute(sa.select(
        requirements.c.id, requirements.c.number, requirements.c.priority))}
    rows = bind.execute(sa.select(claims.c.id, claims.c.requirement_id,
                                  claims.c.reference_note)).all()
    for claim_id, requirement_id, note in rows:
        if requirement_id is not None:
            number, priority = linked[requirement_id]
            ref, must_have = _code(number), priority == MUST
        else:
            ref, must_have = (note or "")[:40], False
        bind.execute(claims.update().where(claims.c.id == claim_id).values(
            requirement_ref=ref, must_have=must_have))
    op.drop_index(op.f('ix_vendor_claim_requirement_id'), table_name='vendor_claim')
    if _sqlite():
        def change(batch_op):
            batch_op.alter_column('requirement_ref', server_default=None)
            batch_op.alter_column('must_have', server_default=None)
            batch_op.drop_constraint('fk_vendor_claim_requirement_id_requirement',
                                     type_='foreignkey')
            batch_op.drop_column('requirement_id')
            batch_op.drop_column('reference_note')
        _copying_table(change)
    else:
        op.alter_column('vendor_claim', 'requirement_ref', server_default=None)
        op.alter_column('vendor_claim', 'must_have', server_default=None)
        op.drop_constraint(op.f('fk_vendor_claim_requirement_id_requirement'), 'vendor_claim',
                           type_='foreignkey')
        op.drop_column('vendor_claim', 'requirement_id')
        op.drop_column('vendor_claim', 'reference_note')
