"""Template helpers of the staff pages: experience phase, and the follow-up sign-off box."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

from stegvis.people.phases import experience_phase

from ..models import Registration
from ..selectors import may_sign_off
from ..services.progress import progress_for

register = template.Library()


@register.filter
def phase_label(person) -> str:
    """The person's experience phase (new, experienced, senior), or '' when unknown."""
    phase = experience_phase(getattr(person, "profession_start_date", None))
    return str(phase.label) if phase else ""


@dataclass
class SignOffState:
    total: int
    done: int
    signed_at: object
    signed_by: object
    completed_at: object
    may_sign: bool
    ready: bool
    reason: str

    @property
    def has_follow_up(self) -> bool:
        return self.total > 0

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


@register.simple_tag(takes_context=True)
def sign_off_state(context, registration: Registration) -> SignOffState:
    """How far the follow-up has come, and whether the viewer may (and can yet) sign it off."""
    request = context.get("request")
    user = getattr(request, "user", None)
    progress = progress_for([registration])[registration.pk]
    total, done = progress.follow_up_total, progress.follow_up_done
    signed_at = registration.follow_up_signed_off_at
    may_sign = total > 0 and signed_at is None and may_sign_off(user, registration)
    reason = ""
    if registration.status != Registration.Status.CONFIRMED:
        reason = _("Only a participant with a confirmed seat can be signed off.")
    elif done < total:
        reason = _("%(missing)d of %(total)d follow-up tasks are not ticked off yet.") % {
            "missing": total - done,
            "total": total,
        }
    return SignOffState(
        total=total,
        done=done,
        signed_at=signed_at,
        signed_by=registration.follow_up_signed_off_by if signed_at else None,
        completed_at=registration.completed_at,
        may_sign=may_sign,
        ready=may_sign and not reason,
        reason=reason,
    )
