#!/usr/bin/env bash
# Load test: gunicorn with production settings on PostgreSQL, the demo content, and wrk against
# five URLs a visitor or a subscriber hits. Prints req/s, p50/p99 latency, socket errors and
# non-2xx answers for each. Figures are printed, never judged: the target is zero errors and zero
# non-2xx, and the latency depends on the machine (a busy one gives noisy numbers).
#
#   bench/load.sh                      # 30 s at 32 connections per URL
#   DURATION=10s CONNECTIONS=8 bench/load.sh
#
# Needs wrk (apt-get install wrk) and PostgreSQL at DATABASE_HOST_URL (default
# postgres://postgres:postgres@127.0.0.1:5432); builds a throw-away database cxkb_load_bench there.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DATABASE_HOST_URL=${DATABASE_HOST_URL:-postgres://postgres:postgres@127.0.0.1:5432}
DATABASE_NAME=${DATABASE_NAME:-cxkb_load_bench}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-3}
PORT=${PORT:-8765}
WORK=$(mktemp -d /tmp/cxkb-load.XXXXXX)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="$DATABASE_HOST_URL/$DATABASE_NAME"
export SECRET_KEY
SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false # plain HTTP on the loopback; production sits behind HTTPS
export STATIC_ROOT="$WORK/static"
export LOG_LEVEL=WARNING

cleanup() {
  [ -n "${GUNICORN_PID:-}" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Preparing $DATABASE_NAME (migrate, roles, demo content) and static files..."
"$PYTHON" - <<EOF
import psycopg2
connection = psycopg2.connect("$DATABASE_HOST_URL/postgres")
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute('DROP DATABASE IF EXISTS "$DATABASE_NAME" WITH (FORCE)')
    cursor.execute('CREATE DATABASE "$DATABASE_NAME"')
EOF
"$PYTHON" manage.py migrate --no-input -v 0
"$PYTHON" manage.py setup_editorial -v 0
"$PYTHON" manage.py load_demo_content -v 0
npm run --silent build:css
"$PYTHON" manage.py collectstatic --no-input -v 0
CASE_STUDY=$("$PYTHON" manage.py shell -c \
  "from kb.models import CaseStudyPage; print(CaseStudyPage.objects.live().public().order_by('pk').first().url)" | tail -1)

"$PYTHON" -m gunicorn config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.2
done

URLS=(
  "/"
  "$CASE_STUDY"
  "/search/?q=customer+journey&type=case-study&level=federal"
  "/api/search/?q=customer+journey&type=case-study"
  "/feeds/"
)

echo
echo "wrk $DURATION, $CONNECTIONS connections, $THREADS threads; gunicorn $WORKERS sync workers; $(nproc) CPUs"
printf "%-60s %9s %9s %9s %7s %8s %9s\n" "URL" "req/s" "p50 ms" "p99 ms" "errors" "non-2xx" "requests"
for url in "${URLS[@]}"; do
  read -r rps p50 p99 errors non2xx requests < <(
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/wrk_report.lua "http://127.0.0.1:$PORT$url" |
      awk '/^RESULT/ {print $2, $3, $4, $5, $6, $7}'
  )
  printf "%-60s %9s %9s %9s %7s %8s %9s\n" "$url" "$rps" "$p50" "$p99" "$errors" "$non2xx" "$requests"
done
