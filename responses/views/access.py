"""Fetching a response for a staff user, with access encoded once (after healthchecks' helpers).

Outside your bodies a response is a 404 (we do not confirm it exists); inside, lacking the role
an action needs is a 403 (you may read it but not change it).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from responses.models import Response
from responses.permissions import has_any_role


def get_response_for_staff(request, pk):
    """A response of one of the user's bodies (any response for a site admin), else 404."""
    queryset = Response.objects.for_staff(request.user).select_related("report", "body", "current_version")
    return get_object_or_404(queryset, pk=pk)


def get_response_with_role(request, pk, roles):
    """As get_response_for_staff, but 403 unless the user holds one of `roles` in its body."""
    response = get_response_for_staff(request, pk)
    if not has_any_role(request.user, response.body, roles):
        raise PermissionDenied("You can read this response but not change it.")
    return response
