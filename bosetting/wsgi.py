"""The WSGI entry point for gunicorn. It refuses to start with an unsafe production setting."""

import os

from django.core.checks import ERROR, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bosetting.settings.production")
application = get_wsgi_application()

_errors = [
    message for message in run_checks(include_deployment_checks=True) if message.level >= ERROR
]
if _errors:
    raise ImproperlyConfigured("\n".join(str(message) for message in _errors))
