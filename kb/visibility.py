"""THE definition of what the public may see: every channel that shows pages goes through here.

A page is visible when it is live, no view restriction (password, login, groups) covers it or any
of its ancestors, and its expiry time, if any, is still ahead. Wagtail's ``live()`` and ``public()``
cover the first two; expiry needs its own test because an expired page stays "live" until the
``publish_scheduled`` command next runs, and no listing, feed or link may wait for that.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def not_expired():
    """Pages with no expiry time, or one still in the future."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


class VisiblePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's condition for pages under a view restriction, read with a lighter query: the
        restricted pages' paths and depths, where Wagtail loads every column of the restrictions
        and their pages. It runs for every ``visible()`` query (a related-links block, a listing,
        a feed), so its cost is paid on every page view."""
        q = Q()
        for path, depth in PageViewRestriction.objects.values_list("page__path", "page__depth"):
            q |= Q(path__startswith=path) & Q(depth__gte=depth)
        return q if q else Q(pk__in=[])  # no restriction anywhere: no page is private

    def visible(self):
        """Narrow to the pages an anonymous visitor may see right now."""
        return self.live().public().filter(not_expired())


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)


def visible_pages(model=Page):
    """The visible pages of any page model, in tree order as Wagtail's own managers give them.

    For models whose manager kb does not set, above all Wagtail's ``Page``: navigation lists the
    home page's children, whatever their type."""
    return VisiblePageQuerySet(model).order_by("path").visible()


def is_expired(page):
    """The page-level half of the rule that Wagtail's serving does not check (it handles privacy
    itself, with a login or password form)."""
    return page.expire_at is not None and page.expire_at <= timezone.now()


def is_visible(page):
    """Whether one page already in hand is visible, by the same rule as ``visible()``."""
    return visible_pages(type(page)).filter(pk=page.pk).exists()


# Page fields that a save may touch without changing what the public sees: Wagtail's
# ``save_revision`` records a draft, and locks and comments are the editors' own business.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def save_changes_public_view(update_fields):
    """Whether a page save (``post_save``'s ``update_fields``) may change what the public sees:
    every save does, except one that names only draft, lock or comment fields. Each cache of
    public content (the search index's facet index, the page cache) drops its copy on such saves."""
    return not (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS)
