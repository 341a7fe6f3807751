"""View guards built on the capability table."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .roles import Capability
from .scope import has_capability


def capability_required(capability: Capability):
    """Anonymous visitors go to the login page; users without the capability get 404.

    404, not 403: a page or object outside one's scope looks exactly like a missing one.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator
