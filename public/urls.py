"""The public site's addresses. Stable: reports, responses and their versions are cited elsewhere."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from public import feeds
from public.sitemaps import SITEMAPS
from public.views import bodies, compare, crawlers, data, findings, pages, reports, responses, statistics
from public.views.search import search

app_name = "public"

RESPONSE = "reports/<slug:report_slug>/responses/<slug:body_slug>"

urlpatterns = [
    path("", reports.home, name="home"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<slug:report_slug>/", reports.report_detail, name="report"),
    path("reports/<slug:report_slug>/findings/<slug:finding_slug>/", findings.finding_detail, name="finding"),
    path("search/", search, name="search"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/<slug:body_slug>/", bodies.body_detail, name="body"),
    path(f"{RESPONSE}/", responses.response_detail, name="response"),
    path(f"{RESPONSE}.pdf", responses.response_pdf, name="response_pdf"),
    path(f"{RESPONSE}/versions/<int:number>/", responses.version_detail, name="version"),
    path(f"{RESPONSE}/versions/<int:number>.pdf", responses.version_pdf, name="version_pdf"),
    path(f"{RESPONSE}/versions/compare/", compare.compare_versions, name="compare_versions"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("about/", pages.about, name="about"),
    # Feeds, open data and files for crawlers (README, "Open data and feeds").
    path("feeds/responses.atom", feeds.LatestResponsesFeed(), name="responses_feed"),
    path("feeds/reports.atom", feeds.LatestReportsFeed(), name="reports_feed"),
    path("bodies/<slug:body_slug>/responses.atom", feeds.BodyResponsesFeed(), name="body_responses_feed"),
    path("reports/<slug:report_slug>/responses.atom", feeds.ReportResponsesFeed(), name="report_responses_feed"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics/by-body.csv", statistics.by_body_csv, name="statistics_by_body_csv"),
    path("statistics/by-year.csv", statistics.by_year_csv, name="statistics_by_year_csv"),
    path("statistics/by-type.csv", statistics.by_type_csv, name="statistics_by_type_csv"),
    path("data/", data.data, name="data"),
    path("api/", include("public.api.urls")),
    path("data/reports.csv", data.reports_csv, name="reports_csv"),
    path("data/findings.csv", data.findings_csv, name="findings_csv"),
    path("data/responses.csv", data.responses_csv, name="responses_csv"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", crawlers.robots_txt, name="robots"),
]
