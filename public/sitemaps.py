"""sitemap.xml: the public pages search engines should know, published responses among them, drafts never.

Served as a sitemap index (/sitemap.xml) pointing to one sitemap per section, so each section can
grow past the protocol's 50,000 addresses a file (Django pages it) without changing the address
robots.txt gives.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from responses.models import Response
from tracker.models import InspectionReport, LocalPolicingBody


class StaticPagesSitemap(Sitemap):
    def items(self):
        return [
            "public:home",
            "public:report_list",
            "public:body_list",
            "public:about",
            "public:accessibility",
            "public:data",
        ]

    def location(self, item):
        return reverse(item)


class ReportSitemap(Sitemap):
    def items(self):
        return InspectionReport.objects.only("slug").order_by("published_on", "pk")


class BodySitemap(Sitemap):
    """Every body, current and former: a former body's page keeps its record of responses."""

    def items(self):
        return LocalPolicingBody.objects.only("slug").order_by("name", "pk")

    def location(self, item):
        return reverse("public:body", kwargs={"body_slug": item.slug})


class ResponseSitemap(Sitemap):
    def items(self):
        return (
            Response.objects.published()
            .select_related("report", "body", "current_version")
            .only("report__slug", "body__slug", "current_version__published_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, item):
        return item.current_version.published_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "reports": ReportSitemap,
    "bodies": BodySitemap,
    "responses": ResponseSitemap,
}
