"""URL configuration. The apps' pages are wired in by name (strings), so the project
imports no app above it."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import LoginForm
from .health import healthz
from .picker_views import picker_levels
from .views import ping

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ping/", ping, name="ping"),
    path("councils/picker/", picker_levels, name="council-picker-levels"),
    path("", include("reports.urls")),
    path("", include("campaigns.scoring.urls")),
    path("", include("sessions.urls")),
    path("", include("voters.urls")),
    path("", include("oversight.urls")),
    path("", include("search.urls")),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# An outage of PostgreSQL or the cache answers 503 "temporarily unavailable", not 500.
handler500 = "councilwork.unavailable.server_error"
