"""WAGTAILSEARCH_BACKENDS from environment variables: one function for the settings and the tests.

"database" (SQLite FTS5 / PostgreSQL full text) always exists: it is the embedded default and the
fallback the search page uses when Elasticsearch/OpenSearch does not answer. ELASTICSEARCH_URL
(Elasticsearch 8/9) or OPENSEARCH_URL (OpenSearch 2/3; needs opensearch-py) makes that engine the
default; ELASTICSEARCH_VERSION / OPENSEARCH_VERSION pick the major version, SEARCH_INDEX_PREFIX
and SEARCH_TIMEOUT (seconds) tune it.
"""

DATABASE_SEARCH = {"BACKEND": "search.engines.database_index", "SEARCH_CONFIG": "english"}
DEFAULT_VERSIONS = {"elasticsearch": "9", "opensearch": "3"}


def search_engine_url(environ):
    """The Elasticsearch or OpenSearch address(es) the environment names, or None."""
    return environ.get("ELASTICSEARCH_URL") or environ.get("OPENSEARCH_URL") or None


def search_backends_from_env(environ):
    """The WAGTAILSEARCH_BACKENDS setting for ``environ`` (a mapping such as ``os.environ``)."""
    url = search_engine_url(environ)
    if not url:
        # The same tables under both names: only "default" writes to them.
        return {"default": DATABASE_SEARCH, "database": {**DATABASE_SEARCH, "AUTO_UPDATE": False}}
    flavour = "elasticsearch" if environ.get("ELASTICSEARCH_URL") else "opensearch"
    version = environ.get(f"{flavour.upper()}_VERSION", DEFAULT_VERSIONS[flavour])
    return {
        "default": {
            # Wagtail's backend with the facet fields added (see search/engines/elasticsearch.py).
            "BACKEND": f"search.engines.elasticsearch.{flavour.capitalize()}{version}",
            "URLS": [part.strip() for part in url.split(",") if part.strip()],
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "cxkb_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "ATOMIC_REBUILD": True,
            "OPTIONS": {"max_retries": 0},
        },
        "database": DATABASE_SEARCH,
    }
