"""Users, project memberships and roles, login and sessions."""
