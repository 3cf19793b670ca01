# The CX Toolkit knowledge base in one image: Python 3.11, the npm front end (USWDS), gunicorn.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt && npm ci --omit=dev --no-audit --no-fund

COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --no-input

EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--workers", "3", "--bind", "0.0.0.0:8000"]
