"""The site's URLs: pages under a language prefix (none for English, /ug/, /zh-hans/), API and admin.

Both login forms (the site's and the admin's) are rate-limited per client; error pages are the site's own
(`rollcall.web.errors`), in the visitor's language.
"""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from rollcall.api.api import api
from rollcall.web import views
from rollcall.web.throttle import throttled

app_name = "web"

pages = ([
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    path("person/<str:public_id>", views.person, name="person"),
    path("sources", views.sources, name="sources"),
    path("source/<int:source_id>", views.source, name="source"),
    path("facilities", views.facilities, name="facilities"),
    path("facilities/map", views.facility_map, name="facility_map"),
    path("facility/<int:facility_id>", views.facility, name="facility"),
    path("review", views.review, name="review"),
    path("testimony", views.testimony, name="testimony"),
    path("moderation", views.moderation, name="moderation"),
    path("moderation/<int:testimony_id>/contact", views.testimony_contact, name="testimony_contact"),
    path("moderation/<int:testimony_id>/decide", views.testimony_decide, name="testimony_decide"),
    path("record/<int:record_id>/sealed", views.record_sealed, name="record_sealed"),
    path("login", throttled("login")(auth_views.LoginView.as_view(template_name="web/login.html")), name="login"),
    path("logout", auth_views.LogoutView.as_view(), name="logout"),
], "web")

urlpatterns = [
    path("api/", api.urls),
    path("admin/login/", throttled("login")(admin.site.login)),  # before the admin's own, which it shadows
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(path("", include(pages)), prefix_default_language=False),
]

handler403 = "rollcall.web.errors.forbidden"
handler404 = "rollcall.web.errors.not_found"
handler500 = "rollcall.web.errors.server_error"
