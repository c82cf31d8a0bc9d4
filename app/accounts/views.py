"""Login, logout, language, own account, and the administrators' user pages."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.accounts import service
from app.accounts.forms import (
    LanguageForm,
    LoginForm,
    OwnPasswordForm,
    PasswordResetForm,
    UserCreateForm,
    UserEditForm,
)
from app.accounts.models import User
from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm, choices
from app.core.permissions import admin_required, login_required, public
from app.extensions import db

bp = Blueprint("accounts", __name__)


def safe_next(target: str | None) -> str | None:
    """Accept only a relative path on this site as a place to return to after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    # urlsplit drops tabs and line breaks before parsing ("/\t/evil" reads as "//evil"), and
    # a line break would reach the Location header: refuse every control character.
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("projects.index"))
    form = LoginForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        try:
            user, token = service.authenticate(form.email.data, form.password.data)
        except DomainError as exc:
            flash(exc.message, "error")
            return render_template("accounts/login.html", form=form), 200
        language = session.get("language")
        session.clear()  # a new session at every login
        if language:
            session["language"] = language
        user.session_token = token
        login_user(user)
        if user.locale:
            session["language"] = user.locale
        return redirect(next_url or url_for("projects.index"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    service.end_session(current_user.session_token)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    form.language.choices = choices(current_app.config["LANGUAGES"].items())
    if not form.validate_on_submit():
        abort(400)
    session["language"] = form.language.data
    if current_user.is_authenticated:
        service.set_locale(current_user, form.language.data)
    return redirect(safe_next(request.form.get("next")) or url_for("projects.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = OwnPasswordForm()
    if form.validate_on_submit():
        try:
            service.change_own_password(current_user, form.current.data, form.password.data)
        except DomainError as exc:
            form.password.errors.append(exc.message)
        else:
            flash(_("Your password was changed. Your other sessions were ended."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/admin/users")
@admin_required
def users():
    return render_template("accounts/users.html", users=service.list_users(), form=ConfirmForm())


@bp.route("/admin/users/new", methods=["GET", "POST"])
@admin_required
def user_new():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = service.create_user(current_user, form.email.data, form.name.data,
                                       form.password.data, form.is_admin.data)
        except DomainError as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Account %(email)s created.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/user_new.html", form=form), status


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = UserEditForm(obj=user) if request.method == "GET" else UserEditForm()
    status = 200
    if form.validate_on_submit():
        try:
            service.update_user(current_user, user, form.version.data,
                                name=form.name.data, is_admin=form.is_admin.data)
        except StaleEdit as exc:
            form.form_errors.append(exc.message)
            status = 409
        except DomainError as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    elif request.method == "POST":
        status = 400
    return render_template("accounts/user_edit.html", form=form, user=user,
                           reset_form=PasswordResetForm(version=user.version),
                           confirm=ConfirmForm(version=user.version)), status


@bp.route("/admin/users/<int:user_id>/password", methods=["POST"])
@admin_required
def user_password(user_id: int):
    user = _user_or_404(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            service.reset_password(current_user, user, form.version.data, form.password.data)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("New password set for %(email)s; their sessions were ended.",
                    email=user.email), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    return redirect(url_for("accounts.user_edit", user_id=user.id))


@bp.route("/admin/users/<int:user_id>/active", methods=["POST"])
@admin_required
def user_active(user_id: int):
    user = _user_or_404(user_id)
    form = ConfirmForm()
    # A missing or unknown value must not fall through to "deactivate".
    if not form.validate_on_submit() or request.form.get("active") not in ("0", "1"):
        abort(400)
    make_active = request.form["active"] == "1"
    try:
        service.set_active(current_user, user, form.version.data, make_active)
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        message = _("%(email)s can log in again.", email=user.email) if make_active else _(
            "%(email)s is deactivated and logged out everywhere.", email=user.email)
        flash(message, "success")
    return redirect(url_for("accounts.users"))
