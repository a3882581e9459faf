"""Settings for the test suite: the real settings, with a throwaway key, local mail and fast hashing.

pytest-django imports settings before any conftest runs, so the key cannot be set there.
"""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-for-tests-only")
# The suite runs with DEBUG off, as production does, so these must be chosen too (see settings).
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("SITE_URL", "http://testserver")

from tracker.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Published PDFs go to a throwaway folder, not the developer's media/.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="tracker-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATUTORY_COPY_RECIPIENTS = ["reports@hmicfrs.example", "policing@homeoffice.example"]
