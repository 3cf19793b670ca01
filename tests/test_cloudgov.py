"""cloud.gov: the bound PostgreSQL, OpenSearch and Redis services are read from VCAP_SERVICES."""

import json
from pathlib import Path

import yaml

from config.cloudfoundry import service_urls
from tests.deploy_env import ROOT, run_django

SAMPLE = (Path(__file__).parent / "data" / "vcap_services.json").read_text()


def test_the_database_url_comes_from_the_rds_service():
    assert service_urls(SAMPLE)["DATABASE_URL"] == (
        "postgres://dbuser:s3cr3t-db-pass@cg-aws-broker-prodabc123.ci7nkegdizyy.us-gov-west-1.rds.amazonaws.com"
        ":5432/cgawsbrokerprodabc123"
    )


def test_the_opensearch_url_carries_its_credentials_escaped():
    assert service_urls(SAMPLE)["OPENSEARCH_URL"] == (
        "https://search-user:p%40ss%2Fword%3A1@vpc-cg-broker-search.us-gov-west-1.es.amazonaws.com:443"
    )


def test_the_redis_url_comes_from_the_elasticache_service():
    assert service_urls(SAMPLE)["REDIS_URL"].startswith("rediss://:redis-pass@master.cg-redis")


def test_no_services_means_no_urls():
    assert service_urls(None) == {}
    assert service_urls("{}") == {}
    assert service_urls(json.dumps({"user-provided": [{"label": "user-provided", "credentials": {}}]})) == {}


def test_production_settings_use_the_bound_services():
    script = (
        "from django.conf import settings as s; import json; "
        "db = s.DATABASES['default']; search = s.WAGTAILSEARCH_BACKENDS['default']; "
        "print(json.dumps([db['HOST'], db['NAME'], db['USER'], db['PASSWORD'], search['BACKEND'], search['URLS'], "
        "s.CACHES['default']['BACKEND']]))"
    )
    result = run_django(script, VCAP_SERVICES=SAMPLE, DATABASE_URL=None, OPENSEARCH_VERSION="2")
    assert result.returncode == 0, result.stderr
    host, name, user, password, backend, urls, cache = json.loads(result.stdout.splitlines()[-1])
    assert host.startswith("cg-aws-broker-prodabc123.")
    assert (name, user, password) == ("cgawsbrokerprodabc123", "dbuser", "s3cr3t-db-pass")
    assert backend == "search.engines.elasticsearch.Opensearch2"
    assert urls == ["https://search-user:p%40ss%2Fword%3A1@vpc-cg-broker-search.us-gov-west-1.es.amazonaws.com:443"]
    assert cache == "django.core.cache.backends.redis.RedisCache"


def test_an_explicit_variable_wins_over_the_bound_service():
    script = "from django.conf import settings as s; print(s.DATABASES['default']['HOST'])"
    result = run_django(script, VCAP_SERVICES=SAMPLE, DATABASE_URL="postgres://me:pw@elsewhere.example:5432/cx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "elsewhere.example"


def test_the_manifest_binds_the_services_and_prepares_the_database_on_deploy():
    (app,) = yaml.safe_load((ROOT / "manifest.yml").read_text())["applications"]
    assert {"cx-toolkit-db", "cx-toolkit-search", "cx-toolkit-redis"} <= set(app["services"])
    assert app["env"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert app["env"]["TRUSTED_PROXY_COUNT"] == 1
    for step in ("manage.py migrate --no-input", "manage.py setup_editorial", "gunicorn config.wsgi"):
        assert step in app["command"]
