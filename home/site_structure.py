"""The fixed skeleton of the site: one home page and the three section index pages.

Demo content, the editorial set-up and the tests all need this skeleton, and all of them must be
able to run on a fresh database or on one that already has it, so it lives in one idempotent
function.
"""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from kb.models import AgencyExampleIndexPage, CaseStudyIndexPage, ToolIndexPage

from .models import HomePage

SECTIONS = (
    (CaseStudyIndexPage, "Case studies", "case-studies"),
    (ToolIndexPage, "Tools", "tools"),
    (AgencyExampleIndexPage, "Agency examples", "agency-examples"),
)
HOME_TITLE = "Customer Experience Toolkit"


@transaction.atomic
def ensure_site_structure():
    """Create (or find) the home page, make it the default site's root, and create the sections.

    Returns ``(home, {model: section_page})``. Wagtail's placeholder "Welcome" page, created by its
    own migration, is removed the first time so it never shows up on the public site.

    Wagtail's migrations create the default locale, the page tree's root node and the root
    collection; a database emptied with `manage.py flush` (as transactional tests do) has none of
    them, so they are recreated here.
    """
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", live=True))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home-cx", live=True))
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="CX Toolkit")
    elif site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = site.site_name or "CX Toolkit"
        site.save()
        if previous_root.specific_class is Page and not previous_root.get_children().exists():
            previous_root.delete()

    sections = {}
    for model, title, slug in SECTIONS:
        section = model.objects.child_of(home).first()
        if section is None:
            section = home.add_child(instance=model(title=title, slug=slug, show_in_menus=True, live=True))
            section.save_revision().publish()
        sections[model] = section
    return home, sections
