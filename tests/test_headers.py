"""Security headers: a strict Content-Security-Policy everywhere, no cached copy of any staff page or
draft, Permissions-Policy and Referrer-Policy, HSTS and the HTTPS redirect when the site is served
over HTTPS, no Server header from gunicorn, and `check --deploy` clean with production settings."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from imports.models import ImportJob
from tests.factories import MembershipFactory, UserFactory, response_with_findings
from tracker.models import Membership

REPO = Path(__file__).resolve().parent.parent

# What production must set (tests/test_settings.py); the test run's own values must not leak in
# (tests/browser/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
CONTROLLED = {
    "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "EMAIL_BACKEND", "EMAIL_HOST", "SITE_URL", "ALLOWED_HOSTS",
    "BEHIND_HTTPS_PROXY", "HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE",
}  # fmt: skip
PRODUCTION = {
    "DEBUG": "false",
    # check --deploy wants 50 characters or more, of many kinds, without Django's "insecure" prefix.
    "SECRET_KEY": "q8Zt2vLx0pWn4Rk7Yb1Hc9Mf3Sd6Ga5Je8Uo2Ti4Ew7Qr1Ly3Xz",
    "ALLOWED_HOSTS": "tracker.example.org",
    "SITE_URL": "https://tracker.example.org",
    "EMAIL_HOST": "smtp.example.org",
}
PRINT_HTTPS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.HTTPS, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


def _run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    return subprocess.run(
        args,
        cwd=REPO,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
    )


def _csp(reply):
    """The policy as {directive: [sources]}."""
    header = reply.headers.get("Content-Security-Policy", "")
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def assert_strict_csp(reply):
    policy = _csp(reply)
    assert policy, f"no Content-Security-Policy on {reply.request['PATH_INFO']}"
    assert "'unsafe-inline'" not in reply.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in reply.headers["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


def cache_control(reply):
    return {part.strip() for part in reply.headers.get("Cache-Control", "").split(",") if part.strip()}


# Staff pages ----------------------------------------------------------------------------------


@pytest.fixture
def office_publisher(body):
    """A publisher of `body` (the draft's): may import, and sees the draft at its public address."""
    user = UserFactory(username="office-publisher")
    MembershipFactory(user=user, body=body, role=Membership.Role.PUBLISHER)
    return user


STAFF_PAGES = [
    "dashboard",
    "account",
    "editor",
    "staff response page",
    "preview",
    "preview PDF",
    "compare",
    "import start",
    "import job page",
    "draft at its public address",
    "draft PDF at its public address",
]


def _staff_url(name, draft, job):
    return {
        "dashboard": reverse("staff:dashboard"),
        "account": reverse("staff:account"),
        "editor": reverse("staff:edit", args=[draft.pk]),
        "staff response page": reverse("staff:response", args=[draft.pk]),
        "preview": reverse("staff:preview", args=[draft.pk]),
        "preview PDF": reverse("staff:preview_pdf", args=[draft.pk]),
        "compare": reverse("staff:compare", args=[draft.pk]),
        "import start": reverse("imports:start"),
        "import job page": job.get_absolute_url(),
        "draft at its public address": draft.get_absolute_url(),
        "draft PDF at its public address": reverse(
            "public:response_pdf", kwargs={"report_slug": draft.report.slug, "body_slug": draft.body.slug}
        ),
    }[name]


@pytest.mark.django_db
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_every_staff_page_has_a_strict_policy_and_is_never_stored(client, office_publisher, draft, page):
    job = ImportJob.objects.create(
        user=office_publisher, kind=ImportJob.Kind.RESPONSE, status=ImportJob.Status.FAILED, problem="Not a response."
    )
    client.force_login(office_publisher)
    reply = client.get(_staff_url(page, draft, job))
    assert reply.status_code == 200
    assert_strict_csp(reply)
    assert {"private", "no-store"} <= cache_control(reply), reply.headers.get("Cache-Control")
    assert "public" not in cache_control(reply)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/staff/sign-in/", "/admin/login/"])
def test_the_sign_in_pages_are_never_stored(client, url):
    reply = client.get(url)
    assert reply.status_code == 200
    assert_strict_csp(reply)
    assert {"private", "no-store"} <= cache_control(reply)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/admin/tracker/inspectionreport/", "/admin/responses/response/"])
def test_admin_pages_have_a_strict_policy_and_are_never_stored(client, site_admin, url):
    client.force_login(site_admin)
    reply = client.get(url)
    assert reply.status_code == 200
    assert_strict_csp(reply)
    assert {"private", "no-store"} <= cache_control(reply)


@pytest.mark.django_db
def test_a_redirect_to_sign_in_is_never_stored(client, draft):
    reply = client.get(reverse("staff:edit", args=[draft.pk]))
    assert reply.status_code == 302
    assert {"private", "no-store"} <= cache_control(reply)


# Public pages ---------------------------------------------------------------------------------


@pytest.fixture
def published(db):
    response = response_with_findings(2, published=True)
    response.refresh_from_db()
    return response


def _public_urls(response):
    version = response.current_version
    return [
        "/",
        reverse("public:report_list"),
        response.report.get_absolute_url(),
        response.get_absolute_url(),
        reverse("public:response_pdf", kwargs={"report_slug": response.report.slug, "body_slug": response.body.slug}),
        version.get_absolute_url(),
        version.get_pdf_url(),
    ]


@pytest.mark.django_db
def test_published_pages_have_the_policy_and_may_be_cached(client, published):
    for url in _public_urls(published):
        reply = client.get(url)
        assert reply.status_code == 200, url
        assert_strict_csp(reply)
        assert "no-store" not in cache_control(reply), url
        assert "private" not in cache_control(reply), url


@pytest.mark.django_db
def test_a_published_page_seen_by_signed_in_staff_is_private(client, published, office_publisher):
    # Their copy carries their name in the header and a sign-out form with a CSRF token.
    client.force_login(office_publisher)
    reply = client.get(published.get_absolute_url())
    assert reply.status_code == 200
    assert {"private", "no-store"} <= cache_control(reply)


@pytest.mark.django_db
def test_a_draft_is_a_404_at_its_public_address_for_anyone_else(client, draft, outsider):
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404


# Permissions-Policy, Referrer-Policy, framing -------------------------------------------------


@pytest.mark.django_db
def test_every_page_denies_powerful_browser_features(client, published, office_publisher):
    urls = ["/", published.get_absolute_url(), "/staff/sign-in/", "/static/js/govuk-frontend-init.js"]
    for url in urls:
        reply = client.get(url)
        policy = dict(part.strip().split("=", 1) for part in reply.headers["Permissions-Policy"].split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
            assert policy[feature] == "()", (url, feature)


@pytest.mark.django_db
def test_referrer_policy_and_framing(client, published):
    reply = client.get(published.get_absolute_url())
    assert reply.headers["Referrer-Policy"] == "same-origin"
    assert reply.headers["X-Frame-Options"] == "DENY"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


# HTTPS: HSTS and the redirect -----------------------------------------------------------------


def test_https_settings_are_on_by_default_in_production_behind_an_https_proxy():
    result = _run([sys.executable, "-c", PRINT_HTTPS], **PRODUCTION, BEHIND_HTTPS_PROXY="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "31536000", "True", "True"]


def test_https_settings_are_off_without_https():
    # Without a proxy header or HTTPS=true Django cannot tell HTTPS from HTTP: a redirect would loop.
    result = _run([sys.executable, "-c", PRINT_HTTPS], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "0", "False", "False"]


def test_https_settings_are_off_in_local_development():
    result = _run([sys.executable, "-c", PRINT_HTTPS], DEBUG="true", BEHIND_HTTPS_PROXY="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "0", "False", "False"]


def test_each_https_setting_can_be_chosen():
    env = {**PRODUCTION, "HTTPS": "true", "SECURE_HSTS_SECONDS": "600", "SECURE_HSTS_PRELOAD": "false"}
    result = _run([sys.executable, "-c", PRINT_HTTPS], **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "600", "True", "False"]


def test_a_misspelt_https_setting_stops_the_app():
    result = _run([sys.executable, "-c", PRINT_HTTPS], **PRODUCTION, HTTPS="yes please")
    assert result.returncode != 0
    assert "HTTPS must be true or false" in result.stderr


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
def test_with_https_on_plain_http_is_redirected_and_https_answers_with_hsts(client):
    reply = client.get("/reports/")
    assert reply.status_code == 301
    assert reply.headers["Location"] == "https://testserver/reports/"
    secure = client.get("/reports/", secure=True)
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_without_https_there_is_no_redirect_and_no_hsts(client):
    reply = client.get("/reports/")
    assert reply.status_code == 200
    assert "Strict-Transport-Security" not in reply.headers


# check --deploy -------------------------------------------------------------------------------


def test_check_deploy_passes_with_production_settings():
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        BEHIND_HTTPS_PROXY="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_off():
    # The check above can fail: without HTTPS, no HSTS and no redirect are warnings.
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


# gunicorn -------------------------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as error:
            return error
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_with_our_config_names_no_server(tmp_path):
    """The README's deploy command, on a free local port. The test settings (DEBUG off) spare it a
    collectstatic; the sign-in page needs no database tables."""
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=REPO,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "tracker.settings_test",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        reply = _get(f"http://127.0.0.1:{port}/staff/sign-in/")
        headers = reply.headers
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert reply.status == 200, stderr.decode()[-2000:]
    assert "Server" not in headers
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "Permissions-Policy" in headers
