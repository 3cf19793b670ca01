"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment variables, and
every variable has a working embedded default (SQLite, database search) so that `make run` needs
no configuration at all.
"""

import os
from pathlib import Path

import dj_database_url

from config.search_backends import search_backends_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a boolean environment variable the way operators write them (1/true/yes/on)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "kb",
    "search",
    "editorial",
    "submissions",
    "linking",
    "importer",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_shell",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL (e.g. postgres://user@host:5432/cxkb) in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# USWDS and GOV.UK's accessible-autocomplete are served straight from their npm packages: never
# copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("uswds", BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
    ("accessible-autocomplete", BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images and documents; production puts a web server or object store in front instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "CX Toolkit Knowledge Base"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.publishing.publish_approved_revision"

# Search engines: the database by default, Elasticsearch/OpenSearch when named (see config/search_backends.py).
WAGTAILSEARCH_BACKENDS = search_backends_from_env(os.environ)

# How search understands words (see README, "How search understands queries"). Each step can be
# switched off for comparison (bench/relevance.py) or if it misbehaves in production.
SEARCH_RELAXED_MATCHING = env_bool("SEARCH_RELAXED_MATCHING", True)  # most of the words when none has all
SEARCH_TYPO_TOLERANCE = env_bool("SEARCH_TYPO_TOLERANCE", True)  # unknown words corrected from the index
SEARCH_SYNONYMS = env_bool("SEARCH_SYNONYMS", True)  # the editors' glossary of synonyms and acronyms
# Ranking by meaning too (sentence embeddings); needs the optional extra requirements-semantic.txt.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Background tasks (search and reference indexing) log every run at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
