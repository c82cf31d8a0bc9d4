"""Governance: quality, gates, risks, meetings, training, health scorecard."""
