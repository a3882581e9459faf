"""The calendar of due dates: a month page for staff, and each user's private iCalendar feed.

The feed is fetched by a calendar app (Outlook, Google Calendar), which has no session: its secret
address is the credential. Replacing the address revokes every subscription made with the old one.
"""

import calendar
import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from responses import ical, rules
from responses.due_dates import due_dates
from responses.models import CalendarFeed
from responses.permissions import bodies_of

# secrets.token_urlsafe(32): 32 random bytes (256 bits, beyond guessing), 43 URL-safe characters.
# The address pattern (staff_urls) accepts exactly that, so anything else is a 404 unread.
TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"
# Calendar apps fetch every few hours; more than this in an hour is a misbehaving client, and each
# fetch works out every due date of the user's bodies. Counted per address, not per client address:
# Google and Microsoft fetch everyone's calendars from a few shared servers.
FETCHES_PER_HOUR = 60
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The feed starts a year back: enough to look back on, without years of old dates in every fetch.
FEED_LOOKS_BACK = datetime.timedelta(days=366)


def _month(year, month):
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404("No such month")
    first = datetime.date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    return first, last


def _neighbour(first, last, step):
    day = first - datetime.timedelta(days=1) if step < 0 else last + datetime.timedelta(days=1)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return {"date": day, "url": reverse("staff:calendar_month", kwargs={"year": day.year, "month": day.month})}


def feed_url(feed):
    return settings.SITE_URL + reverse("staff:calendar_feed", kwargs={"token": feed.token})


@require_safe
@login_required
def calendar_page(request, year=None, month=None):
    """The due dates of the user's bodies in one month (this month by default), day by day."""
    today = timezone.localdate()
    first, last = _month(year or today.year, month or today.month)
    bodies = list(bodies_of(request.user).order_by("name"))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    # From the month's first day on: the month's dates, and the next one still to do after it, so a
    # month with nothing due says when something next is.
    from_first = due_dates(bodies, today, first, None) if bodies else []
    in_month = [due for due in from_first if due.day <= last]
    next_after = next((due for due in from_first if due.day > last and not due.done), None)
    return render(
        request,
        "responses/staff/calendar.html",
        {
            "first_day": first,
            "today": today,
            "bodies": bodies,
            "due_dates": in_month,
            "next_after": next_after,
            "next_after_url": (
                reverse("staff:calendar_month", kwargs={"year": next_after.day.year, "month": next_after.day.month})
                if next_after
                else ""
            ),
            "previous": _neighbour(first, last, -1),
            "next": _neighbour(first, last, +1),
            "this_month_url": reverse("staff:calendar"),
            "is_this_month": first.year == today.year and first.month == today.month,
            "feed_url": feed_url(feed) if feed else "",
            "may_have_feed": rules.may_have_calendar_feed(request.user),
        },
    )


@require_POST
@login_required
def new_feed_address(request):
    """Make the user's secret calendar address, or replace it: the old one stops working at once."""
    if not rules.may_have_calendar_feed(request.user):
        raise PermissionDenied("A calendar address is for staff of a local policing body.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        replaced = CalendarFeed.objects.filter(user=request.user).delete()[0] > 0
        CalendarFeed.objects.create(user=request.user, token=token)
    if replaced:
        messages.success(request, "Your calendar has a new address. The old address no longer works.")
    else:
        messages.success(request, "Your calendar address is ready.")
    return redirect(reverse("staff:calendar") + "#subscribe")


def _too_many_fetches(token):
    # The cache key names a hash of the token, so the secret never sits in the cache table.
    key = "calendar-feed:" + hashlib.sha256(token.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > FETCHES_PER_HOUR
    except ValueError:  # expired between add and incr: this fetch starts a new hour
        return False


@require_safe
def feed(request, token):
    """The user's due dates as iCalendar. No session: the address is the secret. An unknown or
    replaced address, or one whose owner no longer holds a role (or is deactivated), is a 404."""
    subscription = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if subscription is None or not rules.may_have_calendar_feed(subscription.user):
        raise Http404("No such calendar")
    if _too_many_fetches(token):
        reply = HttpResponse("Too many requests for this calendar: try again in an hour.", status=429)
        reply["Retry-After"] = "3600"
        return reply
    user = subscription.user
    name = f"{settings.SITE_NAME}: due dates for {user.get_full_name() or user.username}"
    today = timezone.localdate()
    dates = due_dates(bodies_of(user).order_by("name"), today, first_day=today - FEED_LOOKS_BACK)
    body = ical.feed(dates, name)
    reply = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    reply["Content-Disposition"] = 'inline; filename="due-dates.ics"'
    patch_cache_control(reply, private=True, no_store=True)
    return reply
