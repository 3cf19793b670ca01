"""Test support for the search contract: query helpers, a test corpus and the ``engine`` fixture.

The ``engine`` fixture (a pytest plugin loaded by conftest.py) runs each contract test on the
database engine and on a live Elasticsearch/OpenSearch (see tests/live_search.py for where that
server comes from and how its backend settings are built).
"""

import datetime

import pytest
from django.http import QueryDict

from kb.models import Agency, AgencyExamplePage, CaseStudyPage, LifeEvent, ToolPage, Topic
from search.query import parse_search_query
from search.service import run_search

ENGINES = [
    pytest.param("database", id="database"),
    pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.elasticsearch),
]


def querydict(params):
    """A QueryDict from a dict whose values may be lists (repeated parameters)."""
    qd = QueryDict(mutable=True)
    for key, value in params.items():
        qd.setlist(key, value if isinstance(value, list | tuple) else [value])
    return qd


def parse(**params):
    query, errors = parse_search_query(querydict(params))
    assert not errors, errors
    return query


def facet_counts(results, facet):
    return {item.value: item.count for item in results.facets[facet]}


def build_corpus(make_page):
    """A dozen pages with overlapping taxonomy, so each facet has several values."""
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", level="federal")
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", level="federal")
    ohio = Agency.objects.create(name="Ohio Department of Health", acronym="ODH", level="state")
    denver = Agency.objects.create(name="City of Denver", acronym="", level="local")
    journey = Topic.objects.create(name="Journey mapping")
    feedback = Topic.objects.create(name="Customer feedback")
    digital = Topic.objects.create(name="Digital services")
    retiring = LifeEvent.objects.create(name="Retiring")
    child = LifeEvent.objects.create(name="Having a child")
    d = datetime.date
    pages = {
        "claims": make_page(
            CaseStudyPage,
            title="Shorter waits for disability claims",
            summary="Veterans waited months for a decision.",
            publication_date=d(2024, 5, 1),
            agencies=[va],
            topics=[journey, feedback],
            life_events=[retiring],
        ),
        "taxes": make_page(
            CaseStudyPage,
            title="Simpler tax filing",
            summary="Filing online became easier for families.",
            publication_date=d(2023, 2, 1),
            agencies=[irs],
            topics=[digital],
            life_events=[child],
        ),
        "clinic": make_page(
            CaseStudyPage,
            title="Clinic appointment booking",
            summary="Patients booked visits by phone only.",
            publication_date=d(2024, 9, 9),
            agencies=[ohio, va],
            topics=[digital, feedback],
        ),
        "survey": make_page(
            ToolPage,
            title="Post-transaction survey template",
            summary="Ask customers three questions after a service.",
            publication_date=d(2022, 6, 1),
            topics=[feedback],
        ),
        "mapping": make_page(
            ToolPage,
            title="How to run a mapping workshop",
            summary="A half-day session with frontline staff.",
            publication_date=d(2024, 1, 15),
            topics=[journey],
            agencies=[denver],
        ),
        "vamap": make_page(
            AgencyExamplePage,
            title="Veteran journey map",
            summary="The moments that matter when leaving the military.",
            publication_date=d(2023, 11, 11),
            agencies=[va],
            topics=[journey],
            life_events=[retiring],
        ),
        "permits": make_page(
            AgencyExamplePage,
            title="Building permit service blueprint",
            summary="Every step from application to inspection.",
            publication_date=d(2022, 3, 3),
            agencies=[denver],
            topics=[digital],
        ),
    }
    return {
        "pages": pages,
        "agencies": {"va": va, "irs": irs, "ohio": ohio, "denver": denver},
        "topics": {"journey": journey, "feedback": feedback, "digital": digital},
        "life_events": {"retiring": retiring, "child": child},
    }


class EngineHarness:
    """Runs searches on one engine; ``sync()`` makes just-saved pages visible to it."""

    def __init__(self, name, backend_settings=None):
        self.name = name
        self.backend_settings = backend_settings

    def sync(self):
        if self.name != "database":
            from modelsearch.backends import get_search_backend

            get_search_backend("default").get_index_for_model(CaseStudyPage).refresh()

    def search(self, **params):
        self.sync()
        return run_search(parse(**params), fallback=False)


@pytest.fixture(params=ENGINES, name="engine")
def engine_fixture(request, settings, db):
    """The engine under test: the database always, and the live server of ``tests/live_search.py``."""
    if request.param == "database":
        yield EngineHarness("database")
        return
    live = request.getfixturevalue("live_search")
    settings.WAGTAILSEARCH_BACKENDS = live.backends()
    from modelsearch.backends import get_search_backend
    from modelsearch.index import get_indexed_models
    from wagtail.models import Page

    backend = get_search_backend("default")
    # Start clean: an earlier test may have left indexes behind an alias (a rebuild).
    for name in backend.es.indices.get(index=f"{backend.index_prefix}*"):
        backend.es.indices.delete(index=name)
    index = backend.get_index_for_model(Page)
    index.reset()
    for model in get_indexed_models():
        if issubclass(model, Page):
            index.add_model(model)
    yield EngineHarness(request.param, settings.WAGTAILSEARCH_BACKENDS["default"])
