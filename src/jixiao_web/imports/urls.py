"""URL routes of the imports pages (filled by the views as they land)."""

from django.urls import path  # noqa: F401

app_name = "imports"
urlpatterns: list = []
