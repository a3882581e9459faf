from django.urls import path

from responses.views import public

app_name = "responses"

RESPONSE = "reports/<slug:report_slug>/responses/<slug:body_slug>"

urlpatterns = [
    path(f"{RESPONSE}/", public.response_detail, name="response"),
    path(f"{RESPONSE}.pdf", public.response_pdf, name="response_pdf"),
    path(f"{RESPONSE}/versions/<int:number>/", public.version_detail, name="version"),
    path(f"{RESPONSE}/versions/<int:number>.pdf", public.version_pdf, name="version_pdf"),
]
