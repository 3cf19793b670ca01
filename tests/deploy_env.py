"""The environment a real production deploy runs with, for tests that start Django in a subprocess."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    """Production settings' environment; `extra` adds variables, or removes them when None."""
    # Only what a real deploy sets: not the test run's database, nor its async-unsafe switch (see conftest).
    unwanted = {"DATABASE_URL", "VCAP_SERVICES", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "OPENSEARCH_URL"}
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="cx.example.gov",
        CSRF_TRUSTED_ORIGINS="https://cx.example.gov",
        DATABASE_URL="postgres://cx:secret@db.internal:5432/cxkb",
    )
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def run_django(code, **env):
    """Run `code` after django.setup() with production settings; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
