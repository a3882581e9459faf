"""Whole public pages served from memory, emptied within a second of anything being published.

A published page changes only when something is published, amended or withdrawn (or a report,
finding or body changes), so an anonymous reader can be given the bytes rendered for the last
reader. Three parts:

- `CacheGeneration` (public/models.py): one row whose number goes up whenever a transaction that
  changed what the public sees commits (`bump_after_commit`, called from public/signals.py). It is
  the only thing app servers share, so several servers against one database stay correct.
- `PublicPageHeadersMiddleware` (Django middleware): marks a 200 answer to an anonymous GET of a
  public page `Cache-Control: public, max-age=0, s-maxage=N` (HTML with `Vary: Cookie`) and a
  `Last-Modified`; Django's ConditionalGetMiddleware adds the ETag and answers 304. Signed-in staff
  are never marked (tracker.middleware.PrivatePagesMiddleware makes their pages `private, no-store`).
- `PageCache` (a WSGI wrapper, named in settings.WSGI_WRAPPERS and applied in tracker/wsgi.py):
  keeps, per process, the complete answers the middleware marked public, keyed by host and
  address, and serves them (or a 304) without entering Django. It reads the generation at most
  once every PAGE_CACHE_CHECK_SECONDS; when it has moved on, or the day has changed (pages count
  days late and days left), every kept page is dropped.

Requests with a session or messages cookie always reach Django: staff get the live page. Answers
that set a cookie, vary on anything but Cookie or Accept, stream, or exceed PAGE_CACHE_MAX_PAGE_KB
are passed through untouched and not kept. Why not Django's cache middleware: it runs inside the
middleware stack and costs a cache read per request (a database query with our shared database
cache); measured with `make bench`, the wrapper keeps a page within reach of a static file server.
"""

import logging
import threading
import time
from collections import OrderedDict
from datetime import datetime
from datetime import time as day_time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import parse_cookie
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from public.models import CacheGeneration

log = logging.getLogger(__name__)

# Set by PageCache on the WSGI environ, read by the middleware: when the pages last changed.
LAST_MODIFIED_KEY = "tracker.page_cache.last_modified"

# Headers a 304 repeats (RFC 9110 §15.4.5).
_NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "etag", "expires", "last-modified", "vary"}
# A kept answer may vary only on these: Cookie is settled by never serving a request that carries a
# session (the only cookie a public page depends on); Accept, which Django REST framework names,
# changes nothing in our JSON-only API.
_HARMLESS_VARY = {"cookie", "accept"}


# The generation ------------------------------------------------------------------------------


def current():
    """(number, changed_at) of the public pages' generation; (0, None) before the first change."""
    row = CacheGeneration.objects.filter(pk=1).values_list("number", "changed_at").first()
    return row or (0, None)


def bump():
    """Move the generation on: every app server drops its kept pages at its next check."""
    now = timezone.now()
    if not CacheGeneration.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        CacheGeneration.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})


def bump_after_commit():
    """Bump once the current transaction commits (at once outside one).

    After the commit, not inside it: a server that sees the new number then also sees the new
    rows, and no transaction holds the generation's row lock while it publishes.
    """
    transaction.on_commit(bump)


def last_modified(changed_at, today_start):
    """Pages show days late and days left, so they change at midnight as well as on publication."""
    if changed_at is None:
        return today_start
    return max(changed_at, today_start)


# The headers ---------------------------------------------------------------------------------


def is_anonymous(request_cookies):
    return settings.SESSION_COOKIE_NAME not in request_cookies and "messages" not in request_cookies


class PublicPageHeadersMiddleware:
    """Marks anonymous public pages cacheable by anyone (see the module's docstring).

    Must come after AuthenticationMiddleware (inside it) and inside ConditionalGetMiddleware, which
    then adds the ETag and turns a matching conditional request into a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_public_answer(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PUBLIC_SHARED_CACHE_SECONDS)
            if response.get("Content-Type", "").startswith("text/html"):
                # An HTML page shows who is signed in (and a draft to its own staff): a shared
                # cache must not give a signed-in user the anonymous copy. Feeds, CSV, JSON and
                # PDF read no session, so they do not vary and any cache may share them.
                patch_vary_headers(response, ["Cookie"])
            changed = request.META.get(LAST_MODIFIED_KEY)
            if changed is not None and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(changed)
        return response

    @staticmethod
    def _is_public_answer(request, response):
        match = request.resolver_match
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and match is not None
            and "public" in match.namespaces
            and is_anonymous(request.COOKIES)
            and not response.cookies
            and not response.has_header("Cache-Control")
        )


# The pages kept in memory ----------------------------------------------------------------------


class _Page:
    __slots__ = ("status", "headers", "body", "etag", "last_modified", "not_modified_headers")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        found = {name.lower(): value for name, value in headers}
        self.etag = found.get("etag")
        self.last_modified = parse_http_date_safe(found.get("last-modified", ""))
        self.not_modified_headers = [(n, v) for n, v in headers if n.lower() in _NOT_MODIFIED_HEADERS]


def _etag_matches(header, etag):
    if etag is None:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


def _not_modified(environ, page):
    """RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return _etag_matches(if_none_match, page.etag)
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and page.last_modified is not None and page.last_modified <= since


