"""How toolkit fields look in the read API (/api/v2/): serializers named by `api_fields` in kb.models.

They live with the models they serialise. kb.models imports this module, so it must not import
models at load time.

Taxonomy terms come out as their public slug and name (not database ids), a linked page only
when it is itself live and public, and a document as its download address.
"""

from rest_framework.fields import Field

from .visibility import is_visible


class TaxonomyTermsField(Field):
    """[{"slug": "va", "name": "Department of Veterans Affairs"}, ...]"""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [{"slug": term.slug, "name": term.name} for term in manager.all()]


class VisiblePageLinkField(Field):
    """{"id", "title", "html_url"} of a linked page, or null when that page is not live and public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        if not is_visible(page):
            return None
        return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(self.context["request"])}


class DocumentLinkField(Field):
    """{"title", "download_url"} of a document attached to a page."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, document):
        from wagtail.api.v2.utils import get_full_url  # imports Page: not importable while kb.models loads

        return {"title": document.title, "download_url": get_full_url(self.context["request"], document.url)}
