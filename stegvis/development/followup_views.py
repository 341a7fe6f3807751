"""The organisation's follow-up of the yearly development: figures per unit and municipality.

For HR, coordinators, statistics readers and administrators (``VIEW_STATISTICS``) and for
managers (``FOLLOW_TEAM``), each within their scope. Counts only, small groups suppressed; no
plan contents and no names.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .followup import follow_up_scope, follow_up_table


@login_required
def followup(request):
    scope = follow_up_scope(request.user)
    if scope.is_empty:
        raise Http404
    return render(request, "development/plans/followup.html", {"table": follow_up_table(scope)})
