"""Signing in: failures are throttled, and demo accounts are refused unless DEBUG is on (issue 8).

The staff sign-in page and the Django admin authenticate through the same backends, so each rule
is shown on both. Addresses come from the documentation ranges (192.0.2.0/24, 203.0.113.0/24).
"""

import re
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from imports.management.commands.seed_demo import _create_demo_users
from tests.factories import UserFactory
from tests.test_settings import PRODUCTION, _start_django
from tracker.auth import DEMO_PASSWORD, DEMO_USERNAMES
from tracker.models import InspectionReport

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
WRONG = "not the password"
SIGN_IN = "/staff/sign-in/"
ADMIN_SIGN_IN = "/admin/login/"
LOCKED_OUT = "You have tried to sign in too many times. Wait 15 minutes, then try again."
WRONG_PASSWORD = "Enter a correct username and password"
ALICE_ADDRESS = "192.0.2.10"
BOB_ADDRESS = "192.0.2.20"


@pytest.fixture(autouse=True)
def throttling(settings):
    """The documented defaults, whatever the environment running the tests says."""
    settings.SIGN_IN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 5
    settings.SIGN_IN_LOCKOUT_MINUTES = 15
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


def sign_in(client, username, password, address=ALICE_ADDRESS, url=SIGN_IN, **headers):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, username, times=5, address=ALICE_ADDRESS, url=SIGN_IN):
    for _ in range(times):
        reply = sign_in(client, username, WRONG, address, url)
    return reply


def signed_in(client):
    return "_auth_user_id" in client.session


def assert_locked_out(reply, client):
    assert reply.status_code == 429
    assert LOCKED_OUT in reply.content.decode()
    assert not signed_in(client)


def page_without(reply, username):
    """The page, less what legitimately differs between two requests: the typed username and the
    CSRF token (masked afresh each time)."""
    html = reply.content.decode().replace(f'value="{username}"', 'value=""')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# Throttling ---------------------------------------------------------------------------------


def test_four_wrong_passwords_get_the_usual_message(client, alice):
    reply = fail(client, "alice", times=4)
    assert reply.status_code == 200
    html = reply.content.decode()
    assert WRONG_PASSWORD in html
    assert "too many times" not in html


def test_the_fifth_wrong_password_locks_the_account(client, alice):
    reply = fail(client, "alice")
    assert_locked_out(reply, client)
    assert "<title>Error: Sign in" in reply.content.decode()


def test_the_right_password_is_refused_once_locked(client, alice):
    fail(client, "alice")
    assert_locked_out(sign_in(client, "alice", PASSWORD), client)


def test_the_lockout_page_keeps_the_username_typed_and_the_form(client, alice):
    reply = fail(client, "alice")
    assert_locked_out(reply, client)
    html = reply.content.decode()
    assert 'name="username" type="text" autocomplete="username" spellcheck="false" value="alice"' in html
    assert 'name="password"' in html


def test_an_unknown_username_gets_the_same_lockout_page(client, alice):
    known = fail(client, "alice", address=ALICE_ADDRESS)
    unknown = fail(client, "nobody-by-this-name", address=BOB_ADDRESS)
    assert_locked_out(unknown, client)
    assert page_without(unknown, "nobody-by-this-name") == page_without(known, "alice")


def test_another_user_from_another_address_is_not_locked(client, alice, bob):
    fail(client, "alice", address=ALICE_ADDRESS)
    reply = sign_in(client, "bob", PASSWORD, address=BOB_ADDRESS)
    assert reply.status_code == 302
    assert signed_in(client)


def test_a_locked_address_is_locked_for_every_username(client, bob):
    for n in range(5):
        sign_in(client, f"guess-{n}", WRONG, address=ALICE_ADDRESS)
    assert_locked_out(sign_in(client, "bob", PASSWORD, address=ALICE_ADDRESS), client)
    assert sign_in(client, "bob", PASSWORD, address=BOB_ADDRESS).status_code == 302


