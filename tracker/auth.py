"""Who may sign in, and from where: demo accounts refused outside local development, and the
pieces django-axes calls to throttle sign-in (the client's address, the wait, the locked-out page).

The staff sign-in page and the Django admin both authenticate through AUTHENTICATION_BACKENDS, so
every rule here holds on both.
"""

import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# `seed_demo --with-demo-users` creates these accounts with this password, and the README
# publishes both: anyone can sign in with them wherever they exist.
DEMO_PASSWORD = "try-the-tracker"
DEMO_USERNAMES = frozenset({"drafter", "reviewer", "publisher", "admin"})


class NoDemoAccountsBackend(ModelBackend):
    """Django's username and password check, refusing demo accounts unless DEBUG is on.

    A demo account is one signing in with the published password (whatever its username, so
    renaming it does not help) or with a demo username (whatever its password). The person signing
    in sees the same message as for a wrong password; the log says why. Only signing in is checked:
    a session begun while DEBUG was on lasts until it ends.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or settings.DEBUG:
            return user
        # The password has just been checked against the account, so comparing it with the
        # published one tells whether the account's password is the demo password.
        if password is not None and constant_time_compare(password, DEMO_PASSWORD):
            logger.warning("Refused a sign-in with the published demo password: DEBUG is off.")
            return None
        if user.get_username() in DEMO_USERNAMES:
            logger.warning("Refused a sign-in as the demo account %r: DEBUG is off.", user.get_username())
            return None
        return user


def client_address(request):
    """The address sign-in failures are counted against (django-axes' AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT proxies that each append the address they were reached from to
    X-Forwarded-For, the client is the entry that many places from the right: entries further
    left were sent by the client and could be anything. Without a proxy the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if count < 1 or not forwarded:
        return remote
    # Fewer entries than proxies: every entry came from a proxy, and the first is the client.
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning("X-Forwarded-For entry %r is not an address; counting against %s.", candidate, remote)
        return remote


def lockout_time(request):
    """How long a locked username or address waits (django-axes' AXES_COOLOFF_TIME)."""
    return timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, with the lockout message, answered 429 Too Many Requests.

    Shown for any username, known or not, so it never tells whether an account exists. Used for
    the admin's sign-in too: one message for one rule.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "next": next_url, "locked_out": True, "lockout_minutes": settings.SIGN_IN_LOCKOUT_MINUTES}
    return render(request, "registration/login.html", context, status=429)
