"""The four editorial roles, as Wagtail groups with exactly the permissions each role needs.

Roles are code, not data an administrator clicks together, so that every environment (a laptop,
CI, production) enforces the same rule: editors write and submit, reviewers approve, and no group
publishes: a toolkit page goes live only when the "Toolkit review" workflow approves it (see
`editorial.publishing`). Running `ensure_roles()` again resets any permission someone added or
removed by hand, and takes the publish permission away from every group, Wagtail's own
"Moderators" included.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

EDITORS = "Editors"
REVIEWERS = "Reviewers"
ACCESSIBILITY_REVIEWERS = "Accessibility reviewers"
TAXONOMY_MANAGERS = "Taxonomy managers"

TAXONOMY_MODELS = ("agency", "topic", "lifeevent")


@dataclass(frozen=True)
class Role:
    name: str
    # "app_label.codename" permissions held site-wide
    permissions: tuple = ()
    # wagtailcore page permission codenames, held on each of the three section pages
    page_permissions: tuple = ()
    # "app_label.codename" permissions held on the root collection (images and documents)
    collection_permissions: tuple = ()
    description: str = field(default="", compare=False)


ROLES = (
    Role(
        EDITORS,
        permissions=("wagtailadmin.access_admin",),
        # Locking lets a writer keep a page to themselves while they work; only they (or a
        # superuser) can unlock it.
        page_permissions=("add_page", "change_page", "lock_page"),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.choose_document",
        ),
        description="Create and edit pages in the three sections, upload images and documents, "
        "submit for review. Cannot publish.",
    ),
    Role(
        REVIEWERS,
        permissions=("wagtailadmin.access_admin", "submissions.view_casestudysubmission"),
        page_permissions=("change_page", "lock_page"),
        collection_permissions=("wagtailimages.choose_image", "wagtaildocs.choose_document"),
        description="Step 1 of the review: approve, or request changes with a comment; edit pages in "
        "the three sections. Cannot publish. Sees who proposed community submissions.",
    ),
    Role(
        ACCESSIBILITY_REVIEWERS,
        permissions=("wagtailadmin.access_admin",),
        collection_permissions=("wagtailimages.choose_image", "wagtaildocs.choose_document"),
        description="Step 2 of the review: accessibility and plain-language check. Edits pages only "
        "while they are at this step.",
    ),
    Role(
        TAXONOMY_MANAGERS,
        permissions=("wagtailadmin.access_admin",)
        + tuple(f"kb.{action}_{model}" for model in TAXONOMY_MODELS for action in ("add", "change", "delete", "view")),
        description="Manage agencies, topics and life events (Taxonomy in the admin).",
    ),
)


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles(section_pages):
    """Create the groups and give each exactly its role's permissions on `section_pages`.

    Returns {group name: Group}. Permissions a group holds beyond its role (Wagtail's own
    migrations give the "Editors" group add/change on the whole tree and image deletion, for
    example) are removed, and so is every group's publish permission anywhere in the tree.
    """
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(p) for p in role.permissions])

        wanted_page_perms = {
            (page.pk, _permission(f"wagtailcore.{codename}").pk)
            for page in section_pages
            for codename in role.page_permissions
        }
        existing = GroupPagePermission.objects.filter(group=group)
        for grant in existing:
            if (grant.page_id, grant.permission_id) not in wanted_page_perms:
                grant.delete()
        held = set(existing.values_list("page_id", "permission_id"))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page_id=page_id, permission_id=perm_id)
            for page_id, perm_id in sorted(wanted_page_perms - held)
        )

        wanted_collection_perms = {_permission(p).pk for p in role.collection_permissions}
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission_id__in=wanted_collection_perms
        ).delete()
        held = set(GroupCollectionPermission.objects.filter(group=group).values_list("permission_id", flat=True))
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=root_collection, permission_id=perm_id)
            for perm_id in sorted(wanted_collection_perms - held)
        )
        groups[role.name] = group
    GroupPagePermission.objects.filter(permission__codename="publish_page").delete()
    return groups
