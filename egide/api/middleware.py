"""The API never answers HTML: the site's guards (sign-in, second factor, session expiry) redirect
to the login page and Django's own error pages are HTML; under /api/ both become JSON."""

from http import HTTPStatus
from urllib.parse import urlparse

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from .errors import error_body, unauthenticated_detail

API_PREFIX = "/api/"


def is_sign_in_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307):
        return False
    target = urlparse(response.get("Location", "")).path
    return target in {resolve_url(settings.LOGIN_URL), reverse("accounts:verify")}


def is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class JsonOnlyApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX):
            return response
        if is_sign_in_redirect(response):
            return JsonResponse(error_body(unauthenticated_detail()), status=401)
        if response.status_code >= 400 and not is_json(response):
            phrase = HTTPStatus(response.status_code).phrase
            answer = JsonResponse(error_body(phrase), status=response.status_code)
            if response.has_header("Allow"):  # a 405 names the methods that are allowed
                answer["Allow"] = response["Allow"]
            return answer
        return response
