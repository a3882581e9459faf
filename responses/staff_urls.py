from django.urls import path

from responses.views import actions, confirm, dashboard, editor
from tracker import import_views

app_name = "staff"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("account/", dashboard.account, name="account"),
    path("reports/<slug:report_slug>/start/<slug:body_slug>/", dashboard.start, name="start"),
    path("responses/<int:pk>/", actions.response_page, name="response"),
    path("responses/<int:pk>/edit/", editor.edit, name="edit"),
    path("responses/<int:pk>/preview/", editor.preview, name="preview"),
    path("responses/<int:pk>/preview/pdf/", editor.preview_pdf, name="preview_pdf"),
    path("responses/<int:pk>/compare/", editor.compare_revisions, name="compare"),
    path("responses/<int:pk>/remarks/", actions.add_remark, name="add_remark"),
    path("responses/<int:pk>/actions/<slug:action>/", actions.transition, name="transition"),
    path("responses/<int:pk>/actions/<slug:action>/confirm/", confirm.confirm_page, name="confirm"),
    path("import/", import_views.start, name="import"),
    path("import/<int:pk>/", import_views.job_page, name="import_job"),
]
