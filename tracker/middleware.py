"""Response headers of our own: the browser features the site denies, and which pages no cache may keep.

The Content-Security-Policy comes from django-csp and HSTS, Referrer-Policy and the HTTPS redirect
from Django's SecurityMiddleware (settings, "Security headers"); these two are small enough to keep
here rather than add a dependency each.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control

# Browser features no page of the tracker uses. Denied outright, so that injected or third-party
# code could not use them either. Only features Chromium recognises: it logs an error for each
# unknown one (so no interest-cohort: FLoC is gone, and browsing-topics is its successor).
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every staff page, and on every page a signed-in user sees.

    Staff pages (under /staff/, including the sign-in page, and /admin/) carry unpublished
    statutory text, names and CSRF tokens: no browser history, proxy or CDN may keep a copy. A
    draft is shown to its own body's staff at its public address (public.views.responses), so any
    page answered to a signed-in user is private too; the design says staff always see the live
    page. Anonymous readers of published pages are untouched: those pages are meant to be cached.

    Must come after AuthenticationMiddleware, and before anything whose responses it must mark.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes = None

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _staff_prefixes(self):
        if self._prefixes is None:
            # Reversed on first use: the URLconf is not loaded when middleware is built.
            self._prefixes = (reverse("staff:dashboard"), reverse("admin:index"), reverse("login"))
        return self._prefixes

    def _is_private(self, request):
        # request.path, as reverse() gives, includes any prefix the site is mounted under.
        if request.path.startswith(self._staff_prefixes()):
            return True
        user = getattr(request, "user", None)
        # Without a session cookie nobody is signed in: skip loading a session (and the
        # `Vary: Cookie` that touching it adds) on anonymous reads.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        return user is not None and has_session and user.is_authenticated
