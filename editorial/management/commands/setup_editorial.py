"""Set up the editorial roles and the review workflow. Safe to run on every deploy."""

from django.core.management.base import BaseCommand

from editorial.roles import ROLES, ensure_roles
from editorial.workflow import ensure_review_workflow
from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Create or repair the editorial groups, their permissions and the 'Toolkit review' workflow."

    def handle(self, *args, **options):
        _home, sections = ensure_site_structure()
        section_pages = list(sections.values())
        groups = ensure_roles(section_pages)
        workflow = ensure_review_workflow(groups, section_pages)
        self.stdout.write(
            f"Editorial set-up: groups {', '.join(groups)}; workflow '{workflow.name}' on "
            f"{', '.join(page.title for page in section_pages)}."
        )
        if options["verbosity"] > 1:
            for role in ROLES:
                self.stdout.write(f"  {role.name}: {role.description}")
