from django.urls import path

from responses.views import actions, dashboard, editor, remarks
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
    path("responses/<int:pk>/remarks/", remarks.add_remark, name="add_remark"),
    path("responses/<int:pk>/remarks/<int:remark_pk>/resolve/", remarks.resolve_remark, name="resolve_remark"),
    path("responses/<int:pk>/actions/<slug:action>/", actions.transition, name="transition"),
    path("import/", import_views.start, name="import"),
    path("import/<int:pk>/", import_views.job_page, name="import_job"),
]
