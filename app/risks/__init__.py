"""Risk register: CRM implementation risks, their assessments, heat map and links."""
