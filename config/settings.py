"""The one settings module. Everything that differs between machines comes from the environment
(see .env.example); with nothing set it runs with no services at all: a SQLite file, Celery tasks
run in-process, emails printed to the console."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-do-not-deploy"  # noqa: S105

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

if not DEBUG:
    # Production refuses to start on the development key or without a host list.
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) when DEBUG is off.")
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("Set ALLOWED_HOSTS when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # ExclusionConstraint (resources: no double-booking); its SQL runs only on PostgreSQL.
    "django.contrib.postgres",
    # Two-factor sign-in for staff (accounts.two_factor): TOTP apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "accounts",
    "programs",
    "talents",
    "mentors",
    "films",
    "rights",
    "invitations",
    "screenings",
    "calls",
    "resources",
    "grants",
    "training",
    "guests",
    "alumni",
    "privacy",
    "outbox",
    "website",
    "portal",
    "webhooks",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "workspace",
    "demo",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.RejectMalformedRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, before sessions and auth (core.public_cache).
    "core.public_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # While developing, emails link to the address the site is served on (core.site).
    "core.site.ServedAtMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django_otp's OTPMiddleware, its device read with precompiled SQL.
    "accounts.security.DeviceMiddleware",
    # Security events know the request; staff pass the second factor before the workspace.
    "accounts.security.SecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# SQLite by default; PostgreSQL with DATABASE_URL=postgres://user@host:5432/name
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, with the persistent connection's health check read from its socket rather than
    # asked of the server with one more query per request (core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    # The statements every request runs are prepared once per connection (core.postgresql); a
    # connection pooler that keeps no prepared statements needs this off.
    if not env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a Celery worker process started by a test can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Several writers share the file (the web process, Celery workers, a test's worker
    # processes): WAL lets readers run beside a writer, IMMEDIATE takes the write lock when a
    # transaction starts (a deferred transaction that later writes fails with "database is
    # locked" instead of waiting), and the busy timeout makes a writer wait for the lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# ModelBackend that reads the director and mentor profiles with the person (accounts.backends).
AUTHENTICATION_BACKENDS = ["accounts.backends.AccountBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# An invitation link is single-use and stops working after this many days.
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=7)
# Password reset emails (accounts.forms.OutboxPasswordResetForm): at most this many per address
# and per client address within the window; more requests get the same answer and no email.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=10)
PASSWORD_RESET_LIMIT_WINDOW_SECONDS = env.int("PASSWORD_RESET_LIMIT_WINDOW_SECONDS", default=3600)
# Sign-in throttling (accounts.throttle): this many failures within the window, per account
# and per address, lock that account or address out for LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=300)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)
# How many of our proxies append to X-Forwarded-For in front of the app (nginx: 1); 0 trusts
# only the connecting address. Throttling and the security events use the address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Staff must set up a second factor (an authenticator app) before reaching the workspace: on in
# production unless turned off (the demo may), and `check --deploy` warns when it is off.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=not DEBUG)
# A staff session ends after this long without a request, and this long after it began.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=1800)
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_SECONDS", default=43200)
OTP_TOTP_ISSUER = env.str("SITE_NAME", default="BJIFF TALENTS")
# Confidential deliverables are deleted this many days after their cohort ends
# (films.services.deliverables_purge); the public record stays.
DELIVERABLE_RETENTION_DAYS = env.int("DELIVERABLE_RETENTION_DAYS", default=365)
# restore_site refuses an installation where any of these has rows (core.backup): the program's
# own data, not the accounts or the tables migrations fill.
BACKUP_RESTORE_DATA_MODELS = ["programs.Program", "films.Film"]

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://talents"),
}
# A Redis that stops answering must not take the site down (core.cache): short socket
# timeouts, then reads miss and writes are skipped for CACHE_RETRY_SECONDS, logged at most once
# per CACHE_ERROR_LOG_SECONDS.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5)
CACHE_ERROR_LOG_SECONDS = env.float("CACHE_ERROR_LOG_SECONDS", default=60)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.cache.FastRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=CACHE_SOCKET_TIMEOUT, socket_timeout=CACHE_SOCKET_TIMEOUT
    )

# Language and time: the festival is in Beijing and speaks Chinese first.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Confidential deliverables (scripts, cuts) live outside MEDIA_ROOT and have no URL at all:
# they are handed out only by a view that checks who is asking.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# S3-compatible object storage (MinIO, S3, OSS…), when a bucket is configured: every web host and
# worker then shares the uploads. Public media is served from its bucket; confidential files sit
# in a private bucket and are handed out as short-lived signed URLs after the permission check.
S3_PUBLIC_BUCKET = env.str("S3_PUBLIC_BUCKET", default="")
# The origin browsers send video parts to (presigned URLs of the private bucket), allowed in
# the Content-Security-Policy's connect-src; empty: the endpoint's origin, or AWS's own.
S3_UPLOAD_ORIGIN = env.str("S3_UPLOAD_ORIGIN", default="")
if S3_PUBLIC_BUCKET and not S3_UPLOAD_ORIGIN:
    _endpoint = urlsplit(env.str("S3_ENDPOINT_URL", default=""))
    _aws_host = f"{env.str('S3_PRIVATE_BUCKET')}.s3.{env.str('S3_REGION', default='us-east-1')}"
    S3_UPLOAD_ORIGIN = (
        f"{_endpoint.scheme}://{_endpoint.netloc}"
        if _endpoint.netloc
        else f"https://{_aws_host}.amazonaws.com"
    )
if S3_PUBLIC_BUCKET:
    _s3 = {
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=""),
        "region_name": env.str("S3_REGION", default="us-east-1"),
        "file_overwrite": True,  # names are server-generated; thumbnails overwrite on purpose
        "signature_version": "s3v4",
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": S3_PUBLIC_BUCKET,
            "querystring_auth": False,
            "custom_domain": env.str("S3_PUBLIC_DOMAIN", default="") or None,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env.str("S3_PRIVATE_BUCKET"),
            "querystring_auth": True,
            "querystring_expire": env.int("S3_SIGNED_URL_SECONDS", default=300),
            "default_acl": "private",
        },
    }
FILE_UPLOAD_PERMISSIONS = 0o640
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
# Video deliverables arrive in resumable chunks (portal.deliverable_views), each appended to a
# file in this folder; empty: the "incoming" folder of the private storage when it is on disk.
DELIVERABLE_INCOMING_ROOT = env.str("DELIVERABLE_INCOMING_ROOT", default="")
# The largest chunk one request may carry (the uploader sends smaller ones).
DELIVERABLE_CHUNK_MAX_BYTES = env.int("DELIVERABLE_CHUNK_MAX_BYTES", default=64 * 1024 * 1024)
# With object storage the browser sends a video file straight to the private bucket in parts
# of this size (larger when a file would need more than 10,000), each through a presigned URL
# valid this long (core.multipart_uploads).
DELIVERABLE_PART_BYTES = env.int("DELIVERABLE_PART_BYTES", default=16 * 1024 * 1024)
S3_PART_URL_SECONDS = env.int("S3_PART_URL_SECONDS", default=3600)
# An upload nobody added to for this long is deleted by the beat job (films.sweep_uploads).
DELIVERABLE_UPLOAD_STALE_HOURS = env.int("DELIVERABLE_UPLOAD_STALE_HOURS", default=72)
# Debian's ffprobe (package ffmpeg) reads what a video file holds (films.deliverables).
FFPROBE_BINARY = env.str("FFPROBE_BINARY", default="ffprobe")
# ffmpeg itself (same Debian package), for the loudness meter a milestone may ask for.
FFMPEG_BINARY = env.str("FFMPEG_BINARY", default="ffmpeg")
# The size limit is enforced while the upload streams in, before it is all on disk.
FILE_UPLOAD_HANDLERS = [
    "core.upload_handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Email: printed to the console while developing, SMTP in production.
EMAIL_BACKEND_PATH = env.str(
    "EMAIL_BACKEND",
    default="outbox.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env.str("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "username": env.str("EMAIL_HOST_USER", default=""),
        "password": env.str("EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("EMAIL_USE_TLS", default=False),
        "timeout": env.int("EMAIL_TIMEOUT", default=20),
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="BJIFF TALENTS <talents@localhost>")
# The outbox (outbox.services). A worker owns a message for OUTBOX_LEASE_SECONDS while sending
# it: longer than the send task's hard time limit, so a lease never runs out under a live sender.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=120)
# Tries per message; temporary failures wait OUTBOX_RETRY_BASE_SECONDS, doubled after each one,
# never more than OUTBOX_RETRY_MAX_SECONDS (which the visibility timeout below must exceed).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=1800)
# The sweep (outbox.sweep, below in CELERY_BEAT_SCHEDULE) re-enqueues a message still pending
# this long after it was due: its enqueue was lost (broker down) or its worker died.
OUTBOX_SWEEP_SECONDS = env.float("OUTBOX_SWEEP_SECONDS", default=60)
OUTBOX_SWEEP_GRACE_SECONDS = env.int("OUTBOX_SWEEP_GRACE_SECONDS", default=60)
OUTBOX_SWEEP_BATCH = env.int("OUTBOX_SWEEP_BATCH", default=500)

# Webhooks (webhooks.services): the outbox's rules for HTTP deliveries. A POST waits at most
# WEBHOOK_TIMEOUT_SECONDS; 5xx, 408, 429 and network errors are retried after
# WEBHOOK_RETRY_BASE_SECONDS, doubled each time, at most WEBHOOK_RETRY_MAX_SECONDS apart.
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_LEASE_SECONDS = env.int("WEBHOOK_LEASE_SECONDS", default=120)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_RETRY_MAX_SECONDS = env.int("WEBHOOK_RETRY_MAX_SECONDS", default=1800)

# The REST API (api/). Public endpoints need no token; tokens (accounts.ApiToken) carry scopes
# and their own rate limit. Every error answers in one JSON shape (api.errors).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=256 * 1024)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BJIFF TALENTS API",
    # The description (how tokens, ETags, errors and webhooks work) is api.schema.DESCRIPTION,
    # set by its postprocessing hook below.
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "EditionStatusEnum": "programs.models.Cohort.Status",
        "EnrollmentStatusEnum": "talents.models.Enrollment.Status",
        "SubmissionStatusEnum": "films.models.MilestoneSubmission.Status",
    },
}

# Celery. With no broker configured, tasks run eagerly in the web process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
# Tests give each run its own queue so that parallel runs sharing one Redis never trade tasks.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="talents")
# JSON only: a message is data (ids), never a pickled object a broker intruder could forge.
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Nothing reads task results; the database rows (outbox, poster status) are the record.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# crontab schedules (the daily reminders) run in the festival's time zone.
CELERY_TIMEZONE = TIME_ZONE
# Acknowledge after the task ran, and put it back if the worker process died, so that a
# killed worker loses nothing; every task is idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A task that raised or hit its time limit is acknowledged, not redelivered: the services
# decide themselves what to retry (outbox backoff, poster attempt limit).
CELERY_TASK_ACKS_ON_FAILURE_OR_TIMEOUT = True
# When the broker connection drops, running tasks can no longer be acknowledged and Redis will
# redeliver them: stop them rather than finish work a second worker is about to repeat.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# One message at a time per process: a long thumbnail job does not hold others hostage.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the longest task (CELERY_TASK_TIME_LIMIT) and the longest retry countdown
    # (OUTBOX_RETRY_MAX_SECONDS), or Redis would hand a running or waiting task to a second
    # worker; a message of a worker that died comes back after this long.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # How often a worker looks for such messages (every check scans; the scan is one ZRANGE).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_SECONDS", default=10),
    "unacked_restore_throttle": 1,
    # Publishing from a web request must fail fast when Redis is away, not hang the request:
    # Redis answers in milliseconds on the local network.
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One immediate retry: enough to replace a pooled connection that Redis closed on restart,
# short enough that a request answers within a second or two when Redis is down.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# No task may run forever: the soft limit raises inside the task, the hard one kills the
# process. Thumbnails of the largest allowed poster take seconds; emails have their own,
# shorter limits below OUTBOX_LEASE_SECONDS (outbox.tasks).
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# Keep Django's LOGGING (JSON lines with request ids) in worker processes too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Run by exactly one `celery beat`. Every job is safe to run twice (see each task).
REMINDER_HOUR = env.int("REMINDER_HOUR", default=9)
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "outbox.sweep",
        "schedule": OUTBOX_SWEEP_SECONDS,
        # Sweeps that piled up while no worker ran are useless: the next one does their work.
        "options": {"expires": OUTBOX_SWEEP_SECONDS},
    },
    "milestone-reminders": {
        "task": "films.send_reminders",
        # Every morning in the festival's time zone (CELERY_TIMEZONE).
        "schedule": crontab(hour=REMINDER_HOUR, minute=0),
    },
}

CELERY_BEAT_SCHEDULE["webhooks-sweep"] = {
    "task": "webhooks.sweep",
    "schedule": OUTBOX_SWEEP_SECONDS,
    "options": {"expires": OUTBOX_SWEEP_SECONDS},
}

# Daily: staff are told of every licence ending in 30 days (rights.services).
CELERY_BEAT_SCHEDULE["rights-warn-licence-endings"] = {
    "task": "rights.warn_licence_endings",
    "schedule": crontab(hour=REMINDER_HOUR, minute=30),
}

# Daily: mentors who chose one email a day get their digest before the reminders go out
# (outbox.services.digests_send; each entry goes into exactly one digest).
DIGEST_HOUR = env.int("DIGEST_HOUR", default=8)
CELERY_BEAT_SCHEDULE["outbox-digests"] = {
    "task": "outbox.digests_send",
    "schedule": crontab(hour=DIGEST_HOUR, minute=0),
}

# Accreditation badges (guests.badges) embed this CJK font; an OpenType collection's face by
# index (Noto Sans CJK: 2 is Simplified Chinese).
BADGE_FONT_PATH = env.str(
    "BADGE_FONT_PATH", default="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
)
BADGE_FONT_INDEX = env.int("BADGE_FONT_INDEX", default=2)

# Offers on a waiting list that ran out go to the next person (guests.services.offers_expire).
CELERY_BEAT_SCHEDULE["guests-expire-offers"] = {
    "task": "guests.expire_offers",
    "schedule": 5 * 60,
}

# Hourly: uploads abandoned for DELIVERABLE_UPLOAD_STALE_HOURS are deleted with their chunks.
CELERY_BEAT_SCHEDULE["sweep-deliverable-uploads"] = {
    "task": "films.sweep_uploads",
    "schedule": 60 * 60,
}

# Daily: confidential deliverables of cohorts past DELIVERABLE_RETENTION_DAYS are deleted.
CELERY_BEAT_SCHEDULE["purge-deliverables"] = {
    "task": "films.purge_deliverables",
    "schedule": 24 * 60 * 60,
}

# Daily: the reminder the day before each training session (training.services).
CELERY_BEAT_SCHEDULE["session-reminders"] = {
    "task": "training.send_session_reminders",
    "schedule": crontab(hour=REMINDER_HOUR, minute=30),
}

# Whole public pages are cached for anonymous visitors (core.public_cache) and invalidated on
# every change to what they show; this bounds only time-dependent parts. 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
# With a shared cache, each web process also keeps the public pages it served for this long
# (core.recent_answers): a change made through another process shows up to this much later on
# its pages. Off (0) without a shared cache, where each process's memory is the cache already.
PUBLIC_PAGE_PROCESS_SECONDS = float(
    env.str("PUBLIC_PAGE_PROCESS_SECONDS", default="")
    or (1 if env.str("CACHE_URL", default="") else 0)
)
# Signed-in pages (the portal, the dashboard) are served again to the same session while the
# working data is unchanged (core.private_cache); this bounds only what changes with the clock.
# On by default only with a shared cache: with each process's own memory cache, a change made
# through one web worker would not reach the versions another one checks.
# (Left empty, as in .env.example, it takes that default.)
PRIVATE_PAGE_CACHE_SECONDS = int(
    env.str("PRIVATE_PAGE_CACHE_SECONDS", default="")
    or (60 if env.str("CACHE_URL", default="") else 0)
)
# Sessions read from the cache first when it is shared (Redis), the database stays the record.
if env.str("CACHE_URL", default=""):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The benchmark's ceiling: a minimal view behind the same middleware (bench/run_benchmark.py).
BENCHMARK_BASELINE = env.bool("BENCHMARK_BASELINE", default=False)

# Poster thumbnails.
POSTER_THUMBNAIL_WIDTHS = (320, 640, 1280)
POSTER_MAX_ATTEMPTS = env.int("POSTER_MAX_ATTEMPTS", default=3)

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Site identity.
SITE_NAME = env.str("SITE_NAME", default="BJIFF TALENTS")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
ICP_LICENCE = env.str("ICP_LICENCE", default="")

# Security. No inline scripts or styles and nothing from another origin: every asset is
# served from static/ (outside CDNs and font services are unreachable from mainland China).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF, *([S3_UPLOAD_ORIGIN] if S3_UPLOAD_ORIGIN else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe health over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# One JSON line per request and per task, each with the request id that follows the work
# into Celery (core.request_context); LOG_FORMAT=text for plain lines while developing.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Error reporting: Sentry's SDK when a DSN is set, nothing otherwise.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
