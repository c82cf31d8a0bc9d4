"""Vendor pages: adding vendors, moving them through the funnel, site visits, bids, claims."""

from datetime import date
from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.budget.service import minor_digits
from app.core.forms import choices
from app.core.permissions import project_permission
from app.projects.models import Project
from app.vendors import comparison, funnel, records
from app.vendors.forms import ClaimForm, MoveForm, VendorForm, VendorNewForm, VisitForm, bid_form
from app.vendors.labels import COST_KIND_LABELS, STAGE_LABELS, blocker_text
from app.vendors.models import Claim, Evaluation, SiteVisit, Vendor
from app.vendors.views import attempt, bp, form_page, found


def _vendor_url(vendor: Vendor, project: Project) -> str:
    return url_for("vendors.vendor", code=project.code, vendor_id=vendor.id)


def _data(form) -> records.VendorData:
    return records.VendorData(form.name.data, form.product.data or "", bool(form.vertical.data),
                              bool(form.bundle.data), form.notes.data or "")


@bp.route("/<int:evaluation_id>/vendors/new", methods=["GET", "POST"])
@project_permission("vendors.manage")
def vendor_new(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    form = VendorNewForm()
    if request.method == "GET":
        form.version.data, form.on.data = "0", date.today()
    status = 200
    if form.validate_on_submit():
        made = []
        status = attempt(form, lambda: made.append(records.create_vendor(
            current_user, project, ev, _data(form), form.on.data, form.reason.data)))
        if status is None:
            flash(_("%(vendor)s is on the longlist.", vendor=made[0].name), "success")
            return redirect(url_for("vendors.evaluation", code=project.code,
                                    evaluation_id=ev.id) + "#funnel")
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Add a vendor to the longlist"), status=status,
                     evaluation=ev, cancel=url_for("vendors.evaluation", code=project.code,
                                                   evaluation_id=ev.id))


def _vendor_page(project: Project, v: Vendor, move: MoveForm | None = None, status: int = 200):
    if move is None:
        move = MoveForm(version=v.version, on=date.today())
    # Only the legal next steps are offered; a posted jump is still checked by the service.
    move.target.choices = choices([(s.value, STAGE_LABELS[s.value])
                                   for s in (*funnel.ORDER, funnel.Stage.REJECTED)
                                   if s in funnel.MOVES[funnel.Stage(v.stage)]])
    tco = comparison.tco_of(v, v.evaluation.tco_years)
    return render_template("vendors/vendor.html", project=project, vendor=v,
                           evaluation=v.evaluation, move=move, tco=tco,
                           blockers=[blocker_text(b) for b in records.selection_blockers(v)]
                           ), status


@bp.route("/vendor/<int:vendor_id>")
@project_permission("vendors.view")
def vendor(project: Project, vendor_id: int):
    return _vendor_page(project, found(Vendor, project, vendor_id))


@bp.route("/vendor/<int:vendor_id>/edit", methods=["GET", "POST"])
@project_permission("vendors.manage")
def vendor_edit(project: Project, vendor_id: int):
    v = found(Vendor, project, vendor_id)
    form = VendorForm(obj=v) if request.method == "GET" else VendorForm()
    status = 200
    if form.validate_on_submit():
        status = attempt(form, lambda: records.update_vendor(current_user, project, v,
                                                             form.version.data, _data(form)))
        if status is None:
            flash(_("Vendor saved."), "success")
            return redirect(_vendor_url(v, project))
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Edit %(vendor)s", vendor=v.name), status=status,
                     evaluation=v.evaluation, cancel=_vendor_url(v, project))


@bp.route("/vendor/<int:vendor_id>/move", methods=["POST"])
@project_permission("vendors.manage")
def vendor_move(project: Project, vendor_id: int):
    """One funnel step; a refused step comes back with the reason and nothing changes."""
    v = found(Vendor, project, vendor_id)
    form = MoveForm()
    status = 400
    if form.validate_on_submit():
        status = attempt(form, lambda: records.move_vendor(
            current_user, project, v, form.version.data, form.target.data, form.on.data,
            form.reason.data, override=bool(form.override.data)))
        if status is None:
            flash(_("%(vendor)s moved to %(stage)s.", vendor=v.name,
                    stage=STAGE_LABELS[v.stage]), "success")
            return redirect(_vendor_url(v, project))
    return _vendor_page(project, v, form, status)


# --- Site visits ------------------------------------------------------------------------------


def _visit_form(visit: SiteVisit | None) -> VisitForm:
    if request.method != "GET":
        return VisitForm()
    if visit is None:
        return VisitForm(version="0", visited_on=date.today())
    form = VisitForm(obj=visit)
    form.rating.data = str(visit.rating) if visit.rating else ""
    return form


