from ninja import NinjaAPI

api = NinjaAPI(title="Égide API", version="1", urls_namespace="api")
api.add_router("/cases", "egide.cases.api.router")
api.add_router("/assessments", "egide.assessment.api.router")
api.add_router("/support", "egide.support.api.router")
api.add_router("/directory", "egide.directory.api.router")
api.add_router("/justice", "egide.justice.api.router")
api.add_router("/devices", "egide.devices.api.router")
