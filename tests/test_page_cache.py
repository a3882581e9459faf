"""Whole public pages kept in memory (public/page_cache.py): served fast to anonymous readers,
emptied when anything is published, never given to signed-in staff.

Most tests drive the WSGI wrapper directly, around Django's own WSGI handler, as gunicorn does:
Django's test client bypasses WSGI wrappers. Time is a fake clock, so "within a second" is exact.
"""

import io
from datetime import date
from unittest import mock

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import DatabaseError, close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from public import page_cache
from public.findings import finding_url
from public.models import CacheGeneration
from responses import workflow
from tests.factories import FindingFactory, ReportFactory, publish, response_with_findings

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.code = int(status.split()[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.header_list = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode()


class Server:
    """One app server process: Django's WSGI handler inside its own page cache."""

    def __init__(self):
        self.clock = Clock()
        self.django_calls = 0
        handler = WSGIHandler()

        def counted(environ, start_response):
            self.django_calls += 1
            return handler(environ, start_response)

        self.app = page_cache.PageCache(counted, clock=self.clock)

    def get(self, path, method="GET", **headers):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
        started = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"], started["headers"] = status, response_headers

        result = self.app(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        return Answer(started["status"], started["headers"], body)

    def later(self, seconds):
        self.clock.now += seconds


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_CHECK_SECONDS = 1
    settings.PUBLIC_SHARED_CACHE_SECONDS = 5


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """As Django's test client does: a request must not close the connection holding the test's
    transaction (close_old_connections runs when a real request starts and ends)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def server():
    return Server()


@pytest.fixture
def published():
    response = response_with_findings(2, published=True, introduction="The first words we published.")
    return response


def _page(response):
    return reverse("public:response", args=[response.report.slug, response.body.slug])


def _amend_and_publish(response, drafter, words):
    workflow.amend(response, drafter)
    response.refresh_from_db()
    workflow.save(response, drafter, response.edit_count, {"introduction": words, "change_note": "New words."}, {})
    response.refresh_from_db()
    publish(response)


# Served from memory --------------------------------------------------------------------------


def test_a_second_anonymous_read_is_served_from_memory_without_a_query(server, published):
    first = server.get(_page(published))
    assert first.code == 200 and "The first words we published." in first.text
    with CaptureQueriesContext(connection) as queries:
        second = server.get(_page(published))
    assert len(queries) == 0
    assert server.django_calls == 1
    assert second.body == first.body
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "name, args",
    [
        ("public:home", []),
        ("public:report_list", []),
        ("public:body_list", []),
        ("public:statistics", []),
        ("public:about", []),
        ("public:responses_feed", []),
        ("public:sitemap", []),
        ("public:api:index", []),
    ],
)
def test_every_kind_of_public_page_is_kept(server, published, name, args):
    url = reverse(name, args=args)
    assert server.get(url).code == 200
    assert server.get(url).code == 200
    assert server.django_calls == 1


def test_report_finding_body_and_api_pages_are_kept(server, published):
    report = published.report
    finding = report.findings.first()
    urls = [
        reverse("public:report", args=[report.slug]),
        finding_url(finding),
        reverse("public:body", args=[published.body.slug]),
        reverse("public:api:responses"),
        reverse("public:api:report", args=[report.slug]),
        reverse("public:search") + "?q=words",
    ]
    for url in urls:
        assert server.get(url).code == 200, url
    calls = server.django_calls
    for url in urls:
        server.get(url)
    assert server.django_calls == calls


def test_each_address_and_query_is_kept_apart(server, published):
    search = reverse("public:search")
    assert "1 result" in server.get(f"{search}?q=first").text.replace("\n", " ")
    other = server.get(f"{search}?q=nothingmatchesthis")
    assert "1 result" not in other.text
    assert server.django_calls == 2


# Emptied when something is published, on every server -------------------------------------------


def test_publishing_an_amendment_is_served_within_a_second(server, published, django_capture_on_commit_callbacks):
    url = _page(published)
    server.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        _amend_and_publish(published, _member_of(published.body), "The second words we published.")
    # Until the server next reads the generation (at most a second), the kept page may be served.
    server.later(1)
    answer = server.get(url)
    assert "The second words we published." in answer.text
    assert "The first words we published." not in answer.text


def _member_of(body, role="drafter"):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, body=body, role=role)
    return user


def test_two_app_servers_both_serve_the_new_page_within_a_second(published, django_capture_on_commit_callbacks):
    one, two = Server(), Server()
    url = _page(published)
    for server in (one, two):
        assert "The first words" in server.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        _amend_and_publish(published, _member_of(published.body), "Words published on server one.")
    for server in (one, two):
        server.later(1)
        assert "Words published on server one." in server.get(url).text


def test_withdrawing_empties_the_pages(server, published, django_capture_on_commit_callbacks):
    url = _page(published)
    server.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(published, _member_of(published.body, "publisher"), "Published in error.")
    server.later(1)
    assert "Published in error." in server.get(url).text


@pytest.mark.parametrize("change", ["report", "finding", "body", "force"])
def test_a_change_to_a_report_finding_body_or_force_moves_the_generation_on(
    published, change, django_capture_on_commit_callbacks
):
    before = page_cache.current()[0]
    with django_capture_on_commit_callbacks(execute=True):
        if change == "report":
            ReportFactory()
        elif change == "finding":
            FindingFactory(report=published.report)
        elif change == "body":
            published.body.save()
        else:
            published.body.force.save()
    assert page_cache.current()[0] > before


def test_saving_a_draft_does_not_empty_the_pages(draft, drafter, django_capture_on_commit_callbacks):
    before = page_cache.current()[0]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save(draft, drafter, draft.edit_count, {"introduction": "Still private."}, {})
    assert page_cache.current()[0] == before


def test_a_new_day_empties_the_pages_since_they_count_days(server, published):
    url = _page(published)
    server.get(url)
    with mock.patch.object(page_cache.timezone, "localdate", return_value=date(2099, 1, 1)):
        server.later(1)
        server.get(url)
    assert server.django_calls == 2


def test_the_generation_is_read_at_most_once_a_second(server, published):
    url = _page(published)
    server.get(url)
    with CaptureQueriesContext(connection) as queries:
        server.later(0.5)
        server.get(url)
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        server.later(0.5)
        server.get(url)
    assert len(queries) == 1 and "public_cachegeneration" in queries[0]["sql"]


def test_if_the_database_cannot_be_read_the_live_page_is_served(server, published):
    url = _page(published)
    server.get(url)
    server.later(1)
    with mock.patch.object(page_cache, "current", side_effect=DatabaseError("gone")):
        server.get(url)
    assert server.django_calls == 2
    assert len(server.app) == 0


def test_a_missing_generation_row_is_created_by_the_first_bump(db):
    CacheGeneration.objects.all().delete()
    assert page_cache.current() == (0, None)
    page_cache.bump()
    assert page_cache.current()[0] == 1


# Conditional requests ---------------------------------------------------------------------------


def test_a_kept_page_answers_304_to_its_etag(server, published):
    first = server.get(_page(published))
    again = server.get(_page(published), if_none_match=first.headers["etag"])
    assert again.code == 304 and again.body == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert "public" in again.headers["cache-control"]
    assert server.get(_page(published), if_none_match='"something-else"').code == 200


def test_a_kept_page_answers_304_to_if_modified_since(server, published):
    first = server.get(_page(published))
    assert "last-modified" in first.headers
    assert server.get(_page(published), if_modified_since=first.headers["last-modified"]).code == 304
    assert server.get(_page(published), if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT").code == 200


def test_head_is_answered_from_memory_without_a_body(server, published):
    first = server.get(_page(published))
    head = server.get(_page(published), method="HEAD")
    assert head.code == 200 and head.body == b""
    assert head.headers["content-length"] == first.headers["content-length"]
    assert server.django_calls == 1


# Never kept --------------------------------------------------------------------------------------


def test_signed_in_staff_always_get_the_live_page_and_it_is_never_kept(server, published, client, drafter):
    url = _page(published)
    server.get(url)
    client.force_login(drafter)
    session = client.cookies["sessionid"].value
    answer = server.get(url, cookie=f"sessionid={session}")
    assert server.django_calls == 2
    assert "no-store" in answer.headers["cache-control"] and "public" not in answer.headers["cache-control"]
    server.get(url, cookie=f"sessionid={session}")
    assert server.django_calls == 3


def test_a_messages_cookie_gets_the_live_page(server, published):
    server.get(_page(published))
    server.get(_page(published), cookie="messages=abc")
    assert server.django_calls == 2


def test_other_cookies_still_get_the_kept_page(server, published):
    server.get(_page(published))
    server.get(_page(published), cookie="csrftoken=abc; analytics=1")
    assert server.django_calls == 1


def test_staff_pages_errors_and_streamed_downloads_are_never_kept(server, published):
    for url in [reverse("staff:dashboard"), "/no-such-page/", reverse("public:responses_csv")]:
        server.get(url)
        server.get(url)
    assert server.django_calls == 6
    assert len(server.app) == 0


def test_an_answer_that_sets_a_cookie_is_never_kept(server):
    sign_in = reverse("login")
    server.get(sign_in)
    server.get(sign_in)
    assert server.django_calls == 2


def test_pages_over_the_size_limit_are_not_kept(settings, published):
    settings.PAGE_CACHE_MAX_PAGE_KB = 1
    server = Server()
    server.get(_page(published))
    server.get(_page(published))
    assert server.django_calls == 2


def test_memory_is_bounded_dropping_the_least_recently_read(settings, published):
    settings.PAGE_CACHE_MAX_MB = 0
    server = Server()
    server.get(_page(published))
    assert len(server.app) == 0


def test_off_when_the_setting_is_off(settings, published):
    settings.PAGE_CACHE = False
    server = Server()
    server.get(_page(published))
    server.get(_page(published))
    assert server.django_calls == 2


def test_the_wsgi_application_is_django_inside_the_page_cache():
    from tracker import wsgi

    assert isinstance(wsgi.application, page_cache.PageCache)
    assert isinstance(wsgi.application.app, WSGIHandler)


# Headers a shared cache (nginx, a CDN) and browsers rely on ----------------------------------------


def test_anonymous_public_pages_may_be_held_by_shared_caches(client, published):
    answer = client.get(_page(published))
    cache_control = answer["Cache-Control"]
    assert "public" in cache_control and "max-age=0" in cache_control and "s-maxage=5" in cache_control
    assert "Cookie" in answer["Vary"]
    assert answer["ETag"]
    assert client.get(_page(published), HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304


def test_the_json_api_does_not_vary_on_cookies(client, published):
    answer = client.get(reverse("public:api:responses"))
    assert answer.status_code == 200
    assert "public" in answer["Cache-Control"]
    assert "Cookie" not in answer.get("Vary", "")


def test_signed_in_users_get_private_pages(client, published, drafter):
    client.force_login(drafter)
    answer = client.get(_page(published))
    assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
    assert "public" not in answer["Cache-Control"]


def test_errors_are_not_marked_public(client):
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")


# PDFs --------------------------------------------------------------------------------------------


def _pdf_url(response):
    return reverse("public:response_pdf", args=[response.report.slug, response.body.slug])


def test_a_published_pdf_has_its_hash_as_etag_and_answers_304(client, published):
    answer = client.get(_pdf_url(published))
    sha = published.current_version.pdf.name.rsplit("/", 1)[-1].removesuffix(".pdf")
    assert answer["ETag"] == f'"{sha}"'
    assert answer["Last-Modified"]
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    assert client.get(_pdf_url(published), HTTP_IF_NONE_MATCH=f'"{sha}"').status_code == 304


def test_behind_nginx_the_pdf_is_sent_by_x_accel_redirect(client, published, settings):
    settings.PDF_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    answer = client.get(_pdf_url(published))
    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"] == f"/protected-media/{published.current_version.pdf.name}"
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content == b""
    assert answer["Content-Disposition"].startswith("inline; filename=")


def test_a_version_pdf_is_sent_by_x_accel_redirect_too(client, published, settings):
    settings.PDF_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    version = published.current_version
    url = reverse("public:version_pdf", args=[published.report.slug, published.body.slug, version.number])
    assert client.get(url)["X-Accel-Redirect"] == f"/protected-media/{version.pdf.name}"


def test_a_draft_pdf_preview_is_never_redirected_or_public(client, draft, drafter, settings):
    settings.PDF_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    client.force_login(drafter)
    answer = client.get(_pdf_url(draft))
    assert answer.status_code == 200
    assert "X-Accel-Redirect" not in answer
    assert "no-store" in answer["Cache-Control"]


def test_a_draft_pdf_is_404_to_the_public(client, draft):
    assert client.get(_pdf_url(draft)).status_code == 404


def test_rebuilding_the_search_index_after_a_bulk_load_empties_the_pages(server, published):
    from django.core.management import call_command

    url = _page(published)
    server.get(url)
    call_command("rebuild_search_index", stdout=io.StringIO())
    server.later(1)
    server.get(url)
    assert server.django_calls == 2