class PageCache:
    """WSGI wrapper serving kept public pages (see the module's docstring). One per process."""

    def __init__(self, app, *, clock=time.monotonic):
        self.app = app
        self.clock = clock
        self.enabled = settings.PAGE_CACHE
        self.check_seconds = settings.PAGE_CACHE_CHECK_SECONDS
        self.max_bytes = settings.PAGE_CACHE_MAX_MB * 1024 * 1024
        self.max_page_bytes = settings.PAGE_CACHE_MAX_PAGE_KB * 1024
        self._pages = OrderedDict()
        self._bytes = 0
        self._token = None
        self._last_modified = None
        self._checked_at = None
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not self.enabled or not self._may_serve(environ) or not self._refresh():
            return self.app(environ, start_response)
        environ[LAST_MODIFIED_KEY] = self._last_modified
        key = self._key(environ)
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
        if page is not None:
            return self._serve(environ, start_response, page)
        return self._render(environ, start_response, key)

    # Which requests ------------------------------------------------------------------------

    @staticmethod
    def _may_serve(environ):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
            return False
        cookies = environ.get("HTTP_COOKIE")
        return not cookies or is_anonymous(parse_cookie(cookies))

    @staticmethod
    def _key(environ):
        return (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_X_FORWARDED_PROTO"),
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME"),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )

    # The generation check ------------------------------------------------------------------

    def _refresh(self):
        """Read the generation if it is time to; False (serve live) if the database cannot say."""
        now = self.clock()
        if self._checked_at is not None and now - self._checked_at < self.check_seconds:
            return True
        try:
            number, changed_at = current()
        except DatabaseError:
            log.warning("Page cache: cannot read the generation; serving live pages", exc_info=True)
            self._clear(None)
            return False
        today = timezone.localdate()
        token = (number, today)
        if token != self._token:
            self._clear(token)
            today_start = timezone.make_aware(datetime.combine(today, day_time.min))
            self._last_modified = last_modified(changed_at, today_start).timestamp()
        self._checked_at = now
        return True

    def _clear(self, token):
        with self._lock:
            self._pages.clear()
            self._bytes = 0
            self._token = token
            self._checked_at = None

    # Serving and keeping -------------------------------------------------------------------

    @staticmethod
    def _serve(environ, start_response, page):
        if _not_modified(environ, page):
            start_response("304 Not Modified", page.not_modified_headers)
            return [b""]
        start_response(page.status, page.headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]

    def _render(self, environ, start_response, key):
        answered = {}

        def capture(status, headers, exc_info=None):
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            answered["status"], answered["headers"] = status, headers
            return self._refuse_write

        result = self.app(environ, capture)
        if "status" not in answered:  # the application answered through exc_info
            return result
        status, headers = answered["status"], answered["headers"]
        if environ["REQUEST_METHOD"] != "GET" or not self._may_keep(status, headers):
            start_response(status, headers)
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: closes the database connection if due
        token = self._token
        self._keep(key, _Page(status, headers, body), token)
        start_response(status, headers)
        return [body]

    @staticmethod
    def _refuse_write(data):
        raise RuntimeError("The page cache does not support the WSGI write() callable.")

    def _may_keep(self, status, headers):
        if not status.startswith("200"):
            return False
        found = {}
        for name, value in headers:
            name = name.lower()
            if name == "set-cookie":
                return False
            found[name] = f"{found[name]}, {value}" if name in found else value
        cache_control = {part.strip().lower() for part in found.get("cache-control", "").split(",")}
        if "public" not in cache_control or cache_control & {"private", "no-store", "no-cache"}:
            return False
        vary = {part.strip().lower() for part in found.get("vary", "").split(",") if part.strip()}
        if not vary <= _HARMLESS_VARY:
            return False
        try:
            length = int(found["content-length"])
        except (KeyError, ValueError):
            return False  # streamed: CSV downloads are generated as they are sent
        return length <= self.max_page_bytes

    def _keep(self, key, page, token):
        with self._lock:
            if token != self._token:  # the generation moved on while this page was rendered
                return
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self.max_bytes and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self):
        return len(self._pages)
