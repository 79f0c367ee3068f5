"""Égide settings: one file, everything from the environment.

Defaults make a local demo on SQLite work with nothing set; production sets EGIDE_ENV=production
and must then provide a secret key, allowed hosts and field-encryption keys.
"""

import base64
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("EGIDE_ENV", "development") == "production"
DEMO = envbool("EGIDE_DEMO", False)
DEBUG = envbool("EGIDE_DEBUG", False)
if PRODUCTION and DEBUG:
    # Debug pages print settings and local variables, and debug mode lifts the log redaction.
    raise RuntimeError("EGIDE_DEBUG must not be set in production (EGIDE_ENV=production)")

SECRET_KEY = os.environ.get("EGIDE_SECRET_KEY", "" if PRODUCTION else "insecure-development-key")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError("EGIDE_SECRET_KEY must be set (50+ characters) in production")

ALLOWED_HOSTS = envlist("EGIDE_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("EGIDE_CSRF_TRUSTED_ORIGINS")

# Field encryption keys: "key-id:base64-32-bytes,..." — the first encrypts, all decrypt (rotation).
FIELD_ENCRYPTION_KEYS = os.environ.get("EGIDE_FIELD_KEYS", "")
if not FIELD_ENCRYPTION_KEYS and not PRODUCTION:
    # Development and tests only: a key derived from the (development) secret key.
    _dev_key = hashlib.sha256(f"field-key:{SECRET_KEY}".encode()).digest()
    FIELD_ENCRYPTION_KEYS = f"dev:{base64.urlsafe_b64encode(_dev_key).decode()}"

# The audit chain's MAC key (any string of 32+ characters). The database never holds it, so
# whoever can write the database still cannot reseal an edited entry. Entries up to
# EGIDE_AUDIT_LEGACY_UNTIL were sealed with plain SHA-256 before the key existed (cut-over).
AUDIT_KEY = os.environ.get("EGIDE_AUDIT_KEY", "")
if not AUDIT_KEY and not PRODUCTION:
    AUDIT_KEY = hashlib.sha256(f"audit-key:{SECRET_KEY}".encode()).hexdigest()
if len(AUDIT_KEY) < 32:
    raise RuntimeError("EGIDE_AUDIT_KEY must be set (32+ characters) in production")
# Refused accesses (403, 404 on a known route) recorded per person and minute.
AUDIT_DENIED_PER_MINUTE = envint("EGIDE_AUDIT_DENIED_PER_MINUTE", 20)
AUDIT_LEGACY_UNTIL = envint("EGIDE_AUDIT_LEGACY_UNTIL", 0)
# Signed checkpoints of the chain head, appended after each commit outside the database.
AUDIT_CHECKPOINTS = Path(
    os.environ.get("EGIDE_AUDIT_CHECKPOINTS", BASE_DIR / "var" / "audit-checkpoints.jsonl")
)
# The key of `egide backup` / `egide restore` (32 bytes, URL-safe base64). Kept apart from the field
# keys, which a backup never holds: a restore needs both (docs/operations.md).
BACKUP_KEY = os.environ.get("EGIDE_BACKUP_KEY", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "dsfr",
    "widget_tweaks",
    "huey.contrib.djhuey",
    "egide.accounts",
    "egide.audit",
    "egide.encryption",
    "egide.web",
    "egide.demo",
    "egide.cases",
    "egide.assessment",
    "egide.justice",
    "egide.devices",
    "egide.monitoring",
    "egide.support",
    "egide.directory",
    "egide.helpline",
    "egide.perpetrators",
    "egide.eviction",
    "egide.criminal",
    "egide.meetings",
    "egide.reviews",
    "egide.stats",  # after every app whose records it counts: its demo publishes them
    "egide.api",
    "egide.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "egide.api.middleware.JsonOnlyApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "egide.accounts.middleware.SessionGuardMiddleware",
    "egide.accounts.middleware.SecondFactorRequiredMiddleware",
    "egide.accounts.middleware.MembershipMiddleware",
    "egide.audit.refusals.RefusedAccessMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "egide.urls"
ASGI_APPLICATION = "egide.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "egide.web.context_processors.platform",
            ],
        },
    },
]

