"""The admin's "Import Markdown" page: upload a zip, read the dry-run report, confirm.

The confirmed import is the same as `manage.py import_markdown` without ``--publish``: pages become
drafts submitted to the review workflow, so nothing an editor uploads is published without review.
Between the report and the confirmation the zip waits in the default file storage (shared by every
web worker), under a random name that only this editor's session knows.
"""

import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import render

from kb.models import AgencyExampleIndexPage, CaseStudyIndexPage, ToolIndexPage

from .archive import ArchiveError, extract_markdown
from .forms import MarkdownArchiveForm
from .service import MarkdownImporter, markdown_files

SESSION_KEY = "importer_pending_archive"
STORAGE_FOLDER = "markdown-imports"
TEMPLATE = "importer/import_markdown.html"


def can_import(user):
    """Whoever may create pages in all three sections may import them (editors, reviewers, admins)."""
    sections = [model.objects.first() for model in (CaseStudyIndexPage, ToolIndexPage, AgencyExampleIndexPage)]
    return all(section and section.permissions_for_user(user).can_add_subpage() for section in sections)


def import_markdown(request):
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = MarkdownArchiveForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = _run(form.cleaned_data["archive"], dry_run=True, user=request.user)
        except ArchiveError as error:
            form.add_error("archive", str(error))
        else:
            form.cleaned_data["archive"].seek(0)
            _forget_pending(request)
            name = default_storage.save(f"{STORAGE_FOLDER}/{secrets.token_hex(16)}.zip", form.cleaned_data["archive"])
            request.session[SESSION_KEY] = name
            return render(request, TEMPLATE, {"report": report, "dry_run": True})
    return render(request, TEMPLATE, {"form": form}, status=400 if form.errors else 200)


def _confirm(request):
    name = request.session.get(SESSION_KEY)
    if not name or not default_storage.exists(name):
        message = "That import has expired or was already done; upload the zip again."
        return render(request, TEMPLATE, {"form": MarkdownArchiveForm(), "message": message}, status=400)
    with default_storage.open(name) as archive:
        report = _run(archive, dry_run=False, user=request.user)
    _forget_pending(request)
    return render(request, TEMPLATE, {"report": report, "dry_run": False})


def _run(archive, dry_run, user):
    with tempfile.TemporaryDirectory(prefix="cxkb-import-") as folder:
        extract_markdown(archive, Path(folder))
        importer = MarkdownImporter(dry_run=dry_run, user=user)
        return importer.run(markdown_files([folder]))


def _forget_pending(request):
    name = request.session.pop(SESSION_KEY, None)
    if name:
        default_storage.delete(name)
