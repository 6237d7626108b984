"""Settings for every environment, read from the environment (django-environ).

With no variable set the project runs embedded: SQLite in ``var/``, Celery tasks in-process, email written to
files, a local-memory cache and DEBUG on. ``DJANGO_ENV=production`` turns DEBUG off, requires ``SECRET_KEY`` and
``ALLOWED_HOSTS`` and switches on the HTTPS hardening that ``check --deploy`` asks for. ``DATABASE_URL`` and
``REDIS_URL`` select PostgreSQL and Redis in any environment. See ``.env.example`` for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from core.cache_connection import FailFastCacheConnection
from core.country_names import COUNTRY_NAME_OVERRIDES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise environ.ImproperlyConfigured("DJANGO_ENV must be 'embedded' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

# Embedded, the site is where `make run` serves it: HOST and PORT (the Makefile passes them to every command of
# `run`) give the default of SITE_URL below, so links in emails, the organizer account's message, canonical URLs
# and feeds follow a changed port. Production names its address in SITE_URL.
_serve_host = env.str("HOST", default="127.0.0.1")
_serve_host = f"[{_serve_host}]" if ":" in _serve_host and not _serve_host.startswith("[") else _serve_host
_embedded_site_url = f"http://{_serve_host}:{env.int('PORT', default=8000)}"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="embedded-only-insecure-key-never-use-in-production-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=list(dict.fromkeys(
        ["localhost", "127.0.0.1", "[::1]", "testserver", _serve_host])))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "core.apps.WicAdminConfig",  # django.contrib.admin, on the project's admin site (core/admin_choices.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files, not a CDN
    "corsheaders",
    "core.apps.SignInLockoutsConfig",  # django-axes: sign-in throttling; lockouts listed in the admin for unlocking
    "import_export",  # spreadsheet import and export in the admin (CSV, XLSX), with a preview
    "core",
    "members",
    "summits",
    "forums",
    "awards",
    "expo",
    "guests",
    "reports",
    "partners",
    "delegations",  # a focal point's delegation within its quota, over guests' registrations
    "press",  # press accreditation, reviewed by the press office
    "visas",  # visa invitation letters, issued by the visa desk
    "teams",  # forum teams: a forum's host and co-hosts prepare its agenda, organizers review and publish
    "website",  # the public site's cross-domain pages, above every domain app
    "demo",  # the demonstration loader, above everything
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.compression.PartnerFeedsGZipMiddleware",  # the API and feeds gzipped, never HTML (core/compression.py)
    "core.middleware.SiteContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, but the feeds, whose language is ?lang=, do not Vary on Accept-Language.
    "core.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a locked-out sign-in into the lockout page (website.accounts.locked_out).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wic.urls"
WSGI_APPLICATION = "wic.wsgi.application"

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
                "core.site.site",
                "website.context_processors.current_edition",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let `make run`'s web server and worker share the file. Transactions begin IMMEDIATE:
    # each takes the write lock at BEGIN, waiting up to the timeout for it, instead of reading first and failing
    # with "database is locked" when it comes to write after another writer (20 guests registering at once got
    # 8-9 error pages that way).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;",
                                       "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6.0 default, now

# --- Cache and Celery -----------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Seconds a page waits on the cache (connect, or an answer) before going on without it.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.5)
# After the cache failed to answer, each process goes without it for this many seconds before trying again.
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="wic"),
            # The cache fails open and fast: a Redis that is down or frozen (no answer, connection kept) costs a
            # page at most CACHE_SOCKET_TIMEOUT per call, once (redis-py would otherwise retry 10 times with
            # backoff), and every caller treats an ignored error as a miss (the rate limits let guests through).
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "CONNECTION_POOL_KWARGS": {
                    "retry": Retry(NoBackoff(), 0),
                    "connection_class": FailFastCacheConnection,
                },
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # The embedded default: a cache in files, shared by every process of the checkout (`make run`'s web server,
    # worker and beat, a shell, a command), so that an edit made by any of them moves the content version the
    # others' cached pages, feeds and API answers follow (a per-process memory would keep serving the old ones).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(env.path("EMBEDDED_CACHE_DIR", default=VAR_DIR / "cache")),
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}

# Without Redis the broker is the embedded one (below), where `make run`'s worker listens; tasks still run
# in-process (eager) unless CELERY_TASK_ALWAYS_EAGER=false, which `manage.py run_embedded` sets for its
# web server, worker and beat: tests, the shell and other commands keep running tasks at once.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost/")
# A Redis broker goes through core.broker: kombu's transport with the fix that keeps a worker holding ETA tasks
# alive through a Redis restart.
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT = "core.broker:Transport"
# No result backend: nothing reads a task's result (the outbox and the rows are the record). With one, every
# .delay() subscribed to the result in Redis and, Redis down, blocked ~19 s re-subscribing; results also kept
# guests' addresses in Redis. Set CELERY_RESULT_BACKEND only for a task that needs it (and ignore_result=False).
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
# The embedded broker needs no server: kombu's filesystem transport, one message a file in var/celery/queue/
# (folders below). It cannot serve remote control (a dead worker's control queue would collect broadcasts
# forever), so the worker does not listen for it.
EMBEDDED_BROKER_DIR = Path(env.str("EMBEDDED_BROKER_DIR", default=str(VAR_DIR / "celery")))
EMBEDDED_BROKER = CELERY_BROKER_URL.startswith("filesystem://")
EMBEDDED_BROKER_FOLDERS = {"data_folder_in": str(EMBEDDED_BROKER_DIR / "queue"),
                           "data_folder_out": str(EMBEDDED_BROKER_DIR / "queue"),
                           "control_folder": str(EMBEDDED_BROKER_DIR / "control")}
CELERY_WORKER_ENABLE_REMOTE_CONTROL = not EMBEDDED_BROKER
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="wic")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
# Fail fast when the broker is down: the outbox keeps the work and the beat task sends it later.
BROKER_SOCKET_TIMEOUT = env.float("BROKER_SOCKET_TIMEOUT", default=0.5)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_SOCKET_TIMEOUT
# The worker and beat outlive a broker restart: they reconnect for as long as it takes, at start-up too.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A task running when the connection drops is cancelled and, acknowledged late, delivered again (the outbox's
# row lock makes a second run send nothing); Celery 6 does this by default.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# acks_late: a task taken by a worker that dies unacknowledged goes back to the queue after visibility_timeout,
# which must be longer than any task and any ETA a task is sent with (reports at their release time, webhook
# retries: Redis counts a message held for its ETA as unacknowledged), else it runs twice. Crash tests shorten it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=7200),
    # A broker that stops answering without closing the connection must not hang a guest's registration.
    "socket_timeout": BROKER_SOCKET_TIMEOUT,
    "socket_connect_timeout": BROKER_SOCKET_TIMEOUT,
    # redis-py's own default retries 10 times with backoff: one try, the caller decides what comes next.
    "retry_on_timeout": False,
}
if EMBEDDED_BROKER:  # where the embedded broker keeps its files (above)
    CELERY_BROKER_TRANSPORT_OPTIONS |= EMBEDDED_BROKER_FOLDERS
# One try to publish: a registration made while Redis is down or frozen waits at most BROKER_SOCKET_TIMEOUT, not
# Celery's default retries per email; the outbox row is safe and beat's flush_outbox sends it once Redis is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0, "interval_start": 0, "interval_step": 0, "interval_max": 0}
# Readiness (/readyz): a worker whose heartbeat (beat schedules one every WORKER_HEARTBEAT_SECONDS) is older than
# READINESS_HEARTBEAT_MAX_AGE_SECONDS, or an email queued longer than OUTBOX_MAX_AGE_SECONDS without a first
# attempt, makes the instance not ready: guests' emails would not leave.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=30)
READINESS_HEARTBEAT_MAX_AGE_SECONDS = env.int("READINESS_HEARTBEAT_MAX_AGE_SECONDS", default=120)
OUTBOX_MAX_AGE_SECONDS = env.int("OUTBOX_MAX_AGE_SECONDS", default=15 * 60)
CELERY_BEAT_SCHEDULE = {
    "flush-email-outbox": {"task": "wic.core.flush_outbox", "schedule": env.int("OUTBOX_FLUSH_SECONDS", default=60)},
    "guest-reminders": {"task": "wic.guests.send_due_reminders", "schedule": 60 * 60},
    # Invitations not answered after INVITATION_REMINDER_DAYS (at most INVITATION_MAX_REMINDERS each), and the
    # seats of invitations whose hold has ended given to the guests waiting.
    "invitation-reminders": {"task": "wic.guests.send_due_invitation_reminders", "schedule": 60 * 60},
    "invitation-expired-holds": {"task": "wic.guests.release_expired_holds", "schedule": 5 * 60},
    # Summaries of moved sessions whose quiet period is over (the task queued with the last move may be lost).
    "guest-session-move-notices": {"task": "wic.guests.send_due_session_move_notices", "schedule": 60},
    "requeue-webhook-deliveries": {"task": "wic.partners.requeue_webhook_deliveries", "schedule": 60},
    # Report editions whose release time has come (a task enqueued with its ETA may be lost with the broker).
    "publish-due-reports": {"task": "wic.reports.publish_due_reports", "schedule": 60},
    # Spreadsheet imports nobody confirmed within a day, and their uploads (guest lists) in private storage.
    "prune-spreadsheet-imports": {"task": "wic.summits.prune_spreadsheet_imports", "schedule": 60 * 60},
    # The heartbeat /readyz reads: beat, the broker and a worker working end to end (core/health/).
    "worker-heartbeat": {"task": "wic.core.record_worker_heartbeat", "schedule": WORKER_HEARTBEAT_SECONDS},
}

# --- Email ----------------------------------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="" if not PRODUCTION else "smtp://localhost:25")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL", default=EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
# Each step of an SMTP conversation, not their sum; with a minute more, how long a worker's claim on an email it is
# sending holds (core/services/delivery.py): past it, the worker is taken as dead and the email is sent again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Retry like a mail server: a temporary failure (4xx at any stage, a lost or refused connection, a timeout) is
# tried again after EMAIL_RETRY_FIRST_SECONDS, then after about as long again as the email has waited (doubling),
# at most EMAIL_RETRY_MAX_SECONDS apart, until EMAIL_RETRY_HOURS after the first attempt; then it is failed and
# shown in the admin. Greylisting and a mail server down for maintenance cost a delay, not the email. A permanent
# 5xx fails at once. Beat's flush_outbox (OUTBOX_FLUSH_SECONDS) sends what is due, so that is the finest step.
EMAIL_RETRY_HOURS = env.float("EMAIL_RETRY_HOURS", default=48)
EMAIL_RETRY_FIRST_SECONDS = env.int("EMAIL_RETRY_FIRST_SECONDS", default=60)
EMAIL_RETRY_MAX_SECONDS = env.int("EMAIL_RETRY_MAX_SECONDS", default=3600)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WIC Wuzhen Summit <noreply@wuzhen-summit.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The public site's Content-Security-Policy (core.middleware); MEDIA on another host needs it in img-src.
SITE_CONTENT_SECURITY_POLICY = env.str(
    "SITE_CONTENT_SECURITY_POLICY",
    default="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)

# Absolute links in emails (verification, the guest's own page), canonical URLs, OpenGraph, the sitemap and the
# feeds start with this: production must name its public address; embedded, it is where `make run` serves (above).
SITE_URL = (env.str("SITE_URL") if PRODUCTION else env.str("SITE_URL", default=_embedded_site_url)).rstrip("/")

# --- Guest registration ---------------------------------------------------------------------------------------
REGISTRATION_RATE_LIMIT = env.int("REGISTRATION_RATE_LIMIT", default=20)  # registration POSTs per IP per hour
# The other public forms, per client IP per hour: nominations and competition entries, membership and exhibitor
# applications.
NOMINATION_RATE_LIMIT = env.int("NOMINATION_RATE_LIMIT", default=10)
MEMBERSHIP_APPLICATION_RATE_LIMIT = env.int("MEMBERSHIP_APPLICATION_RATE_LIMIT", default=10)
EXHIBITOR_APPLICATION_RATE_LIMIT = env.int("EXHIBITOR_APPLICATION_RATE_LIMIT", default=10)
REGISTRATION_VERIFY_DAYS = env.int("REGISTRATION_VERIFY_DAYS", default=14)
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=3)
# Invitees who have not answered are reminded this many days after the invitation (then after the last reminder),
# at most INVITATION_MAX_REMINDERS times; an imported invitation without a hold deadline holds its seats
# INVITATION_HOLD_DAYS days (never past the edition's last day).
INVITATION_REMINDER_DAYS = env.int("INVITATION_REMINDER_DAYS", default=7)
INVITATION_MAX_REMINDERS = env.int("INVITATION_MAX_REMINDERS", default=2)
INVITATION_HOLD_DAYS = env.int("INVITATION_HOLD_DAYS", default=21)
# A moved session's seated guests get one summary once the organizers have not moved any session of the edition
# for this many seconds; at the latest this long after the first move still untold.
SESSION_MOVE_NOTICE_DELAY = env.int("SESSION_MOVE_NOTICE_DELAY", default=10 * 60)
SESSION_MOVE_NOTICE_MAX_WAIT = env.int("SESSION_MOVE_NOTICE_MAX_WAIT", default=2 * 60 * 60)
# Test-only: the concurrency test turns row locks off to prove it would see overbooking (a negative control).
GUESTS_LOCK_SEATS = True

# --- Internationalisation -------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Dates in each language's own order (2024年11月19日 星期二), and the named formats the templates use.
FORMAT_MODULE_PATH = ["wic.formats"]
# Country and region names as the host writes them (core/country_names.py), for every use of django-countries'
# default list; the site's own fields and selects also sort them by pinyin in Chinese (core/countries.py).
COUNTRIES_OVERRIDE = COUNTRY_NAME_OVERRIDES

# --- Static and uploaded files --------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files that must never be public (nominations' supporting documents): outside MEDIA_ROOT, no URL, read
    # through views that check who asks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded images: real image types only, and a pixel limit against decompression bombs.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)  # a nomination's supporting document
REPORT_MAX_BYTES = env.int("REPORT_MAX_BYTES", default=100 * 1024 * 1024)  # one language file of a report edition

# --- Auth -----------------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Signing in on the site without `next`: organizers to the admin, jurors to their jury page (website/accounts.py).
LOGIN_REDIRECT_URL = "signed-in"
# How long the link of a juror's invitation to set a password works (awards/services/jurors.py).
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60
# Every sign-in (the admin's and the site's) goes through axes first: it refuses a locked-out account and client.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# --- Sign-in throttling (django-axes) ---------------------------------------------------------------------------
# After AXES_FAILURE_LIMIT wrong passwords for one username from one client address, that pair is refused for
# AXES_COOLOFF_MINUTES after the last failure (even with the right password); a successful sign-in resets the count.
# Per username and address together: per address alone would lock out a whole delegation behind one NAT, per
# username alone would let anyone lock an organizer out. The address is core.client_address's, so behind the proxy
# each client counts on its own and a forged X-Forwarded-For starts no fresh count. Organizers unlock an account
# by deleting its row under "Access attempts" in the admin; `manage.py axes_reset` unlocks everyone.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
# A retry while locked out does not push the end of the lockout further: the page's "try again in N minutes" holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The lockout answer: a page in the visitor's language with the cool-off time (status 429), not axes' bare text.
AXES_LOCKOUT_CALLABLE = "website.accounts.locked_out"

# --- REST API -------------------------------------------------------------------------------------------------
# How many proxies (nginx, a load balancer) stand before gunicorn: every rate limit (the forms' and the API's)
# then counts the client's address from X-Forwarded-For, that many entries from its end; 0 counts REMOTE_ADDR.
# API_NUM_PROXIES is its former name, still read.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("API_NUM_PROXIES", default=1 if PRODUCTION else 0))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Partners identify with an API key; organizers browsing the API keep their admin session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.ordering.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StableCursorPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_THROTTLE_CLASSES": [
        "partners.throttling.AnonymousRateThrottle",
        "partners.throttling.PartnerKeyRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env.str("API_ANONYMOUS_RATE", default="120/minute"),
        "partner": env.str("API_PARTNER_RATE", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "core.api.errors.json_exception_handler",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WIC Summit API",
    "DESCRIPTION": "Read-only access to the published programme, awards, expo, members and reports of the World "
    "Internet Conference summits. Send `X-Api-Key: <key>` for the partner rate limit.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "core.api.pagination.shared_tombstone"],
}
# Partners' browsers and apps may read the API and the feeds from any origin; nothing else is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/v1/|summits/\d+/.*schedule)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Both ways of sending a partner key (`X-Api-Key: <key>` and `Authorization: Api-Key <key>`) pass the preflight.
# What a partner's browser code sends on a GET: the key either way, validators, and what HTTP client wrappers add.
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "cache-control", "content-type", "if-none-match",
                      "if-modified-since", "x-api-key"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Webhooks to partners: how long one POST may take, and how many tries before a delivery is given up. Timeouts,
# 429 and 5xx are tried again WEBHOOK_RETRY_FIRST_SECONDS later, the wait doubling each time (at most an hour).
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_FIRST_SECONDS = env.int("WEBHOOK_RETRY_FIRST_SECONDS", default=30)
# Webhooks to loopback or private networks: allowed for development and tests only.
WEBHOOK_ALLOW_INTERNAL_ADDRESSES = env.bool("WEBHOOK_ALLOW_INTERNAL_ADDRESSES", default=not PRODUCTION)

# --- Production hardening (what `check --deploy` asks for) ----------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# No email address, name or token reaches a log line: every handler carries core.log_scrubbing's filter (Celery's
# worker adds it to the handlers it makes), and runserver's request log (django.server) drops guests' tokens too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_personal_data": {"()": "core.log_scrubbing.ScrubPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                          "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub_personal_data"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "filters": ["scrub_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of every PDF at INFO; its warnings (a missing font, a bad image) still show.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"},
                # axes announces its configuration at INFO in every process and command; lockouts are WARNING.
                "axes": {"level": "WARNING"},
                "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
                # Django's default console handler on "django" (DEBUG only) printed each request error a second
                # time, unscrubbed: its records go to the root's handler only.
                "django": {"level": "INFO"}},
}
