"""Lighthouse scores of the home page, a case study and /search/, served as in production.

    .venv/bin/python bench/lighthouse.py [--port 8131] [--runs 5] [--reports DIR]

Builds a throwaway SQLite site with the demo content under /tmp, collects the static files
(WhiteNoise, compressed and fingerprinted), serves them with gunicorn on production settings
(SECURE_SSL_REDIRECT off: the server is plain HTTP on 127.0.0.1) and runs Lighthouse 12 (npx, with
the distribution's Chromium, ``CHROME_PATH`` to change) on each page, ``--runs`` times in turn.
Performance scores swing by a few points between runs on a shared machine, so the table shows the
median of each score and of the metrics behind performance (FCP, LCP, TBT, CLS), then the audits
that fell short in any run, and the load average before and after. ``--reports`` keeps the JSON
reports (with their filmstrips). The figures are printed, never asserted. Needs Node 20 and npm's
registry or cache.
"""

import argparse
import json
import os
import secrets
import statistics
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
METRICS = {  # audit id: (column, unit, scale)
    "first-contentful-paint": ("FCP", "ms", 1),
    "largest-contentful-paint": ("LCP", "ms", 1),
    "total-blocking-time": ("TBT", "ms", 1),
    "cumulative-layout-shift": ("CLS", "", 1000),  # in thousandths, to print it as a whole number
}


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


def lighthouse(url, report):
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
    return json.loads(report.read_text())


def scores(report):
    figures = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    for audit, (column, _unit, scale) in METRICS.items():
        figures[column] = report["audits"][audit]["numericValue"] * scale
    return figures


def shortfalls(report):
    """The scored audits of any category that did not pass, as Lighthouse titles them."""
    refs = (ref for category in report["categories"].values() for ref in category["auditRefs"])
    audits = (report["audits"][ref["id"]] for ref in refs)
    return {audit["title"] for audit in audits if audit["score"] is not None and audit["score"] < 1}


def print_table(runs, load_before, load_after):
    columns = [*CATEGORIES, *(column for column, _unit, _scale in METRICS.values())]
    print(f"{'page':<12}" + "".join(f"{name:>16}" for name in columns))
    for name, figures in runs.items():
        medians = {column: statistics.median(run[column] for run in figures) for column in columns}
        print(f"{name:<12}" + "".join(f"{round(medians[column]):>16}" for column in columns))
    print("(medians of", len(next(iter(runs.values()))), "runs; CLS in thousandths)")
    before, after = (" ".join(f"{figure:.2f}" for figure in load[:2]) for load in (load_before, load_after))
    print(f"load average (1 and 5 min) before {before}, after {after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs of each page (the table shows medians)")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cxkb-lighthouse-") as tmp:
        workdir = Path(tmp)
        env = production_environment(workdir)
        subprocess.run(["npm", "run", "--silent", "build:css"], cwd=ROOT, check=True)
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
            reports_dir = args.reports or workdir / "reports"
            reports_dir.mkdir(parents=True, exist_ok=True)
            load_before = os.getloadavg()
            runs = {name: [] for name in pages}
            failing = {name: set() for name in pages}
            for run in range(args.runs):
                for name, path in pages.items():
                    report = lighthouse(base + path, reports_dir / f"{name.replace(' ', '-')}-{run + 1}.json")
                    runs[name].append(scores(report))
                    failing[name] |= shortfalls(report)
            load_after = os.getloadavg()
        finally:
            server.terminate()
            server.wait(timeout=30)

    print_table(runs, load_before, load_after)
    for name, titles in failing.items():
        print(f"{name}: short of full marks in some run: {'; '.join(sorted(titles)) or 'none'}")


if __name__ == "__main__":
    main()
