from ninja import NinjaAPI

api = NinjaAPI(title="Égide API", version="1", urls_namespace="api")
