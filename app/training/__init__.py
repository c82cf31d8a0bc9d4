"""Training: concept and operational programmes, sessions, attendance and coverage."""
