"""Interface language: chosen by the user, else the browser, else English."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the command line speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    # Browsers say zh-CN or zh-Hans; both mean the Simplified Chinese catalogue.
    best = request.accept_languages.best_match(["en", "zh-CN", "zh-Hans", "zh"])
    return "zh_Hans_CN" if best and best.startswith("zh") else "en"


def html_lang(locale) -> str:
    return "zh-Hans" if str(locale).startswith("zh") else "en"
