"""Projects, their working calendar, memberships management and the project home."""
