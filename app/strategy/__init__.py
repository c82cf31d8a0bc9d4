"""Strategy: vision, business goals, CRM objectives, KPIs, readiness assessment."""
