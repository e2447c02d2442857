"""URL routes of the import pages."""

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<str:token>/confirm/", views.confirm, name="confirm"),
    path("jobs/<uuid:pk>/", views.job, name="job"),
    path("jobs/<uuid:pk>/progress/", views.job_progress, name="job_progress"),
]
