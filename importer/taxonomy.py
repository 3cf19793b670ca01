"""Topics and agencies named by imported files, found or created on demand.

A Hugo site describes its terms in files of their own (digital.gov: ``content/topics/<slug>/_index.md``
and ``content/sources/source_<slug>.md``); when such a file sits next to the imported content, a new
term takes its name and description from it instead of being named after its slug.
"""

from functools import lru_cache
from pathlib import Path

from kb.models import Agency, LifeEvent, Topic

from .source import SkipFile, clean_text, read_source

TOPIC_FILES = ("topics/{slug}/_index.md", "topics/{slug}.md")
AGENCY_FILES = ("sources/source_{slug}.md", "sources/{slug}/_index.md", "sources/{slug}.md")


class TermFinder:
    """Looks term slugs up in the database, creating topics (always) and agencies (when described)."""

    def __init__(self, create=True):
        self.create = create

    def topics(self, slugs, near):
        terms = []
        for slug in slugs:
            term = Topic.objects.filter(slug=slug).first()
            if term is None:
                meta = _term_file(Path(near).parent, TOPIC_FILES, slug)
                name = clean_text(meta.get("title")) or slug.replace("-", " ").capitalize()
                term = Topic.objects.filter(name=name).first()
                if term is None and self.create:
                    description = clean_text(meta.get("summary") or meta.get("deck"))
                    term = Topic.objects.create(slug=slug[:80], name=name[:150], description=description)
            if term is not None:
                terms.append(term)
        return terms

    def agencies(self, slugs, source_slug, near):
        """The agencies a file names, plus its `source` when that is a known agency or described in a file."""
        terms = list(Agency.objects.filter(slug__in=slugs))
        if source_slug and source_slug not in slugs:
            agency = Agency.objects.filter(slug=source_slug).first()
            if agency is None:
                meta = _term_file(Path(near).parent, AGENCY_FILES, source_slug)
                name = clean_text(meta.get("name") or meta.get("title"))
                if name:
                    agency = Agency.objects.filter(name=name).first()
                    if agency is None and self.create:
                        website = clean_text(meta.get("domain"))
                        website = website if website.startswith("http") else ""
                        agency = Agency.objects.create(slug=source_slug[:80], name=name[:150], website=website)
            if agency is not None:
                terms.append(agency)
        return terms

    @staticmethod
    def life_events(slugs):
        return list(LifeEvent.objects.filter(slug__in=slugs))

    @staticmethod
    def source_name(source_slug, near):
        if not source_slug:
            return ""
        agency = Agency.objects.filter(slug=source_slug).first()
        if agency is not None:
            return agency.name
        return clean_text(_term_file(Path(near).parent, AGENCY_FILES, source_slug).get("name"))


def _term_file(folder, patterns, slug):
    """The front matter of the nearest file describing `slug`, looking in `folder` and its parents."""
    return _term_file_in(str(folder), patterns, slug)


@lru_cache(maxsize=4096)
def _term_file_in(folder, patterns, slug):
    for directory in (Path(folder), *Path(folder).parents):
        for pattern in patterns:
            candidate = directory / pattern.format(slug=slug)
            if candidate.is_file():
                try:
                    return read_source(candidate, pattern).front_matter
                except SkipFile:
                    return {}
    return {}
