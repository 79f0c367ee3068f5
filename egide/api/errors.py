"""How the API refuses: always JSON, always one shape (`ApiError`), always a documented status.

- 401 `{"detail": …}`: no verified session and no valid service token;
- 403: the member may not do this (`PermissionDenied`, or a view's own refusal);
- 404: nothing the member may see has this id;
- 422: the request breaks a rule; `errors` maps each field (dotted for nested sections, `__all__`
  for the request as a whole) to its messages: malformed input, a form's errors, a legal rule's
  refusal (`ValidationError`, e.g. a date before any version of a dated rule is in force);
- 400: a query the domain cannot answer (e.g. an estimate outside a parameter's range).
Nothing is changed when the API answers 4xx.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as RuleRefusal
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError

# The statuses every operation documents besides its own success codes.
ERROR_STATUSES = (400, 401, 403, 404, 422)
WHOLE_REQUEST = "__all__"
# Where ninja says an input came from: not part of the field's name for the client.
INPUT_SOURCES = {"body", "query", "path", "form", "header", "cookie", "file"}


class ApiError(Schema):
    """Every 4xx body: a sentence for people, and the messages of each field at fault."""

    detail: str
    errors: dict[str, list[str]] = {}


def unauthenticated_detail() -> str:
    return _("Authentification requise : une session vérifiée ou un jeton de compte de service.")


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    return {"detail": str(detail), "errors": errors or {}}


def input_field(location) -> str:
    """ninja's location ("body", "payload", "victim", 0) → the client's field ("victim.0")."""
    parts = [str(part) for part in location]
    if parts and parts[0] in INPUT_SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or WHOLE_REQUEST


def input_errors(error: InputError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in error.errors:
        errors.setdefault(input_field(problem.get("loc", ())), []).append(str(problem["msg"]))
    return errors


def rule_errors(refusal: RuleRefusal) -> dict[str, list[str]]:
    if hasattr(refusal, "error_dict"):
        return {
            field: [str(m) for m in messages] for field, messages in refusal.message_dict.items()
        }
    return {WHOLE_REQUEST: [str(message) for message in refusal.messages]}


def install(api) -> None:
    """Replaces ninja's handlers (which answer `{"detail": [...]}`, or HTML for Django's own
    exceptions) with the shape above."""

    def respond(request, status: int, detail: str, errors=None):
        return api.create_response(request, error_body(detail, errors), status=status)

    def refused_input(request, error: InputError):
        return respond(request, 422, _("La requête est invalide."), input_errors(error))

    def refused_by_rule(request, refusal: RuleRefusal):
        errors = rule_errors(refusal)
        return respond(request, 422, " ".join(sum(errors.values(), [])), errors)

    def denied(request, _exc):
        return respond(request, 403, _("Accès refusé."))

    def unauthenticated(request, _exc):
        return respond(request, 401, unauthenticated_detail())

    def not_found(request, _exc):
        return respond(request, 404, _("Introuvable."))

    def http_error(request, error: HttpError):
        return respond(request, error.status_code, error.message)

    api.add_exception_handler(InputError, refused_input)
    api.add_exception_handler(RuleRefusal, refused_by_rule)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)


def document(api) -> None:
    """Every operation documents the error statuses, with `ApiError` as their body."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for status in ERROR_STATUSES:
                    operation.response_models.setdefault(
                        status, operation._create_response_model(ApiError)
                    )
