"""Strict readers for configuration held in environment variables.

Settings come only from the environment (no settings file per machine). A typo such as
DEBUG=ture must stop the app at start-up rather than silently mean False, so these helpers
raise ImproperlyConfigured on anything they do not understand.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"true", "1", "yes", "on"}
FALSE_WORDS = {"false", "0", "no", "off"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name, default=()):
    """A comma-separated list; blank items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name, *, debug, debug_default, alternative="", why=""):
    """A setting production must choose on purpose; only local development (DEBUG) gets a default.

    For settings whose silent default would be wrong in production without anything failing
    (mail only printed to a log, links to 127.0.0.1 in the copy sent to HMICFRS).
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if debug:
        return debug_default
    reason = f": {why}" if why else "."
    raise ImproperlyConfigured(f"Set {name}{alternative} (or DEBUG=true for local development){reason}")
