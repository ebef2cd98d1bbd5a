"""Settings every environment shares. Values that differ come from the environment (django-environ)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode: shared demo passwords, demo users listed on the login page. Production refuses it.
DEMO_MODE = env.bool("BOSETTING_DEMO", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "bosetting.core",
    "bosetting.site",
    "bosetting.organisations",
    "bosetting.accounts",
    "bosetting.audit",
    "bosetting.notifications",
    "bosetting.planning",
    "bosetting.cases",
    "bosetting.letters",
    "bosetting.distribution",
    "bosetting.matching",
    "bosetting.settlement",
    "bosetting.api",
    "bosetting.reports",
    "bosetting.archive",
    "bosetting.requestformula",
    "bosetting.legacy",
    "bosetting.help",
    # Demo data, the national data generator and the benchmarks (its management commands).
    "bosetting.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bosetting.site.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bosetting.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bosetting.core.middleware.RequestContextMiddleware",
    "bosetting.accounts.middleware.SessionLifetimeMiddleware",
    "bosetting.accounts.middleware.LoginRequiredMiddleware",
    "bosetting.accounts.middleware.TwoFactorRequiredMiddleware",
    # Last, so that it sees the views' own 405 answers and can render the page with the user.
    "bosetting.site.method_not_allowed.MethodNotAllowedPageMiddleware",
]

FORM_RENDERER = "bosetting.core.forms.FormRenderer"
ROOT_URLCONF = "bosetting.site.urls"
WSGI_APPLICATION = "bosetting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bosetting" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bosetting.site.context_processors.layout",
                "bosetting.help.context_processors.help",
            ],
        },
    }
]

# SQLite (a file under var/, WAL mode) unless DATABASE_URL names another database.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bosetting.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at the start of a transaction, so the audit
        # chain's "read the last hash, then append" cannot interleave.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation for the application's connections: its queries are short, and once
    # the planner's estimate crosses jit_above_cost, compiling took 1.2 of 1.5 s and 2.6 of
    # 2.9 s of two reports' queries (issue 14). Set per connection, so no server change needed.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://bosetting")}

# Behind a reverse proxy (nginx in production) the client's address is the one the proxy appends to
# X-Forwarded-For; only that many proxies are trusted, so a client cannot choose its own address.
# allauth's login limits and the audit log's address both read it (core.middleware).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Sessions: 30 minutes idle, 120 minutes in all (SessionLifetimeMiddleware keeps both).
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(minutes=120)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
# The page warns this long before the end, with «Forlenge økten?» (accounts/_session_dialog.html).
SESSION_WARNING_BEFORE = timedelta(minutes=2)
# What was typed into a form when the session expired is kept this long (ADR 13).
KEPT_INPUT_TIMEOUT = timedelta(minutes=15)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-allauth: username login, no sign-up (users are invited), TOTP and recovery codes.
ACCOUNT_ADAPTER = "bosetting.accounts.adapters.AccountAdapter"
MFA_ADAPTER = "bosetting.accounts.adapters.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bosetting] "
# Lockout: five failed passwords for one username within 15 minutes locks it for the rest of them.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/15m/ip,5/15m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Password + TOTP: the demo's login, and in production a fallback a deployment turns on
# explicitly (production.py defaults it to off; Ansattporten is the production login).
PASSWORD_LOGIN_ENABLED = env.bool("BOSETTING_PASSWORD_LOGIN", default=True)

# Ansattporten, Digdir's OpenID Connect login for public-sector employees (accounts/ansattporten,
# docs/adr/0019-login-with-ansattporten.md). Configured when the issuer, the client id and the client's key are set.
ANSATTPORTEN_ISSUER = env.str("ANSATTPORTEN_ISSUER", default="")
ANSATTPORTEN_CLIENT_ID = env.str("ANSATTPORTEN_CLIENT_ID", default="")
# The client's private key for private_key_jwt: a JWK (JSON) or PEM; its key id from the JWK's
# "kid" or ANSATTPORTEN_CLIENT_KEY_ID (as registered in Digdir's self-service portal).
ANSATTPORTEN_CLIENT_KEY = env.str("ANSATTPORTEN_CLIENT_KEY", default="", multiline=True)
ANSATTPORTEN_CLIENT_KEY_ID = env.str("ANSATTPORTEN_CLIENT_KEY_ID", default="")
ANSATTPORTEN_SCOPES = env.list("ANSATTPORTEN_SCOPES", default=["openid", "profile"])
# "high": BankID, Buypass, Commfides. An id_token with a lower acr is refused.
ANSATTPORTEN_ACR_VALUES = env.str("ANSATTPORTEN_ACR_VALUES", default="idporten-loa-high")
# The employee chooses the organisation they act for: with ansattporten:altinn:resource, among
# those where they hold the Altinn resource ANSATTPORTEN_RESOURCE; with ansattporten:orgno, any.
ANSATTPORTEN_AUTHORIZATION_DETAILS_TYPE = env.str(
    "ANSATTPORTEN_AUTHORIZATION_DETAILS_TYPE", default="ansattporten:altinn:resource"
)
ANSATTPORTEN_RESOURCE = env.str("ANSATTPORTEN_RESOURCE", default="")
# The key of the HMAC that keeps the person's identity number as a hash. Changing it unbinds
# every account (each would have to be invited again), so it is not derived from SECRET_KEY in
# production; elsewhere an empty value falls back to one derived from SECRET_KEY.
ANSATTPORTEN_PID_KEY = env.str("ANSATTPORTEN_PID_KEY", default="")
# Seconds to wait for the provider (discovery, keys, token endpoint).
ANSATTPORTEN_TIMEOUT = env.float("ANSATTPORTEN_TIMEOUT", default=10.0)
ANSATTPORTEN_ORIGINS = (
    ["{0.scheme}://{0.netloc}".format(urlsplit(ANSATTPORTEN_ISSUER))] if ANSATTPORTEN_ISSUER else []
)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bosetting"
MFA_RECOVERY_CODE_COUNT = 10

# Background work: django-tasks with the database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Bosetting <ikke-svar@bosetting.imdi.no>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "bosetting" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
FORMAT_MODULE_PATH = ["bosetting.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
# The project-wide static files (Designsystemet, htmx, our CSS) live outside any app.
STATICFILES_DIRS = [BASE_DIR / "bosetting" / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check permission
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
MAX_DOCUMENT_SIZE = 20 * 1024 * 1024

X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response: nothing inline, nothing from elsewhere.
# Scripts and styles are our own static files; charts are inline SVG drawn with presentation
# attributes (bosetting/core/svg.py); PDFs embed their chart as a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Logging out posts here and is redirected on to Ansattporten's end-session endpoint;
        # browsers apply form-action to that redirect too.
        "form-action": [SELF, *ANSATTPORTEN_ORIGINS],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True

# Signs the audit chain's daily checkpoint (verify_audit_log --checkpoint): keep it out of the database.
AUDIT_CHECKPOINT_KEY = env.str("AUDIT_CHECKPOINT_KEY", default="")

# The invitation link is valid this long.
INVITATION_VALID_FOR = timedelta(days=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools narrate every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The address links in e-mails point to.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# IMDi's preparation table for the whole country posts about 1,100 fields (357 municipalities × 3);
# Django's default of 1,000 would refuse it when a browser without JavaScript posts every row.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# ---------------------------------------------------------------------------------------------
# Integration API (bosetting.api): Django REST framework and its OpenAPI schema.
# Token only (no session, so no CSRF); JSON only; one error shape; a rate limit per client.
# ---------------------------------------------------------------------------------------------
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["bosetting.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["bosetting.api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["bosetting.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": env.str("API_RATE_LIMIT", default="600/minute")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "bosetting.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bosetting.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bosetting – integrasjons-API",
    "DESCRIPTION": (
        "For mottakenes, kommunenes og IMDis egne systemer. Hvert kall sendes med "
        "«Authorization: Bearer <token>»; se docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the sidecar's static files: no CDN on a closed network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links the operation's path is text, not a link inside the expand button
    # (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "displayOperationId": False},
}
