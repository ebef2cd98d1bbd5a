"""Settings for running on a developer's machine (`make run`): debug on, e-mail to files."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-key-not-for-production")
DEMO_MODE = env.bool("BOSETTING_DEMO", default=True)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the source folders, with debug off too (the demo runs with it off).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