def test_a_locked_username_is_locked_from_every_address(client, alice):
    for n in range(5):
        sign_in(client, "alice", WRONG, address=f"198.51.100.{n + 1}")
    assert_locked_out(sign_in(client, "alice", PASSWORD, address=BOB_ADDRESS), client)


def test_the_lock_lifts_after_the_lockout_time(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, "alice")
        clock.shift(15 * 60 - 1)
        # An attempt while locked is refused, and starts the wait again.
        assert_locked_out(sign_in(client, "alice", PASSWORD), client)
        clock.shift(15 * 60 + 1)
        reply = sign_in(client, "alice", PASSWORD)
    assert reply.status_code == 302
    assert signed_in(client)


def test_the_lockout_time_and_limit_are_settings(client, alice, settings):
    settings.SIGN_IN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 2
    settings.SIGN_IN_LOCKOUT_MINUTES = 1
    reply = fail(client, "alice", times=2)
    assert reply.status_code == 429
    assert "Wait 1 minute, then try again." in reply.content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=61)):
        assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_axes_reset_lifts_every_lock(client, alice):
    fail(client, "alice")
    assert_locked_out(sign_in(client, "alice", PASSWORD), client)
    call_command("axes_reset", stdout=StringIO())
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_a_site_admin_unlocks_an_account_in_the_admin(client, alice):
    fail(client, "alice")
    admin = UserFactory(username="site-admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "alice" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="alice")
    reply = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert reply.status_code == 302
    client.logout()
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, alice):
    alice.is_staff = True
    alice.save()
    assert_locked_out(fail(client, "alice", url=ADMIN_SIGN_IN), client)
    assert_locked_out(sign_in(client, "alice", PASSWORD, url=ADMIN_SIGN_IN), client)


def test_failures_on_either_page_count_together(client, alice):
    fail(client, "alice", times=3, url=ADMIN_SIGN_IN)
    assert_locked_out(fail(client, "alice", times=2), client)


def test_the_password_typed_is_never_stored(client, alice):
    fail(client, "alice", times=1)
    attempt = AccessAttempt.objects.get(username="alice")
    assert WRONG not in attempt.post_data


