"""Django settings for the jixiao web application.

Everything that differs between machines comes from the environment:

- ``JIXIAO_DATA_DIR``: where the SQLite file, uploads and the generated secret key live
  (default: the per-user data directory, ``~/.local/share/jixiao``).
- ``DATABASE_URL``: a PostgreSQL (or other) database; SQLite in the data dir otherwise.
- ``DJANGO_SECRET_KEY``: the secret key; generated into the data dir on first run otherwise.
- ``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS``, ``JIXIAO_SECURE_COOKIES``, ``JIXIAO_MAX_UPLOAD_MB``.
- ``JIXIAO_REVIEW_PACK`` (e.g. ``henan-2022``), ``JIXIAO_REVIEW_CONFIG`` (a jixiao.toml;
  ``jixiao.toml`` in the data dir is used when present).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool = False) -> bool:
    """Return the environment variable ``name`` read as a yes/no flag."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    """Return the environment variable ``name`` as an integer, or ``default``."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    """Return the comma-separated environment variable ``name`` as a list."""
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def default_data_dir() -> Path:
    """Return the per-user data directory (XDG on Linux, the same layout elsewhere)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "jixiao"


def envsecret(name: str, keyfile: Path) -> str:
    """Return the secret from ``name``, else from ``keyfile``, creating it on first run.

    The key never lives in the repository; a fresh machine gets its own.
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if keyfile.exists():
        return keyfile.read_text(encoding="ascii").strip()
    keyfile.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        # Create with owner-only permissions so other local users cannot read it.
        fd = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (the worker, a second server) was first
        return keyfile.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR") or default_data_dir()).expanduser()
DATA_DIR.mkdir(parents=True, exist_ok=True)
UPLOAD_DIR = DATA_DIR / "uploads"

SECRET_KEY = envsecret("DJANGO_SECRET_KEY", DATA_DIR / "secret_key")
DEBUG = envbool("DJANGO_DEBUG")
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    # Before ninja, so templates/ninja/swagger.html (the docs page with the app's bar) wins.
    "jixiao_web",
    "ninja",
    "jixiao_web.accounts",
    "jixiao_web.filings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jixiao_web.urls"
WSGI_APPLICATION = "jixiao_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao_web.accounts.context.layout",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}",
        conn_max_age=envint("JIXIAO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the list pages read while an import writes; the timeout rides out
    # short write bursts from the background worker instead of failing with "locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["jixiao_web.accounts.throttle.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after this many failures for one username from one address, refuse
# further attempts for the lockout period (see accounts/throttle.py).
LOGIN_MAX_FAILURES = envint("JIXIAO_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = envint("JIXIAO_LOGIN_LOCKOUT_SECONDS", 15 * 60)

# A file cache in the data dir: shared by the server processes `jixiao serve` forks, so
# the login throttle counts failures across all of them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# app.js reads the token from this cookie (not HttpOnly) so a page outlives a new login.
CSRF_FAILURE_VIEW = "jixiao_web.accounts.csrf.csrf_failure"
# Behind HTTPS set JIXIAO_SECURE_COOKIES=1; the demo on 127.0.0.1 runs over plain HTTP.
SESSION_COOKIE_SECURE = envbool("JIXIAO_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: a batch of Office files or a .zip. Django refuses larger request bodies
# (non-file fields) and spools files above the memory limit to disk; the import code
# checks the total against MAX_UPLOAD_BYTES and says so in Chinese.
MAX_UPLOAD_BYTES = envint("JIXIAO_MAX_UPLOAD_MB", 50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 500
FILE_UPLOAD_TEMP_DIR = None

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing root before collectstatic
# Without collectstatic (a development checkout), WhiteNoise serves from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Review rules: a pack from jixiao's packs/ (JIXIAO_REVIEW_PACK, e.g. henan-2022) and an
# optional jixiao.toml (JIXIAO_REVIEW_CONFIG, else jixiao.toml in the data dir if present).
REVIEW_PACK = os.environ.get("JIXIAO_REVIEW_PACK", "").strip()
REVIEW_CONFIG = os.environ.get("JIXIAO_REVIEW_CONFIG", "").strip() or (
    str(DATA_DIR / "jixiao.toml") if (DATA_DIR / "jixiao.toml").is_file() else ""
)

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")},
    # Django logs every task's start and end at INFO through its "django" logger, which
    # would fill the console of `jixiao serve`; a failed task still logs an ERROR.
    "loggers": {"django.tasks": {"level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")}},
}