def _visit(project: Project, v: Vendor, visit: SiteVisit | None):
    form = _visit_form(visit)
    status = 200
    if form.validate_on_submit():
        data = records.VisitData(
            form.customer.data, form.visited_on.data, form.attendees.data or "",
            form.findings.data or "", int(form.rating.data) if form.rating.data else None,
            bool(form.completed.data))
        status = attempt(form, lambda: records.save_visit(current_user, project, v, visit,
                                                          form.version.data, data))
        if status is None:
            flash(_("Site visit saved."), "success")
            return redirect(_vendor_url(v, project) + "#visits")
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Site visit for %(vendor)s", vendor=v.name),
                     status=status, evaluation=v.evaluation, cancel=_vendor_url(v, project),
                     intro=_("A visit to one of the vendor's successful customers: see the "
                             "product in daily use and ask what the vendor did not say."))


@bp.route("/vendor/<int:vendor_id>/visits/new", methods=["GET", "POST"])
@project_permission("vendors.manage")
def visit_new(project: Project, vendor_id: int):
    return _visit(project, found(Vendor, project, vendor_id), None)


@bp.route("/visits/<int:visit_id>", methods=["GET", "POST"])
@project_permission("vendors.manage")
def visit_edit(project: Project, visit_id: int):
    visit = found(SiteVisit, project, visit_id)
    return _visit(project, found(Vendor, project, visit.vendor_id), visit)


# --- Bids -------------------------------------------------------------------------------------


def _plain(amount: Decimal) -> str:
    """An amount as typed: 310000 and 54000.1, never 3.1E+5."""
    return format(amount.normalize(), "f")


@bp.route("/vendor/<int:vendor_id>/bid", methods=["GET", "POST"])
@project_permission("vendors.manage")
def bid(project: Project, vendor_id: int):
    v = found(Vendor, project, vendor_id)
    digits = minor_digits(project)
    if request.method == "GET":
        form = bid_form(digits, obj=v.bid)
        form.version.data = v.bid.version if v.bid else "0"
        if v.bid is None:
            form.received_on.data = date.today()
        for line in v.bid.lines if v.bid else ():
            form[f"{line.kind}_once"].data = _plain(line.one_off)
            form[f"{line.kind}_yearly"].data = _plain(line.yearly)
        if v.bid is not None:
            form.price.data = _plain(v.bid.price)
    else:
        form = bid_form(digits)
    status = 200
    if form.validate_on_submit():
        lines = {kind: (form[f"{kind}_once"].amount or Decimal(0),
                        form[f"{kind}_yearly"].amount or Decimal(0)) for kind in COST_KIND_LABELS}
        data = records.BidData(form.received_on.data, form.price.amount,
                               form.licence_model.data, form.notes.data or "", lines)
        status = attempt(form, lambda: records.save_bid(current_user, project, v,
                                                        form.version.data, data))
        if status is None:
            flash(_("Bid saved."), "success")
            return redirect(_vendor_url(v, project) + "#bid")
    elif request.method == "POST":
        status = 400
    return render_template("vendors/bid.html", project=project, vendor=v, form=form,
                           evaluation=v.evaluation), status


# --- Claims -----------------------------------------------------------------------------------


def _claim(project: Project, v: Vendor, claim: Claim | None):
    if request.method == "GET":
        form = ClaimForm(obj=claim) if claim else ClaimForm(version="0")
        form.requirement_id.data = str(claim.requirement_id or "") if claim else ""
    else:
        form = ClaimForm()
    form.set_requirements(records.claimable_requirements(
        project, keep=claim.requirement_id if claim else None))
    status = 200
    if form.validate_on_submit():
        requirement_id = int(form.requirement_id.data) if form.requirement_id.data else None
        data = records.ClaimData(form.text.data, requirement_id, form.reference_note.data or "",
                                 form.status.data, form.checked_on.data,
                                 form.evidence.data or "")
        status = attempt(form, lambda: records.save_claim(current_user, project, v, claim,
                                                          form.version.data, data))
        if status is None:
            flash(_("Claim saved."), "success")
            return redirect(_vendor_url(v, project) + "#claims")
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Claim by %(vendor)s", vendor=v.name),
                     status=status, evaluation=v.evaluation, cancel=_vendor_url(v, project),
                     intro=_("Vendors overstate what their products do: record each claim and "
                             "mark it verified or false once a demo or a site visit settled it."))


@bp.route("/vendor/<int:vendor_id>/claims/new", methods=["GET", "POST"])
@project_permission("vendors.manage")
def claim_new(project: Project, vendor_id: int):
    return _claim(project, found(Vendor, project, vendor_id), None)


@bp.route("/claims/<int:claim_id>", methods=["GET", "POST"])
@project_permission("vendors.manage")
def claim_edit(project: Project, claim_id: int):
    claim = found(Claim, project, claim_id)
    return _claim(project, found(Vendor, project, claim.vendor_id), claim)
