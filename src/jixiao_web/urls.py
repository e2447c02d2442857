"""Root URL configuration: admin, API, login/logout, filings and imports."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao_web.accounts.forms import LoginForm
from jixiao_web.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("imports/", include("jixiao_web.imports.urls")),
    path("", include("jixiao_web.filings.urls")),
]
