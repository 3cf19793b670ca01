"""Test runs: fast hashing, in-memory email, static files without a manifest."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True

# A test database is thrown away: on PostgreSQL, don't wait for each commit (and each flush between
# transactional tests) to reach the disk. Durability is all this gives up.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# The suite runs on the embedded engine whatever the environment names: the tests of a live
# Elasticsearch/OpenSearch switch to it themselves (tests/live_search.py), so OPENSEARCH_URL picks
# the server those tests use and changes nothing else.
WAGTAILSEARCH_BACKENDS = search_backends_from_env({})  # noqa: F405

# The page cache is off (tests change rows behind Django's back and read the page again);
# tests/test_page_cache.py switches it on. Its Cache-Control headers apply either way.
PAGE_CACHE_ENABLED = False
# Every test process its own generation (an in-memory SQLite database has the same name in all of
# them, and parallel workers or another run on the machine must not drop each other's pages).
PAGE_CACHE_GENERATION_FILE = os.path.join(tempfile.gettempdir(), f"cxkb-test-page-cache-{os.getpid()}")
