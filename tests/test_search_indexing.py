"""Keeping the index right: taxonomy renames, deletes, and the rebuild/check commands."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kb.models import Agency, CaseStudyPage, Topic
from search.engines.database import DatabaseEngine
from search.service import run_search
from tests.search_support import parse


def found(q):
    return [hit.title for hit in run_search(parse(q=q)).hits]


@pytest.fixture
def page(make_page):
    agency = Agency.objects.create(name="Bureau of Examples", acronym="BOE")
    topic = Topic.objects.create(name="Service design")
    return make_page(CaseStudyPage, title="Faster passports", agencies=[agency], topics=[topic])


def test_taxonomy_set_at_publication_is_searchable(page):
    assert found("BOE") == ["Faster passports"]
    assert found("service design") == ["Faster passports"]


def test_renaming_a_term_reindexes_its_pages(page, settings):
    settings.SEARCH_RELAXED_MATCHING = False  # "design" alone would still find the page
    topic = Topic.objects.get(name="Service design")
    topic.name = "Human-centred design"
    topic.save()
    assert found("human centred") == ["Faster passports"]
    assert found("service design") == []


def test_deleting_a_term_reindexes_its_pages(page):
    Agency.objects.get(acronym="BOE").delete()
    assert found("BOE") == []


def test_deleted_pages_leave_the_index(page):
    page.delete()
    assert page.pk not in DatabaseEngine().indexed_titles()


def test_check_reports_and_fixes_drift(page, capsys):
    DatabaseEngine().remove_from_index([page.pk])
    with pytest.raises(CommandError):
        call_command("check_search_index")
    assert "1 missing" in capsys.readouterr().out
    call_command("check_search_index", "--fix")
    assert "Repaired" in capsys.readouterr().out
    call_command("check_search_index")
    assert found("passports") == ["Faster passports"]


def test_rebuild_shows_progress_and_keeps_results(page, capsys):
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "100%" in out and "indexed" in out
    assert found("passports") == ["Faster passports"]
