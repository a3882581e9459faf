"""The public site's addresses. Stable: reports, responses and their versions are cited elsewhere."""

from django.urls import path

from public.views import reports, responses

app_name = "public"

RESPONSE = "reports/<slug:report_slug>/responses/<slug:body_slug>"

urlpatterns = [
    path("", reports.home, name="home"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<slug:report_slug>/", reports.report_detail, name="report"),
    path(f"{RESPONSE}/", responses.response_detail, name="response"),
    path(f"{RESPONSE}.pdf", responses.response_pdf, name="response_pdf"),
    path(f"{RESPONSE}/versions/<int:number>/", responses.version_detail, name="version"),
    path(f"{RESPONSE}/versions/<int:number>.pdf", responses.version_pdf, name="version_pdf"),
]
