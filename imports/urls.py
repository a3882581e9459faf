"""Staff pages for importing a report or a published response (under /staff/import/)."""

from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/passages/", views.move_passages, name="passages"),
]
