"""URL argument values for the route × role access test (tests/integration/test_access.py).

Each domain adds a module here with `values(cast, db_session) -> dict`, creating in the cast's
project one record per URL argument its routes take (e.g. {"objective_id": 3}), so every route
is reached for real by every role.
"""
