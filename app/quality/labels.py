"""What users call the quality domain's coded values (lazy translations)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

CHECKPOINT_STATUS_LABELS = {
    "pending": _l("Pending"), "passed": _l("Passed"), "failed": _l("Failed"),
    "waived": _l("Waived"),
}
TARGET_LABELS = {"task": lazy_pgettext("checkpoint target", "Task"),
                 "deliverable": lazy_pgettext("checkpoint target", "Deliverable"),
                 "gate": lazy_pgettext("checkpoint target", "Phase gate")}
DECISION_LABELS = {"pass": _l("Pass"), "pass_with_conditions": _l("Pass with conditions"),
                   "fail": _l("Fail")}
REVIEW_STATUS_LABELS = {"open": _l("Open"), "decided": _l("Decided"),
                        "superseded": _l("Superseded")}
JUDGEMENT_LABELS = {"on_track": _l("On track"), "concerns": _l("Concerns"),
                    "off_track": _l("Off track")}
ACTION_STATUS_LABELS = {"open": lazy_pgettext("action", "Open"),
                        "done": lazy_pgettext("action", "Done"),
                        "dropped": lazy_pgettext("action", "Dropped")}
