"""Configuration comes from the environment, read strictly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.env import env_bool, env_int, env_list

REPO = Path(__file__).resolve().parent.parent


# What production must set; the test run's own values (tracker/settings_test.py) must not leak in.
CONTROLLED = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "EMAIL_BACKEND", "EMAIL_HOST", "SITE_URL"}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-value",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://tracker.example.org",
}
PRINT_SETTINGS = "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.SITE_URL)"


def _start_django(code="import django; django.setup()", **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
    )


def _production_without(name, **env):
    return {**{k: v for k, v in PRODUCTION.items() if k != name}, **env}


def test_production_refuses_to_start_without_a_secret_key():
    result = _start_django(**_production_without("SECRET_KEY"))
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key():
    assert _start_django(**PRODUCTION).returncode == 0


def test_production_refuses_to_start_without_a_mail_backend():
    # Acceptance 6 (issue 7): the console backend would let a statutory copy be "recorded" unsent.
    result = _start_django(**_production_without("EMAIL_HOST"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set EMAIL_BACKEND or EMAIL_HOST" in result.stderr


def test_production_refuses_to_start_without_the_site_url():
    result = _start_django(**_production_without("SITE_URL"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SITE_URL" in result.stderr


def test_the_site_url_must_be_a_web_address():
    result = _start_django(**_production_without("SITE_URL", SITE_URL="tracker.example.org"))
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


def test_an_smtp_host_alone_means_the_smtp_backend():
    result = _start_django(PRINT_SETTINGS, **{**PRODUCTION, "SITE_URL": "https://tracker.example.org/"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "https://tracker.example.org",
    ]


def test_an_explicit_backend_needs_no_smtp_host():
    env = _production_without("EMAIL_HOST", EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    result = _start_django(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.core.mail.backends.filebased.EmailBackend"


def test_local_development_starts_with_the_defaults():
    result = _start_django(PRINT_SETTINGS, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.console.EmailBackend",
        "localhost",
        "http://127.0.0.1:8000",
    ]


def test_a_misspelt_boolean_stops_the_app(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False)])
def test_booleans_read_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", False) is expected


def test_lists_and_numbers(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "tracker.example.org, www.tracker.example.org,")
    assert env_list("ALLOWED_HOSTS") == ["tracker.example.org", "www.tracker.example.org"]
    monkeypatch.setenv("DB_CONN_MAX_AGE", "sixty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("DB_CONN_MAX_AGE", 60)
