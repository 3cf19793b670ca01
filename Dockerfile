# The CX Toolkit knowledge base in one image: Python 3.11, the npm front end (USWDS), gunicorn.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*

# `--build-arg SEMANTIC=1` adds the semantic search extra (about 115 MB; switch it on at run time
# with SEARCH_SEMANTIC=1, and give each worker about 200 MB more memory).
ARG SEMANTIC=0
COPY requirements.txt requirements-semantic.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt \
    && if [ "$SEMANTIC" = 1 ]; then pip install --no-cache-dir -r requirements-semantic.txt; fi \
    && npm ci --omit=dev --no-audit --no-fund

COPY . .
# The site's stylesheet is built from the templates (frontend/build-css.mjs), then collected.
RUN npm run build:css \
    && SECRET_KEY=build-only python manage.py collectstatic --no-input

EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--workers", "3", "--bind", "0.0.0.0:8000"]
