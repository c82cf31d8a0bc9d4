"""Template rendering rules that protect every page."""

from flask import render_template_string
from flask_babel import lazy_gettext as _l


def test_lazy_messages_carrying_user_input_are_escaped(app):
    # Lazy strings claim to be safe HTML; a DomainError or form error with user input must not.
    message = _l("A project with code %(code)s already exists.", code="<script>x()</script>")
    with app.test_request_context():
        html = render_template_string("<p>{{ m }}</p>", m=message)
    assert "<script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_translated_markup_in_templates_still_renders(app):
    with app.test_request_context():
        html = render_template_string("{{ _('Home') }} {{ safe }}", safe="<b>")
    assert html == "Home &lt;b&gt;"
