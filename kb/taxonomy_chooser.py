"""The admin's taxonomy chooser: editors type a few letters of an agency (or its acronym), a topic or
a life event and pick from what matches, one term after another, instead of Ctrl-clicking through a
long multi-select.

The widget and its script are wagtail-autocomplete's (a Wagtail project package that works on the
existing `ParentalManyToManyField`s, so the data model, search, the API and the importer are
untouched). The terms it offers come from kb/taxonomy_lookups.py.
"""

import json

from wagtailautocomplete.edit_handlers import AutocompletePanel
from wagtailautocomplete.widgets import Autocomplete

MAX_ID = 2**63 - 1  # taxonomy ids are BigAutoField; anything larger would overflow the query


def term_ids(values):
    """The values that can be term ids (whole numbers in range), as ints; the rest name no term."""
    ids = [int(value) for value in map(str, values) if value.isascii() and value.isdigit()]
    return [pk for pk in ids if pk <= MAX_ID]


def term_item(term):
    """A term as the widget shows it: its id and its display name."""
    return {"pk": term.pk, "title": str(term)}


class TaxonomyAutocomplete(Autocomplete):
    """The package's widget, reading and writing terms by their display name.

    Its script posts the choice as JSON (`[{"pk": 3, "title": ...}]`); a form posted without the
    script (a test, a script, a browser that failed to load it) sends plain ids, as a multi-select
    does. Both are read; anything else names no term, so it is no choice rather than an error page.
    """

    def __init__(self, target_model, attrs=None):
        super().__init__(target_model, can_create=False, is_single=False, attrs=attrs)

    def format_value(self, value):
        terms = self.target_model.objects.filter(pk__in=term_ids(value or ()))
        return json.dumps([term_item(term) for term in terms])

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        values = [value for value in values if value]
        if len(values) == 1:
            try:
                chosen = json.loads(values[0])
            except ValueError:
                chosen = values
            if not isinstance(chosen, list):
                chosen = [chosen]
            values = [item.get("pk") if isinstance(item, dict) else item for item in chosen]
        return term_ids(value for value in values if value is not None)


class TaxonomyPanel(AutocompletePanel):
    """A searchable choice of several taxonomy terms, for a many-to-many field of the taxonomy."""

    def widget_overrides(self):
        return {self.field_name: TaxonomyAutocomplete(target_model=self.target_model)}
