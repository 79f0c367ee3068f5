"""The ASGI entry point (`egide serve`, `make demo`): health probes and metrics first
(egide.operations.endpoints), device intake answered by its own lean app with group commit
(egide.monitoring.asgi_intake), every other path by Django, behind the request body limit
(egide.cases.uploads)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egide.settings")
django_application = get_asgi_application()

from egide.cases.uploads import RequestSizeLimit  # noqa: E402 (needs Django set up)
from egide.monitoring.asgi_intake import DeviceIntake  # noqa: E402 (needs Django set up)
from egide.operations.endpoints import OperationsEndpoints  # noqa: E402 (needs Django set up)

application = OperationsEndpoints(DeviceIntake(RequestSizeLimit(django_application)))
