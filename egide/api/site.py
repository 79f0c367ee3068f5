"""The JSON API (django-ninja): one router per domain, with exactly the permissions of the UI.

Callers authenticate with a verified web session or a service account's token (auth.py); every
refusal is JSON in one documented shape (errors.py)."""

from ninja import NinjaAPI

from . import errors
from .auth import API_AUTH

api = NinjaAPI(title="Égide API", version="1", urls_namespace="api", auth=API_AUTH)
errors.install(api)
api.add_router("/cases", "egide.cases.api.router")
api.add_router("/assessments", "egide.assessment.api.router")
api.add_router("/support", "egide.support.api.router")
api.add_router("/directory", "egide.directory.api.router")
api.add_router("/justice", "egide.justice.api.router")
api.add_router("/devices", "egide.devices.api.router")
api.add_router("/eviction", "egide.eviction.api.router")
api.add_router("/perpetrators", "egide.perpetrators.api.router")
api.add_router("/criminal", "egide.criminal.api.router")
api.add_router("/service-accounts", "egide.api.api.router")
errors.document(api)
