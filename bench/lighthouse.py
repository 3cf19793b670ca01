"""Lighthouse scores of the home page, a case study and /search/, served as in production.

    .venv/bin/python bench/lighthouse.py [--port 8131]

Builds a throwaway SQLite site with the demo content under /tmp, collects the static files
(WhiteNoise, compressed and fingerprinted), serves them with gunicorn on production settings
(SECURE_SSL_REDIRECT off: the server is plain HTTP on 127.0.0.1) and runs Lighthouse 12 (npx, with
the distribution's Chromium, ``CHROME_PATH`` to change) on each page. Prints one table of the four
category scores; the figures are printed, never asserted. Needs Node 20 and npm's registry or cache.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def production_environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{workdir}/lighthouse.sqlite3",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def case_study_path(env):
    code = "from kb.models import CaseStudyPage; print(CaseStudyPage.objects.live().order_by('pk').first().url)"
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {url}")


def lighthouse(url, outdir):
    report = outdir / "report.json"
    subprocess.run(
        [
            "npx",
            "--yes",
            "lighthouse@12",
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
    )
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8131)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cxkb-lighthouse-") as tmp:
        workdir = Path(tmp)
        env = production_environment(workdir)
        for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["load_demo_content"]):
            manage(env, *command)
        manage(env, "set_site_address", "127.0.0.1", str(args.port))
        pages = {"home": "/", "case study": case_study_path(env), "search": "/search/?q=contact+center"}

        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_for(base + "/healthz")
            rows = {}
            for name, path in pages.items():
                outdir = workdir / name.replace(" ", "-")
                outdir.mkdir()
                rows[name] = lighthouse(base + path, outdir)
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"{'page':<12}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, scores in rows.items():
        print(f"{name:<12}" + "".join(f"{scores[category]:>16}" for category in CATEGORIES))


if __name__ == "__main__":
    main()
