from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .site import api


def api_urls():
    """The API decides authentication itself (a session or a service token) and answers 401 in
    JSON: the site's login redirect must not run first."""
    patterns, ninja_app, ninja_namespace = api.urls
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns, ninja_app, ninja_namespace


urlpatterns = [path("v1/", api_urls())]
