"""Builders for the audit trail test (tests/integration/test_audit.py), one module per domain.

Each module has `BUILDERS = {Model: (build, field, new_value)}`: `build(session, ctx)` returns a
new, unsaved record of a governed model (ctx holds a "project" and a "user"; add and flush what
else it needs), `field` is a column to change and `new_value` the value to change it to.
A module may also have `IMMUTABLE = {Model: ExceptionType}` for models that refuse any update or
delete: the test then expects both to raise that exception and leave only the insert's row.
"""
