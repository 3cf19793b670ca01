"""The "Toolkit review" workflow: two approval steps every page in the three sections goes through.

Step 1 checks the content (accuracy, scope); step 2 checks accessibility and plain language. The
workflow is attached to the section pages, so every toolkit page inherits it, including pages
created later and drafts proposed through the public submission form. Each step is a `ReviewStep`,
which its author cannot approve (four eyes).
"""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .models import ReviewStep
from .roles import ACCESSIBILITY_REVIEWERS, REVIEWERS

WORKFLOW_NAME = "Toolkit review"
STEPS = (
    ("Content review", REVIEWERS),
    ("Accessibility and plain-language check", ACCESSIBILITY_REVIEWERS),
)


@transaction.atomic
def ensure_review_workflow(groups, section_pages):
    """Create (or repair) the workflow, its two steps in order, and attach it to `section_pages`."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    tasks = []
    for name, group_name in STEPS:
        task, _ = ReviewStep.objects.get_or_create(name=name, defaults={"active": True})
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        task.groups.set([groups[group_name]])
        tasks.append(task)

    current = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order"))
    if [link.task_id for link in current] != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)

    for page in section_pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
