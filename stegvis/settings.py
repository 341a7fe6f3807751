"""Stegvis settings: one module, configured from the environment.

With no environment at all, Stegvis runs its embedded demo profile: SQLite in ``var/``, DEBUG on,
mail to the console. ``STEGVIS_ENV=production`` turns every unsafe default off and insists on
the values that a real installation must give (see docs/operations.md for the full list).
Bad values fail at start-up with a message naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from the environment; ``NAME_FILE`` names a file that holds the value."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


STEGVIS_ENV = os.environ.get("STEGVIS_ENV", "demo")
if STEGVIS_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(f"STEGVIS_ENV={STEGVIS_ENV!r}: use demo, test or production")
PRODUCTION = STEGVIS_ENV == "production"

VAR_DIR = Path(env_str("STEGVIS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=STEGVIS_ENV == "demo")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when STEGVIS_ENV=production")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production")
    SECRET_KEY = "stegvis-demo-only-not-secret-" + "x" * 32

# Key for the personal identity number at rest (Fernet, 32 url-safe base64 bytes).
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY (or _FILE) is required in production")
    FIELD_ENCRYPTION_KEY = "ZGVtby1vbmx5LWtleS1zdGVndmlzLWRlbW8tMDAwMDA="

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production (comma separated)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "stegvis.core",
    "stegvis.organisations",
    "stegvis.people",
    "stegvis.competences",
    "stegvis.accounts",
    "stegvis.courses",
    "stegvis.journeys",
    "stegvis.station",
    "stegvis.development",
    "stegvis.gaps",
    "stegvis.strategy",
    "stegvis.regionplan",
    "stegvis.funding",
    "stegvis.portal",
    "stegvis.demo",
    "stegvis.provisioning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stegvis.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "stegvis.accounts.middleware.RequireSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stegvis.urls"
WSGI_APPLICATION = "stegvis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "stegvis" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stegvis.core.context_processors.navigation",
                "stegvis.portal.context_processors.menu",
            ],
            "builtins": ["stegvis.core.templatetags.fast_date"],  # |date, faster, same text
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    import dj_database_url

    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from exc
else:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL is required in production (PostgreSQL)")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "stegvis.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "stegvis.accounts.backends.AuthenticationBackend",  # allauth's; see its module
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

# django-allauth: local accounts by email, no self sign-up, TOTP as second factor.
ACCOUNT_ADAPTER = "stegvis.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,10/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Stegvis"

# django-axes: lock an account+address after repeated failed logins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Internationalisation: Swedish first, Danish and English ship.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "stegvis" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one
STATICFILES_DIRS = [BASE_DIR / "stegvis" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "stegvis.core.storage.StaticFilesStorage"  # whitenoise's, URLs kept
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Background work: django.tasks on the database backend (worker: manage.py db_worker).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Mail: the console in the demo, SMTP in production.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "stegvis@localhost")
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if PRODUCTION
        else {},
    }
}

# Security headers. A strict Content-Security-Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_ENGINE = "stegvis.accounts.sessions"  # Django's database sessions, read faster
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Years in the profession that separate the experience phases new / experienced / senior.
try:
    STEGVIS_PHASE_BOUNDARIES = tuple(
        int(x) for x in env_list("STEGVIS_PHASE_BOUNDARIES", ["2", "5"])
    )
except ValueError as exc:
    raise ImproperlyConfigured("STEGVIS_PHASE_BOUNDARIES needs two whole years, e.g. 2,5") from exc
if (
    len(STEGVIS_PHASE_BOUNDARIES) != 2
    or not 0 < STEGVIS_PHASE_BOUNDARIES[0] < STEGVIS_PHASE_BOUNDARIES[1]
):
    raise ImproperlyConfigured("STEGVIS_PHASE_BOUNDARIES needs two increasing years, e.g. 2,5")

# Statistics for read-only roles hide groups smaller than this.
STEGVIS_MIN_GROUP_SIZE = env_int("STEGVIS_MIN_GROUP_SIZE", 5)

# The address of this installation, for links in mail and calendar files (no trailing slash).
# In production it defaults to https:// and the first name in ALLOWED_HOSTS.
STEGVIS_SITE_URL = env_str(
    "STEGVIS_SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")
# Course reminders: days before each course day, and before the first day for open preparation.
STEGVIS_COURSE_REMINDER_DAYS = env_int("STEGVIS_COURSE_REMINDER_DAYS", 2)
STEGVIS_PREPARATION_REMINDER_DAYS = env_int("STEGVIS_PREPARATION_REMINDER_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "stegvis.core.logging.RedactIdentityNumbers"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": env_str("AXES_LOG_LEVEL", "WARNING")},
        # WeasyPrint reports each step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
