"""Import Markdown files with YAML front matter (a Hugo site's content, or the demo) as toolkit pages."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from importer.rules import DEFAULT_RULES_FILE, RulesError, load_rules
from importer.service import MarkdownImporter, markdown_files


class Command(BaseCommand):
    help = (
        "Import Markdown files (or folders of them) as toolkit pages. Without --publish, pages are drafts "
        "submitted to the review workflow. Re-importing a file updates the page imported from it."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Markdown files or folders (searched recursively).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish the pages instead of submitting them.")
        parser.add_argument("--rules", default=DEFAULT_RULES_FILE, help="Rules file (default: importer/rules.yaml).")
        parser.add_argument(
            "--base", help="Folder the files' keys are relative to (default: each folder given), e.g. a Hugo site."
        )
        parser.add_argument("--verbose-files", action="store_true", help="List every file with what happened.")

    def handle(self, *args, paths, dry_run, publish, rules, base, verbose_files, **options):
        try:
            importer = MarkdownImporter(rules=load_rules(rules), publish=publish, dry_run=dry_run)
        except RulesError as error:
            raise CommandError(str(error)) from error
        missing = [path for path in paths if not Path(path).exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        try:
            files = list(markdown_files(paths, base))
        except ValueError as error:
            raise CommandError(f"Every file must be inside --base: {error}") from error
        bar = tqdm(total=len(files), unit="file", file=sys.stderr, disable=options["verbosity"] < 1 or None)
        report = importer.run(files, progress=lambda outcome: bar.update())
        bar.close()
        self.write_report(report, dry_run, verbose_files)

    def write_report(self, report, dry_run, verbose_files):
        if verbose_files:
            for outcome in report.outcomes:
                detail = outcome.reason or outcome.title
                self.stdout.write(f"{outcome.status:10} {outcome.key}  {detail}")
        counts = report.counts()
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count or status != "failed")
        self.stdout.write(f"{prefix}{summary}.")
        for status in ("skipped", "failed"):
            for reason, count in report.reasons(status):
                self.stdout.write(f"  {status} ({count}): {reason}")
        for note, count in report.notes():
            self.stdout.write(f"  note ({count}): {note}")
        if counts["failed"]:
            self.stdout.write(self.style.ERROR(f"{counts['failed']} files failed; see above."))
