"""Security headers and the audit actor for each request."""

from flask import Flask, g
from flask_login import current_user

from app.core.audit import SYSTEM, Actor, reset_actor, set_actor

# No inline script or style anywhere: pages and charts use only files served from /static.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def register_security(app: Flask) -> None:
    @app.before_request
    def bind_actor():
        actor = SYSTEM
        if current_user.is_authenticated:
            actor = Actor(current_user.id, current_user.email)
        g.audit_token = set_actor(actor)

    @app.teardown_request
    def unbind_actor(_exc):
        token = g.pop("audit_token", None)
        if token is not None:
            reset_actor(token)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
