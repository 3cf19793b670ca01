"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment variables, and
every variable has a working embedded default (SQLite, database search) so that `make run` needs
no configuration at all.
"""

import os
from pathlib import Path

import dj_database_url

from config.cache_settings import caches_from_env
from config.cloudfoundry import service_urls
from config.frontend_cache import frontend_cache_from_env
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


# On cloud.gov, bound services (PostgreSQL, OpenSearch, Redis) arrive in VCAP_SERVICES; a variable
# set explicitly still wins.
for _variable, _url in service_urls(os.environ.get("VCAP_SERVICES")).items():
    if not os.environ.get(_variable):
        os.environ[_variable] = _url

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
    "caching",
    "wagtail_modeladmin",
    "wagtailautocomplete",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
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
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # Anonymous visitors' pages are answered from the page cache before any other work.
    "caching.middleware.PageCacheMiddleware",
    # Inside it, so that the cache keeps each page compressed once (config/compression.py).
    "config.compression.PageGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.middleware.SitePolicyCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
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
# copied into the repository. build/static holds what `npm run build:css` makes from them and from
# static/css (the site's one stylesheet, css/cxkb.css; see frontend/build-css.mjs).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    BASE_DIR / "build" / "static",
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form bodies without files; the page editor's are large

WAGTAIL_SITE_NAME = "CX Toolkit Knowledge Base"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always download (never render in the site's origin), through Wagtail's view, which
# checks privacy and sends nosniff and a "default-src 'none'" policy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; decompression bombs are refused
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # admins' avatars would tell gravatar.com who uses the admin
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

# Security. Headers on every response: CSP (django-csp; config/middleware.py gives /admin/ the
# relaxations Wagtail needs), Permissions-Policy, Referrer-Policy, nosniff, frames denied (the
# /embed/ card alone opts out). HSTS and secure cookies are in production.py.
_VIDEO_HOSTS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": _VIDEO_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", *_VIDEO_HOSTS],
    "frame-ancestors": ["'self'"],  # the editor's live preview frames the page being edited
}
PERMISSIONS_POLICY = {feature: [] for feature in ("camera", "geolocation", "microphone", "payment", "usb")}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Admin login lock-out (django-axes): 5 failures lock that user name, and that client, for an hour.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# Proxies in front of the site whose X-Forwarded-For entries are trusted (cloud.gov: 1). 0 trusts none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Per-client limits count in the default cache, and the page cache keeps pages in "pages": with
# several workers or instances set REDIS_URL, or each process counts and caches on its own.
CACHES = caches_from_env(os.environ)

# The page cache for anonymous visitors (caching/; README "Caching"). Off: pages are rendered for
# every request, still with the same Cache-Control headers.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))  # changes replace entries at once
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # browsers
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300"))  # a CDN, purged on publish
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE", "")  # default: one in the temp dir
# Routes other than Wagtail pages whose anonymous answers are public and cacheable.
PAGE_CACHE_ROUTES = ["linking:feed_atom", "linking:feed_rss", "linking:sitemap", "linking:robots_txt"]
# A CDN in front, purged on publish (off unless configured; see config/frontend_cache.py).
WAGTAILFRONTENDCACHE = frontend_cache_from_env(os.environ)

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
