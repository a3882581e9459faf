"""Who may do what to a response: roles held in the response's local policing body.

A drafter writes; a reviewer approves or sends back; a publisher publishes and may also review
and write. Site admins (superusers) may read every response but act only where they hold a role.
"""

from tracker.models import Membership

Role = Membership.Role

WRITERS = {Role.DRAFTER, Role.PUBLISHER}
REVIEWERS = {Role.REVIEWER, Role.PUBLISHER}
PUBLISHERS = {Role.PUBLISHER}


def roles_in(user, body):
    """The roles `user` holds in `body`, read afresh: a role taken away must stop working at once."""
    if not user.is_authenticated:
        return set()
    body_id = getattr(body, "pk", body)
    return set(Membership.objects.filter(user=user, body_id=body_id).values_list("role", flat=True))


def bodies_of(user):
    """The bodies in which `user` holds any role."""
    from tracker.models import LocalPolicingBody

    if not user.is_authenticated:
        return LocalPolicingBody.objects.none()
    return LocalPolicingBody.objects.filter(memberships__user=user).distinct()


def can_read(user, body):
    return user.is_authenticated and (user.is_superuser or bool(roles_in(user, body)))


def has_any_role(user, body, roles):
    return bool(roles_in(user, body) & roles)
