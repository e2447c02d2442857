"""URL routes of the filings pages."""

from django.urls import path

from . import dashboard, editor, exporting, views

app_name = "filings"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("overview/", dashboard.dashboard, name="dashboard"),
    path("export.<str:fmt>", exporting.export_list, name="export_list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", editor.edit, name="edit"),
    path("<int:pk>/edit/grid/", editor.edit_grid, name="edit_grid"),
    path("<int:pk>/edit/review/", editor.edit_review, name="edit_review"),
    path("<int:pk>/workflow/<str:step>/", views.workflow, name="workflow"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/export.<str:fmt>", exporting.export_project, name="export"),
]
