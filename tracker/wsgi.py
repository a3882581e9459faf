"""The WSGI application: Django, inside the wrappers named in settings.WSGI_WRAPPERS.

gunicorn serves `tracker.wsgi:application` (README, "Deploy"), and runserver takes it through
WSGI_APPLICATION. The wrappers are named in settings, as MIDDLEWARE is, so the project's config
package imports no app of ours here (the public page cache lives in public/page_cache.py).
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

application = get_wsgi_application()
for wrapper in settings.WSGI_WRAPPERS:
    application = import_string(wrapper)(application)