def test_without_a_proxy_a_forged_forwarded_address_does_not_escape_the_lock(client, alice):
    for n in range(5):
        sign_in(client, f"guess-{n}", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")
    reply = sign_in(client, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert_locked_out(reply, client)


def test_behind_a_proxy_failures_count_against_the_address_the_proxy_saw(client, alice, bob, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(5):
        # The client prepends its own made-up entry; the proxy appends the address it saw.
        sign_in(client, f"guess-{n}", WRONG, address=proxy, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert_locked_out(sign_in(client, "bob", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7"), client)
    # Everyone else comes through the same proxy, and is not locked out with that client.
    assert sign_in(client, "alice", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


def test_the_lockout_page_is_the_last_middlewares_work():
    # django-axes swaps in the lockout page; middleware after it would never see that page.
    from django.conf import settings

    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


READ_THROTTLING = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.AXES_FAILURE_LIMIT, s.SIGN_IN_LOCKOUT_MINUTES, s.TRUSTED_PROXY_COUNT)"
)


def test_throttling_defaults_to_five_failures_and_fifteen_minutes():
    assert _start_django(READ_THROTTLING, **PRODUCTION).stdout.split() == ["5", "15", "0"]
    behind_proxy = _start_django(READ_THROTTLING, **PRODUCTION, BEHIND_HTTPS_PROXY="true")
    assert behind_proxy.stdout.split() == ["5", "15", "1"]
    chosen = _start_django(READ_THROTTLING, **PRODUCTION, SIGN_IN_FAILURE_LIMIT="10", SIGN_IN_LOCKOUT_MINUTES="60")
    assert chosen.stdout.split() == ["10", "60", "0"]


def test_a_limit_of_zero_stops_the_app_at_start_up():
    result = _start_django(**PRODUCTION, SIGN_IN_FAILURE_LIMIT="0")
    assert result.returncode != 0
    assert "SIGN_IN_FAILURE_LIMIT and SIGN_IN_LOCKOUT_MINUTES must be 1 or more" in result.stderr


# Demo accounts --------------------------------------------------------------------------------


@pytest.fixture
def demo_accounts(settings, reference_bodies):
    """What `seed_demo --with-demo-users` creates, on a developer's machine (DEBUG on); the test
    then serves that database with DEBUG off."""
    settings.DEBUG = True
    _create_demo_users(StringIO())
    settings.DEBUG = False
    return get_user_model().objects.filter(username__in=DEMO_USERNAMES)


@pytest.fixture
def reference_bodies(db):
    from tracker.models import LocalPolicingBody

    assert LocalPolicingBody.objects.filter(slug__in=["staffordshire-pfcc", "north-wales-pcc"]).count() == 2


@pytest.mark.parametrize("username", sorted(DEMO_USERNAMES))
def test_a_demo_account_cannot_sign_in_when_debug_is_off(client, demo_accounts, username):
    reply = sign_in(client, username, DEMO_PASSWORD)
    assert reply.status_code == 200
    assert WRONG_PASSWORD in reply.content.decode()
    assert not signed_in(client)


def test_the_demo_admin_cannot_sign_in_to_the_admin_when_debug_is_off(client, demo_accounts):
    reply = sign_in(client, "admin", DEMO_PASSWORD, url=ADMIN_SIGN_IN)
    assert reply.status_code == 200
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("username", sorted(DEMO_USERNAMES))
def test_a_demo_account_signs_in_when_debug_is_on(client, demo_accounts, settings, username):
    settings.DEBUG = True
    assert sign_in(client, username, DEMO_PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_demo_admin_signs_in_to_the_admin_when_debug_is_on(client, demo_accounts, settings):
    settings.DEBUG = True
    assert sign_in(client, "admin", DEMO_PASSWORD, url=ADMIN_SIGN_IN).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_refusal_reads_exactly_like_a_wrong_password(client, demo_accounts, alice):
    demo = sign_in(client, "drafter", DEMO_PASSWORD, address=ALICE_ADDRESS)
    wrong = sign_in(client, "alice", WRONG, address=BOB_ADDRESS)
    assert page_without(demo, "drafter") == page_without(wrong, "alice")


def test_a_renamed_demo_account_is_still_refused(client, demo_accounts):
    demo_accounts.filter(username="admin").update(username="it-team")
    assert sign_in(client, "it-team", DEMO_PASSWORD, url=ADMIN_SIGN_IN).status_code == 200
    assert not signed_in(client)


def test_any_account_with_the_demo_password_is_refused(client, alice):
    alice.set_password(DEMO_PASSWORD)
    alice.save()
    assert sign_in(client, "alice", DEMO_PASSWORD).status_code == 200
    assert not signed_in(client)


def test_a_demo_username_is_refused_whatever_its_password(client, demo_accounts):
    drafter = demo_accounts.get(username="drafter")
    drafter.set_password(PASSWORD)
    drafter.save()
    assert sign_in(client, "drafter", PASSWORD).status_code == 200
    assert not signed_in(client)


def test_refused_demo_sign_ins_count_towards_the_lock(client, demo_accounts):
    for _ in range(5):
        reply = sign_in(client, "admin", DEMO_PASSWORD)
    assert_locked_out(reply, client)


def test_seed_demo_makes_only_accounts_the_sign_in_check_knows(settings, reference_bodies):
    settings.DEBUG = True
    _create_demo_users(StringIO())
    assert set(get_user_model().objects.values_list("username", flat=True)) == DEMO_USERNAMES


def test_seed_demo_with_demo_users_refuses_to_run_with_debug_off(settings, reference_bodies):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created when DEBUG is on"):
        call_command("seed_demo", "--with-demo-users", stdout=StringIO())
    assert not get_user_model().objects.exists()
    assert not InspectionReport.objects.exists()  # refused before loading anything


def test_the_sign_in_page_names_the_service_not_the_host(client, settings):
    html = client.get("/staff/sign-in/?next=/staff/").content.decode()
    assert f">{settings.SITE_NAME}</a>" in html
    assert ">testserver</a>" not in html
