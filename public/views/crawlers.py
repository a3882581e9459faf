"""robots.txt: everything public may be crawled; the staff area and the admin are not for robots."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "",
        # The protocol asks for an absolute address; SITE_URL is the public one, whatever host asked.
        f"Sitemap: {settings.SITE_URL}{reverse('public:sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
