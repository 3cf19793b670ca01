"""The search backends the environment asks for: the same function builds the settings and the
test configuration, so what is tested here is what production reads."""

from config.search_backends import search_backends_from_env


def test_no_engine_named_means_the_database_under_both_names():
    backends = search_backends_from_env({})
    assert backends["default"]["BACKEND"] == "search.engines.database_index"
    assert backends["database"] == {**backends["default"], "AUTO_UPDATE": False}


def test_elasticsearch_url_picks_elasticsearch_9_with_every_listed_node():
    backends = search_backends_from_env({"ELASTICSEARCH_URL": "http://a:9200, http://b:9200,"})
    assert backends["default"]["BACKEND"] == "search.engines.elasticsearch.Elasticsearch9"
    assert backends["default"]["URLS"] == ["http://a:9200", "http://b:9200"]
    assert backends["database"]["BACKEND"] == "search.engines.database_index"


def test_opensearch_version_prefix_and_timeout_come_from_the_environment():
    environ = {"OPENSEARCH_URL": "http://os:9200", "OPENSEARCH_VERSION": "2"}
    backends = search_backends_from_env({**environ, "SEARCH_INDEX_PREFIX": "x_", "SEARCH_TIMEOUT": "9"})
    default = backends["default"]
    assert default["BACKEND"] == "search.engines.elasticsearch.Opensearch2"
    assert (default["INDEX_PREFIX"], default["TIMEOUT"]) == ("x_", 9)
