from django.urls import path, re_path

from responses.views import actions, calendar, confirm, dashboard, editor, remarks, word

app_name = "staff"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("account/", dashboard.account, name="account"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/<int:year>/<int:month>/", calendar.calendar_page, name="calendar_month"),
    path("calendar/new-address/", calendar.new_feed_address, name="calendar_new_address"),
    re_path(rf"^calendar/feed/(?P<token>{calendar.TOKEN_PATTERN})\.ics$", calendar.feed, name="calendar_feed"),
    path("reports/<slug:report_slug>/start/<slug:body_slug>/", dashboard.start, name="start"),
    path("responses/<int:pk>/", actions.response_page, name="response"),
    path("responses/<int:pk>/edit/", editor.edit, name="edit"),
    path("responses/<int:pk>/preview/", editor.preview, name="preview"),
    path("responses/<int:pk>/preview/pdf/", editor.preview_pdf, name="preview_pdf"),
    path("responses/<int:pk>/compare/", editor.compare_revisions, name="compare"),
    path("responses/<int:pk>/word/", word.download, name="word_download"),
    path("responses/<int:pk>/word/upload/", word.upload, name="word_upload"),
    path("responses/<int:pk>/word/accept/", word.accept, name="word_accept"),
    path("responses/<int:pk>/remarks/", remarks.add_remark, name="add_remark"),
    path("responses/<int:pk>/remarks/<int:remark_pk>/resolve/", remarks.resolve_remark, name="resolve_remark"),
    path("responses/<int:pk>/actions/<slug:action>/", actions.transition, name="transition"),
    path("responses/<int:pk>/actions/<slug:action>/confirm/", confirm.confirm_page, name="confirm"),
]
