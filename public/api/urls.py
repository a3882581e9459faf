"""The JSON API's addresses under /api/: the human page, then version 1 and its OpenAPI document."""

from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView

from public.api import views

app_name = "api"

V1 = "v1/"


class SchemaView(views.PublicReadOnly, SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer]
    pagination_class = None


urlpatterns = [
    path("", views.api_page, name="index"),
    path(f"{V1}bodies/", views.BodyList.as_view(), name="bodies"),
    path(f"{V1}reports/", views.ReportList.as_view(), name="reports"),
    path(f"{V1}reports/<slug:report_slug>/", views.ReportDetail.as_view(), name="report"),
    path(f"{V1}findings/", views.FindingList.as_view(), name="findings"),
    path(f"{V1}responses/", views.ResponseList.as_view(), name="responses"),
    path(f"{V1}responses/<slug:report_slug>/<slug:body_slug>/", views.ResponseDetail.as_view(), name="response"),
    path(f"{V1}schema/", SchemaView.as_view(), name="schema"),
]
