"""casework settings, read from the environment.

No configuration at all gives the embedded default for `make run`: a SQLite file and a Celery
broker kept in files, so nothing else needs to be running. Production sets DATABASE_URL,
REDIS_URL, SECRET_KEY, ALLOWED_HOSTS (and leaves DEBUG off).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "casework-local-development-only-not-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "crispy_forms",
    "crispy_forms_gds",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "access",
    "casework",
    "records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "access.middleware.NoStoreMiddleware",
    # §14, after the headers above so that their redirects carry them too: who is verified by a
    # second factor, sign-out after inactivity, then the steps a sign-in still owes (2FA, new password).
    "django_otp.middleware.OTPMiddleware",
    "access.middleware.InactivityTimeoutMiddleware",
    "access.middleware.SignInStepsMiddleware",
    # Issue 14: a PermissionDenied on a child's page is the same logged 404 as any other refusal.
    "casework.children.authorisation.RefusalMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into our lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# No "loaders" option: Django then wraps the app and directory loaders in the cached loader (compiled templates
# are kept between requests), which a custom list would turn off (bench/PROFILE.md; tests/casework/banner).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "access.context_processors.role_flags",
                "access.context_processors.session_timeout",
            ],
            "builtins": ["access.templatetags.remembered_url", "access.templatetags.quick_dates"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "casework.sqlite3",
            # WAL and immediate transactions let the web server, worker and beat share the file.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The dashboard's covering index (INCLUDE columns) is a PostgreSQL optimisation; SQLite keeps the
    # index on its key columns and ignores the rest, which is all the embedded database needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    # The test suite runs in parallel processes (pytest-xdist) that share one Redis, as they share
    # one PostgreSQL server with a database each: each process keeps to its own keys and queues.
    _test_worker = env_str("PYTEST_XDIST_WORKER")
    if _test_worker:
        CACHES["default"]["KEY_PREFIX"] = _test_worker
        CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = f"{_test_worker}:"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Embedded broker: messages are files in .celery/, shared by every local process.
    _broker_dir = BASE_DIR / ".celery" / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(BASE_DIR / ".celery" / "processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = "Europe/London"
CELERY_ENABLE_UTC = True
CELERY_TASK_IGNORE_RESULT = True
# Any task may run twice (late acknowledgement, Redis redelivery): every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
# WeasyPrint holds a whole document's layout in memory: a worker child that grows past this many
# kilobytes finishes its task and is replaced, so one big record cannot starve the machine.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Authentication and permissions ---------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "access.sign_in.lockout.LockoutBackend",  # django-axes first: a locked-out username and address goes no further
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user; anonymous visitors see nothing.
GUARDIAN_RAISE_403 = False
LOGIN_URL = "access:sign_in"
LOGIN_REDIRECT_URL = "records:my_work"
LOGOUT_REDIRECT_URL = "access:sign_in"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "access.sign_in.passwords.NamesValidator"},
    {"NAME": "access.sign_in.passwords.PasswordHistoryValidator", "OPTIONS": {"remember": 5}},
]

# --- §14: keeping records secure -------------------------------------------------------------
# Automatic log-out: after this long without a request, the session is signed out (middleware),
# with a warning this long before it and a button to stay signed in (WCAG 2.2.1).
INACTIVITY_TIMEOUT_SECONDS = env_int("INACTIVITY_TIMEOUT_SECONDS", 15 * 60)
INACTIVITY_WARNING_SECONDS = env_int("INACTIVITY_WARNING_SECONDS", 60)
if not 0 < INACTIVITY_WARNING_SECONDS < INACTIVITY_TIMEOUT_SECONDS:
    raise ImproperlyConfigured("INACTIVITY_WARNING_SECONDS must be more than 0 and less than INACTIVITY_TIMEOUT_SECONDS.")
# "Changing passwords on a regular basis": a password older than this must be changed at sign-in.
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)
if PASSWORD_MAX_AGE_DAYS < 1:
    raise ImproperlyConfigured("PASSWORD_MAX_AGE_DAYS must be at least 1.")
# Roles that must use two-step verification (a code from an authenticator app) after their
# password. Anyone may set it up; whoever has, uses it at every sign-in. Off for `make run`'s demo.
REQUIRE_2FA_FOR_ROLES = env_list("REQUIRE_2FA_FOR_ROLES", [] if DEBUG else ["Team manager", "Administrator"])
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Casework")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key

# django-axes: lock out a username from one address after repeated failures, so that nobody can
# lock a colleague out everywhere by typing their username. Attempts are kept in the
# database; our AuditEvent rows are the sign-in record, so axes keeps no access log of its own.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "access.sign_in.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "access.sign_in.lockout.client_ip"
# Behind a TLS proxy REMOTE_ADDR is the proxy: the address is read from X-Forwarded-For, counting
# this many trusted proxies from the right (the left-most entries are whatever the client sent).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY", False) else 0)

# §14 and "never lose typed work": drafts are sent to the server at least this often.
AUTOSAVE_SECONDS = env_int("AUTOSAVE_SECONDS", 30)

# Named user that changes made by Celery tasks and management commands are attributed to.
SYSTEM_USERNAME = "casework-system"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files: built by `npm run build` into static/build, served by WhiteNoise ---------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".staticfiles"
STATICFILES_DIRS = [
    ("build", BASE_DIR / "static" / "build"),
    ("js", BASE_DIR / "static" / "js"),
    ("pdf", BASE_DIR / "static" / "pdf"),  # print styles, read by the PDF renderer's url_fetcher
    ("images", BASE_DIR / "static" / "images"),  # our own favicon (the GOV.UK crown is for GOV.UK only)
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# PDFs of children's records: outside the web root and never under static, served only by the
# download view after its permission checks (records/pdf_views.py). Gitignored.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))).resolve()
for _public in [STATIC_ROOT, *(directory for _, directory in STATICFILES_DIRS)]:
    if PRIVATE_MEDIA_ROOT.is_relative_to(Path(_public).resolve()):
        raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside a static files directory.")
# Issue 17: the council's local authority number with the Department for Education (three digits), written in the
# header of every statutory return. The default is for the demo council only.
DFE_LA_NUMBER = env_str("DFE_LA_NUMBER", "822")
if not (len(DFE_LA_NUMBER) == 3 and DFE_LA_NUMBER.isdigit()):
    raise ImproperlyConfigured("DFE_LA_NUMBER must be the council's three-digit DfE local authority number.")
# Documents uploaded to a child's record (records/uploads.py) are kept under PRIVATE_MEDIA_ROOT/documents.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 50 * 1024 * 1024)
if DOCUMENT_MAX_BYTES < 1:
    raise ImproperlyConfigured("DOCUMENT_MAX_BYTES must be a positive number of bytes.")

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casework@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {
        # WeasyPrint warns on every PDF, where the HarfBuzz-Subset library (Debian's libharfbuzz-subset0)
        # is not installed, that it subsets fonts with fontTools instead: a notice about the machine,
        # not about the document. Its other warnings still show.
        "no_harfbuzz_notice": {"()": "config.log_filters.DropMessage",
                               "starts_with": "Using fontTools instead of HarfBuzz-Subset"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports each rendering step at INFO; its warnings (a refused URL) still show.
        "weasyprint.progress": {"level": "WARNING"},
        "weasyprint": {"filters": ["no_harfbuzz_notice"]},
        # fontTools (WeasyPrint's font subsetting) reports every table it prunes at INFO: pages of it
        # for each PDF, drowning `make run`'s address and log-ins. Its warnings still show.
        "fontTools": {"level": "WARNING"},
        # django-axes announces its version and settings at INFO on every start; lockouts are warnings.
        "axes.apps": {"level": "WARNING"},
    },
}