# SQLite (WAL) by default; DATABASE_URL=postgres://... switches to PostgreSQL.
# Least privilege on PostgreSQL (docs/operations.md): the platform connects as DATABASE_URL's role,
# which may only append to the audit log; `egide migrate|restore|flush|dbroles` connect as the
# tables' owner, EGIDE_MIGRATION_DATABASE_URL (egide/cli.py sets EGIDE_DATABASE_AS_OWNER), and
# grant the platform's role its privileges (egide/audit/grants.py).
_PLATFORM_DATABASE = dj_database_url.config(
    env="DATABASE_URL",
    default=f"sqlite:///{BASE_DIR / 'var' / 'egide.sqlite3'}",
    conn_max_age=envint("EGIDE_DB_CONN_MAX_AGE", 0),
)
_OWNER_URL = os.environ.get("EGIDE_MIGRATION_DATABASE_URL", "")
_OWNER_DATABASE = dj_database_url.parse(_OWNER_URL) if _OWNER_URL else {}
_AS_OWNER = envbool("EGIDE_DATABASE_AS_OWNER", False) and bool(_OWNER_DATABASE)
DATABASES = {"default": _OWNER_DATABASE if _AS_OWNER else _PLATFORM_DATABASE}
# The role the owner's commands grant its privileges to (none when the platform runs).
DATABASE_PLATFORM_ROLE = _PLATFORM_DATABASE["USER"] if _AS_OWNER else ""
if _AS_OWNER and DATABASE_PLATFORM_ROLE in {"", _OWNER_DATABASE["USER"]}:
    raise RuntimeError(
        "EGIDE_MIGRATION_DATABASE_URL names the tables' owner: DATABASE_URL must name the "
        "platform's own role, another one"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # synchronous=FULL: a commit is on disk before it returns, so a fix a device was told is
    # stored survives a power cut too (NORMAL would only survive a crash of the process).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
        "PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not SQLite's shared-cache memory database, whose table locks would make
    # the live server and the engine worker threads fail where a real deployment would not. One
    # file per test process, so that two test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Name search uses keyed hashes of normalised names; changing the key needs a re-index.
PERSON_SEARCH_KEY = os.environ.get("EGIDE_PERSON_SEARCH_KEY", SECRET_KEY)
ASSESSMENT_INSTRUMENT_DIRS = envlist("EGIDE_INSTRUMENT_DIRS")
# Break-glass reads one person may ask for within an hour (each is flagged to the auditor).
BREAK_GLASS_PER_HOUR = envint("EGIDE_BREAK_GLASS_PER_HOUR", 3)
BREACH_ACKNOWLEDGEMENT_MINUTES = envint("EGIDE_BREACH_ACK_MINUTES", 60)
# CNIL recommendation (délibération 2022-100) for a password with a second factor is at least
# 12 characters of four kinds or 14 of any; staff accounts hold offence and health data, so we
# ask for both length and variety.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "egide.accounts.passwords.CharacterClassesValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = envint("EGIDE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("EGIDE_LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Nothing typed is stored in clear: attempts are keyed by a hash of the username typed (which is
# sometimes a password), the form's fields are masked, and successful sign-ins are in the audit log.
AXES_USERNAME_CALLABLE = "egide.accounts.attempts.attempt_key"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "code", "token"]
AXES_DISABLE_ACCESS_LOG = True

