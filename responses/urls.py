from django.urls import path

from responses import views

app_name = "responses"

urlpatterns = [
    path(
        "reports/<slug:report_slug>/responses/<slug:body_slug>/",
        views.response_detail,
        name="response",
    ),
    path(
        "reports/<slug:report_slug>/responses/<slug:body_slug>.pdf",
        views.response_pdf,
        name="response_pdf",
    ),
]
