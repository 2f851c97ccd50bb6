import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("talents")
# Every Celery option lives in Django's settings under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Request ids into tasks and one JSON log line per task (imported for its signal handlers).
import core.celery_signals  # noqa: E402, F401