SESSION_COOKIE_AGE = envint("EGIDE_SESSION_MAX_AGE_S", 8 * 3600)
SESSION_IDLE_TIMEOUT_S = envint("EGIDE_SESSION_IDLE_S", 30 * 60)
# How long the one-time link of an administrator-initiated password reset works.
PASSWORD_RESET_TTL_MINUTES = envint("EGIDE_PASSWORD_RESET_TTL_MINUTES", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = "Égide"

SECURE = envbool("EGIDE_SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = envbool("EGIDE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = envint("EGIDE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The operator's base map: an XYZ tile template ({z}/{x}/{y}), or a WMTS GetTile URL with
# TILEMATRIX={z}&TILEROW={y}&TILECOL={x}. Production defaults to the IGN Géoplateforme's plan;
# elsewhere to the bundled offline base map of the demo département (Eure), drawn by Égide
# itself (docs/monitoring-console.md), so nothing reaches the internet.
IGN_PLAN_TILES = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
EGIDE_MAP_TILES_URL = os.environ.get("EGIDE_MAP_TILES_URL", IGN_PLAN_TILES if PRODUCTION else "")
EGIDE_MAP_TILES_ATTRIBUTION = os.environ.get(
    "EGIDE_MAP_TILES_ATTRIBUTION", "IGN – Plan IGN" if EGIDE_MAP_TILES_URL else ""
)
EGIDE_MAP_TILES_MAX_ZOOM = envint("EGIDE_MAP_TILES_MAX_ZOOM", 18 if EGIDE_MAP_TILES_URL else 15)
_TILES_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(EGIDE_MAP_TILES_URL))

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([_TILES_ORIGIN] if EGIDE_MAP_TILES_URL else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["egide.formats"]
LOCALE_PATHS = [BASE_DIR / "egide" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("EGIDE_STATIC_ROOT", BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("EGIDE_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Addresses to positions (forbidden places): the Base Adresse Nationale's search API, or the
# offline demo extract (egide/geocoding.py) everywhere but in production: tests never go online.
GEOCODER_URL = os.environ.get("EGIDE_GEOCODER_URL", "https://api-adresse.data.gouv.fr/search/")
GEOCODER_OFFLINE = envbool("EGIDE_GEOCODER_OFFLINE", not PRODUCTION)

# Monitoring intake log: `embedded` (the SQL Fix table, one worker) or `nats` (JetStream, fixes
# partitioned by pairing, several workers; PostgreSQL). See docs/monitoring-engine.md.
EGIDE_MONITORING_LOG = os.environ.get("EGIDE_MONITORING_LOG", "embedded")
EGIDE_NATS_URL = os.environ.get("EGIDE_NATS_URL", "nats://127.0.0.1:4222")
EGIDE_NATS_STREAM = os.environ.get("EGIDE_NATS_STREAM", "EGIDE_FIXES")
EGIDE_MONITORING_PARTITIONS = envint("EGIDE_MONITORING_PARTITIONS", 8)
# Copies of the stream JetStream keeps, on as many NATS servers of a cluster (3 in the highly
# available deployment: one node may fail; 1 on a lone server). Changed on the next start.
EGIDE_NATS_REPLICAS = envint("EGIDE_NATS_REPLICAS", 1)
# Device intake (docs/device-compatibility.md): the zone of device times sent without one (as
# Traccar reads them in its server's zone); refusals one source may cause per minute before its
# unauthenticated requests are answered 429 uncounted (authenticated devices are never slowed);
# a rotated secret's overlap window.
EGIDE_INTAKE_DEVICE_TIME_ZONE = os.environ.get("EGIDE_INTAKE_DEVICE_TIME_ZONE", "Europe/Paris")
EGIDE_INTAKE_REFUSALS_PER_MINUTE = envint("EGIDE_INTAKE_REFUSALS_PER_MINUTE", 60)
EGIDE_DEVICE_SECRET_OVERLAP_H = envint("EGIDE_DEVICE_SECRET_OVERLAP_H", 24)
# Monitoring engine (docs/monitoring.md rules 5 and 10): a fix less precise than this may raise a
# level but never lower one; a device silent longer than this is offline.
EGIDE_MONITORING_MAX_ACCURACY_M = envint("EGIDE_MONITORING_MAX_ACCURACY_M", 250)
EGIDE_MONITORING_OFFLINE_AFTER_S = envint("EGIDE_MONITORING_OFFLINE_AFTER_S", 180)
# Operator console: an incident nobody took in hand goes to the supervisor after this.
EGIDE_MONITORING_ESCALATION_S = envint("EGIDE_MONITORING_ESCALATION_S", 60)
# Police dispatch (egide/monitoring/dispatch.py): the endpoint the centre sends a request for
# police to, as JSON or as an OASIS CAP 1.2 alert ("cap"). Empty: the demo's stand-in room in a
# demo; elsewhere each request is dead-lettered at once and the supervisor phones the police.
EGIDE_MONITORING_DISPATCH_URL = os.environ.get("EGIDE_MONITORING_DISPATCH_URL", "")
EGIDE_MONITORING_DISPATCH_FORMAT = os.environ.get("EGIDE_MONITORING_DISPATCH_FORMAT", "json")
if EGIDE_MONITORING_DISPATCH_FORMAT not in {"json", "cap"}:
    raise RuntimeError("EGIDE_MONITORING_DISPATCH_FORMAT must be json or cap")

# Prometheus metrics (`/metrics` of each web/intake process, and of each engine worker on
# EGIDE_METRICS_PORT): served only to a scraper sending `Authorization: Bearer <token>`; no token
# set, no metrics (docs/operations.md, "High availability").
EGIDE_METRICS_TOKEN = os.environ.get("EGIDE_METRICS_TOKEN", "")
EGIDE_METRICS_PORT = envint("EGIDE_METRICS_PORT", 0)

# Background jobs (reminders, escalation, expiry): `egide run_huey` consumes them; SQLite file by
# default, Redis when EGIDE_HUEY_REDIS_URL is set. Immediate mode (no consumer) only on request.
HUEY = {
    "name": "egide",
    "immediate": envbool("EGIDE_HUEY_IMMEDIATE", False),
}
if os.environ.get("EGIDE_HUEY_REDIS_URL"):
    HUEY.update({"huey_class": "huey.RedisHuey", "url": os.environ["EGIDE_HUEY_REDIS_URL"]})
else:
    HUEY_FILE = Path(os.environ.get("EGIDE_HUEY_FILE", BASE_DIR / "var" / "huey.db"))
    HUEY_FILE.parent.mkdir(parents=True, exist_ok=True)  # huey opens its file as Django starts
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(HUEY_FILE)})
# Reminders go out by e-mail; the demo prints them on its console rather than needing a mail server.
EMAIL_BACKEND = os.environ.get(
    "EGIDE_EMAIL_BACKEND",
    f"django.core.mail.backends.{'console' if DEMO else 'smtp'}.EmailBackend",
)

# Logs never carry personal data: only ids, actions and timings are logged by our code, and
# Django's request logger (which would print URLs with query strings) is kept at WARNING.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "no_personal_data": {"()": "egide.web.errors.PersonalDataFilter"},
        "access_without_personal_data": {"()": "egide.web.errors.AccessLogFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("EGIDE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "filters": ["no_personal_data"]},
        "django.security": {"level": "WARNING"},
        "django.security.csrf": {"level": "WARNING", "filters": ["no_personal_data"]},
        "axes": {"level": "WARNING"},
        # `egide serve` and `egide demo` leave uvicorn's loggers to this configuration.
        "uvicorn.access": {"filters": ["access_without_personal_data"]},
    },
}
ADMINS = []
