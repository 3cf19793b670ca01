"""The services cloud.gov (Cloud Foundry) binds to the app, read from VCAP_SERVICES.

A bound service's address and credentials arrive as JSON in VCAP_SERVICES rather than as the
DATABASE_URL / OPENSEARCH_URL / REDIS_URL variables the settings read everywhere else, so this
turns one into the other. Settings use the result only for variables that are not set: an
operator can still point the app anywhere by hand.
"""

import json
from urllib.parse import quote, urlsplit, urlunsplit

# What each variable is for, and how a bound service shows it is one: its broker's label or tags.
KINDS = {
    "DATABASE_URL": {"aws-rds", "postgres", "postgresql", "rds"},
    "OPENSEARCH_URL": {"aws-elasticsearch", "opensearch", "elasticsearch"},
    "REDIS_URL": {"aws-elasticache-redis", "redis"},
}


def _markers(service):
    return {str(service.get("label", "")).lower(), *(str(tag).lower() for tag in service.get("tags", []))}


def _url(credentials, default_scheme):
    """The service's URI with its user name and password in it (OpenSearch brokers give them apart)."""
    uri = credentials.get("uri") or credentials.get("url")
    if not uri and credentials.get("host"):
        port = credentials.get("port")
        uri = f"{default_scheme}://{credentials['host']}{f':{port}' if port else ''}"
    if not uri:
        return None
    parts = urlsplit(uri)
    username, password = credentials.get("username"), credentials.get("password")
    if parts.username is None and username and password:
        netloc = f"{quote(username, safe='')}:{quote(password, safe='')}@{parts.netloc}"
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def service_urls(vcap_services):
    """{variable: URL} for the PostgreSQL, OpenSearch and Redis services in a VCAP_SERVICES JSON
    string (the first of each kind); {} when there is none or it is empty."""
    if not vcap_services:
        return {}
    services = [service for offering in json.loads(vcap_services).values() for service in offering]
    urls = {}
    for variable, markers in KINDS.items():
        for service in services:
            if _markers(service) & markers:
                url = _url(service.get("credentials", {}), "https")
                if url:
                    urls[variable] = url
                    break
    return urls
