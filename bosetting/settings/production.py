"""Production settings. What must not be unsafe is checked by bosetting/site/checks.py, which
refuses to start an app server (bosetting/wsgi.py) or run a command with an unsafe setting."""

from .base import *  # noqa: F403
from .base import env

PRODUCTION = True
DEBUG = env.bool("DEBUG", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Ansattporten is the production login; password + TOTP only when a deployment turns it on
# (BOSETTING_PASSWORD_LOGIN=1). check --deploy refuses neither (bosetting/site/checks.py).
PASSWORD_LOGIN_ENABLED = env.bool("BOSETTING_PASSWORD_LOGIN", default=False)
