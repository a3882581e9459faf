"""The site's root URLconf: public pages, then the admin."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("public.urls")),
    path("staff/", include("responses.staff_urls")),
    path("staff/import/", include("imports.urls")),
    # LoginView puts the host name in `site_name`; the header shows the service's name instead.
    path("staff/sign-in/", auth_views.LoginView.as_view(extra_context={"site_name": settings.SITE_NAME}), name="login"),
    path("staff/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A request Django refuses to read (too large, too many fields) gets a page saying what happened.
handler400 = "tracker.limits.bad_request"
