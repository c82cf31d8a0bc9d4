"""Change control: change requests with computed impact, committee decisions, application."""
