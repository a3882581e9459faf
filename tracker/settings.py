"""Settings for the tracker, read from environment variables only (see README, "Configuration")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tracker.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # Refuse to run a production server with a guessable key.
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = env_str("SITE_NAME", "Inspection response tracker")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Only for its sitemap.xml templates (public/sitemaps.py).
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_forms_gds",
    "tracker",
    "responses",
    "imports",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.root_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

# SQLite is the embedded default; production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Sessions and caches live in the database so that several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tracker_cache",
    }
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email. A StatutoryCopy row is the evidence that s.55(6) was met, so production must say how mail
# goes: EMAIL_BACKEND, or EMAIL_HOST alone for SMTP. Only local development prints to the console.
EMAIL_HOST = env_str("EMAIL_HOST").strip()
if EMAIL_HOST and not env_str("EMAIL_BACKEND").strip():
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = env_required(
        "EMAIL_BACKEND",
        debug=DEBUG,
        debug_default="django.core.mail.backends.console.EmailBackend",
        alternative=" or EMAIL_HOST",
        why="the statutory copy (s.55(6)) and staff emails must really be sent, not printed to a log.",
    )
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tracker@localhost")
# Absolute links in emails and the statutory copy (there is no request to build them from).
SITE_URL = env_required(
    "SITE_URL",
    debug=DEBUG,
    debug_default="http://127.0.0.1:8000",
    why="the public address (https://…) that links in emails and the statutory copy (s.55(6)) point to.",
).rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL must start with https:// (or http://), not {SITE_URL!r}.")
# Section 55(6): where the statutory copy of each published response is sent.
STATUTORY_COPY_RECIPIENTS = env_list("STATUTORY_COPY_RECIPIENTS")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools log every font subset at INFO: noise in the server log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Imports: the largest file accepted, and the size above which a browser import is parsed in the
# background (the page shows progress instead of holding a worker until the parse ends).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 50) * 1024 * 1024
IMPORT_BACKGROUND_BYTES = env_int("IMPORT_BACKGROUND_KB", 2048) * 1024

# Each block below belongs to one concern; add a setting to its block, and say why in a comment.

# --- Sign-in throttling and demo accounts ---
# django-axes counts failed sign-ins (staff page and admin alike) in the database, so every app
# server sees one count. A username and an address are each locked once either reaches the limit:
# by username so that guesses spread over many addresses stop, by address so that one client cannot
# try every username. A failure while locked starts the wait again. Site admins unlock in the admin
# (Axes → Access attempts) or with `manage.py axes_reset`.
SIGN_IN_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
SIGN_IN_LOCKOUT_MINUTES = env_int("SIGN_IN_LOCKOUT_MINUTES", 15)
if SIGN_IN_FAILURE_LIMIT < 1 or SIGN_IN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("SIGN_IN_FAILURE_LIMIT and SIGN_IN_LOCKOUT_MINUTES must be 1 or more.")
# How many proxies in front append to X-Forwarded-For; failures are counted against the address the
# outermost one saw (tracker.auth.client_address). With none, the header is the client's to forge.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_HTTPS_PROXY", False) else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
INSTALLED_APPS += ["axes"]
# Last, as django-axes requires: it swaps in the locked-out page, which the middleware above it
# (security headers) must still see. A block below that adds middleware inserts it before this one.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# Axes first, to refuse a locked username or address before any password is checked; then
# Django's own check, which also refuses demo accounts unless DEBUG is on (tracker/auth.py).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "tracker.auth.NoDemoAccountsBackend"]
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = "tracker.auth.lockout_time"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "tracker.auth.client_address"
AXES_LOCKOUT_CALLABLE = "tracker.auth.lockout_response"

# --- Security headers (Content-Security-Policy, Permissions-Policy, HSTS, HTTPS redirect) ---
# Content-Security-Policy (django-csp): scripts, styles, images and everything else from this site
# only; no inline script or style (base.html loads static/js/), so injected markup cannot run. No
# framing, no plugins, forms post only here, and no <base> that could re-point relative links.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Referrer-Policy: nothing of a staff address (which names responses) goes to other sites.
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: whether browsers reach the site over HTTPS. On by default in production behind a
# TLS-terminating proxy (BEHIND_HTTPS_PROXY, which also makes Django trust X-Forwarded-Proto);
# set HTTPS=true where gunicorn itself terminates TLS. Without either, Django cannot tell an HTTPS
# request from an HTTP one, and the redirect below would loop.
HTTPS = env_bool("HTTPS", not DEBUG and SECURE_PROXY_SSL_HEADER is not None)
# Plain-HTTP requests are redirected to HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# HSTS: browsers use HTTPS only, for a year. Subdomains and preload are part of it by default (the
# preload list takes only a registrable domain with includeSubDomains and a year; for a site at a
# subdomain the preload directive does nothing); set either to false to leave it out.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("SECURE_HSTS_SECONDS must be 0 or more.")
# CSP and Permissions-Policy just inside SecurityMiddleware, so every response (static files and
# the locked-out page included) gets them; private pages' Cache-Control once the user is known.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "tracker.middleware.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "tracker.middleware.PrivatePagesMiddleware",
)

# --- Limits on input and work ---
# The limits on each text field are product rules, not deployment choices: tracker/limits.py. These
# three depend on the server, so they can be tuned here.
# The largest form body Django reads (Django's default, 2.5 MB, refused six full fields with its
# generic 400 page, losing what was typed). Large enough that an editor of many findings with every
# field at its limit reaches the form's own checks, which name the field and keep the text; above
# it the request is refused unread (templates/400.html says so: its text cannot be shown again).
# Uploaded files are not counted: IMPORT_MAX_MB limits those.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_MAX_MB", 16) * 1024 * 1024
# The most characters (all its text: the body's words, findings and comments) a response may have
# to be made into a PDF while someone waits: the PDF preview and the Publish and Force publish
# buttons refuse more, naming the limit, instead of running into the server's timeout. About 200
# pages; WeasyPrint takes 5 to 10 seconds for it on one core.
RESPONSE_PDF_MAX_CHARACTERS = env_int("RESPONSE_PDF_MAX_CHARACTERS", 500_000)
# The most rows a CSV of findings (and entries in a JSON import's findings or items) may have:
# more is refused before any is checked. No HMICFRS report comes near it.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
# The largest Word file of a draft staff may upload (responses/word.py): a draft's text is a few
# hundred kilobytes; pictures pasted into it account for the rest.
WORD_UPLOAD_MAX_BYTES = env_int("WORD_UPLOAD_MAX_MB", 10) * 1024 * 1024
if (
    DATA_UPLOAD_MAX_MEMORY_SIZE < 1
    or RESPONSE_PDF_MAX_CHARACTERS < 1
    or IMPORT_MAX_ROWS < 1
    or WORD_UPLOAD_MAX_BYTES < 1
):
    raise ImproperlyConfigured(
        "REQUEST_MAX_MB, RESPONSE_PDF_MAX_CHARACTERS, IMPORT_MAX_ROWS and WORD_UPLOAD_MAX_MB must be 1 or more."
    )

# --- Background tasks (imports) ---
# A large browser import is parsed by the import worker, `manage.py db_worker` (django-tasks, with
# django-tasks-db for its database backend: since django-tasks 0.12 that backend is its own package).
# The queue is a table in the one database, so a queued parse survives a restart of any process and
# any app server may queue what any worker runs. README, "The import worker".
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A parsing worker beats the job's heartbeat this often; a parse silent for IMPORT_STALLED_AFTER died
# with its worker: `manage.py recover_imports` (cron, every minute) and the job page queue it again
# once, then fail it (imports/tasks.py).
IMPORT_HEARTBEAT_SECONDS = 10
IMPORT_STALLED_AFTER_SECONDS = 60
# A queued parse that no worker has started after this long fails, saying the worker may be down.
IMPORT_WORKER_WAIT_SECONDS = env_int("IMPORT_WORKER_WAIT_MINUTES", 10) * 60
# Uploads are kept in storage (MEDIA_ROOT/imports/, or object storage) until their import is saved or
# fails; recover_imports deletes those of imports parsed but left unsaved for this many days.
IMPORT_KEEP_UNSAVED_DAYS = env_int("IMPORT_KEEP_UNSAVED_DAYS", 7)
# The most findings one import may have: more is refused up front, naming the limit. The preview posts
# up to 6 fields a finding (a response's: match, kind, reference, text, comment, merge) and about 20
# others, so Django's limit on form fields (1,000 by default: ~330 findings of a report, ~160 of a response) is derived from it.
IMPORT_MAX_FINDINGS = env_int("IMPORT_MAX_FINDINGS", 2000)
if IMPORT_MAX_FINDINGS < 1:
    raise ImproperlyConfigured("IMPORT_MAX_FINDINGS must be 1 or more.")
DATA_UPLOAD_MAX_NUMBER_FIELDS = max(1000, 6 * IMPORT_MAX_FINDINGS + 100)

# --- Public JSON API ---
# /api/v1/ (public/api/): Django REST framework, described by drf-spectacular's OpenAPI document.
# Read-only and anonymous: no authentication class (so no session is read and CSRF cannot arise),
# JSON only (the browsable API's inline scripts would break the Content-Security-Policy; /api/ is
# the human page), 100 items a page.
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Inspection reports, their findings, local policing bodies and published section 55 responses.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}

# --- Public page cache and serving files (README, "Caching and serving behind nginx or a CDN") ---
# Whole anonymous public pages are kept in each app server's memory and served without entering
# Django (public/page_cache.py), emptied within PAGE_CACHE_CHECK_SECONDS of anything being published
# on any server. Off in development by default, where templates change under a running server.
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)
PAGE_CACHE_CHECK_SECONDS = env_int("PAGE_CACHE_CHECK_SECONDS", 1)
PAGE_CACHE_MAX_MB = env_int("PAGE_CACHE_MAX_MB", 64)  # per app server process
PAGE_CACHE_MAX_PAGE_KB = env_int("PAGE_CACHE_MAX_PAGE_KB", 1024)  # larger answers are never kept
# How long a shared cache in front (nginx, a CDN) may serve a public page before asking again with
# its ETag (`s-maxage`); browsers always ask again (`max-age=0`) and are answered 304 if unchanged.
PUBLIC_SHARED_CACHE_SECONDS = env_int("PUBLIC_SHARED_CACHE_SECONDS", 5)
if PAGE_CACHE_CHECK_SECONDS < 0 or PAGE_CACHE_MAX_MB < 0 or PAGE_CACHE_MAX_PAGE_KB < 0:
    raise ImproperlyConfigured(
        "PAGE_CACHE_CHECK_SECONDS, PAGE_CACHE_MAX_MB and PAGE_CACHE_MAX_PAGE_KB must be 0 or more."
    )
if PUBLIC_SHARED_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PUBLIC_SHARED_CACHE_SECONDS must be 0 or more.")
# WSGI wrappers around Django, outermost last: applied by tracker/wsgi.py, as MIDDLEWARE is by Django.
WSGI_WRAPPERS = ["public.page_cache.PageCache"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "django.middleware.http.ConditionalGetMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("tracker.middleware.PrivatePagesMiddleware") + 1,
    "public.page_cache.PublicPageHeadersMiddleware",
)
# Behind nginx, published PDFs can be sent by nginx itself: set this to an `internal` location that
# maps onto MEDIA_ROOT (README), and the app answers with an `X-Accel-Redirect` to it instead of the
# file's bytes. Empty: the app sends the file (with sendfile where the server offers it).
PDF_ACCEL_REDIRECT_PREFIX = env_str("PDF_ACCEL_REDIRECT_PREFIX", "")
if PDF_ACCEL_REDIRECT_PREFIX and not (
    PDF_ACCEL_REDIRECT_PREFIX.startswith("/") and PDF_ACCEL_REDIRECT_PREFIX.endswith("/")
):
    raise ImproperlyConfigured("PDF_ACCEL_REDIRECT_PREFIX must start and end with '/', for example /protected-media/.")
