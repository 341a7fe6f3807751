"""Account pages that are ours rather than django-allauth's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.people.selectors import get_person_for

from .services import person_grant_login


@require_POST
@capability_required(Capability.MANAGE_PEOPLE)
def grant_login(request, pk: int):
    person = get_person_for(request.user, pk, Capability.MANAGE_PEOPLE)
    try:
        person_grant_login(
            actor=request.user, person=person, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A login was created and an invitation sent to %(email)s.") % {"email": person.email},
        )
    return redirect(person)
