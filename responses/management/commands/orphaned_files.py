"""List (and with --delete remove) stored files that no row refers to.

Published PDFs are named by their SHA-256, so a publication retried after a crash reuses its file
instead of leaving a renamed copy behind; a crash between storing a file and committing its row
can still leave one file nobody refers to, as can a report document that was replaced. This finds
them under published/, reports/ and imports/ through Django's storage API, so it works on local disk and on
object storage alike.

A publication stores its PDF before its row commits, so a file stored moments ago may be about to
be referred to: --delete keeps files younger than --min-age minutes (default 60).
"""

import datetime
import posixpath

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

FOLDERS = ("published", "reports", "imports")


def stored_files(storage, folder):
    """Every file under `folder`, walking subfolders; none if the folder does not exist yet."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from stored_files(storage, posixpath.join(folder, name))


def referenced_names():
    """Names held by any FileField of any model, so a new file field cannot make its files look orphaned."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    return names


def _plural(count, word="orphaned file"):
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "List stored files under published/, reports/ and imports/ that no row refers to; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the orphaned files.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="With --delete, keep files stored less than this many minutes ago (default 60): "
            "a publication under way stores its PDF before its row commits.",
        )

    def handle(self, *args, delete, min_age, **options):
        storage = default_storage
        # Files first, rows second: a file stored after the listing is not in it, and a row
        # committed before the query protects its file.
        files = [name for folder in FOLDERS for name in stored_files(storage, folder)]
        referenced = referenced_names()
        orphans = [name for name in files if name not in referenced]
        for name in orphans:
            self.stdout.write(name)
        if not delete:
            self.stdout.write(f"{_plural(len(orphans))}.")
            return
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        deleted = kept = 0
        for name in orphans:
            if min_age > 0 and not self._stored_before(storage, name, cutoff):
                kept += 1
                continue
            storage.delete(name)
            deleted += 1
        self.stdout.write(f"Deleted {_plural(deleted)}.")
        if kept:
            self.stdout.write(
                f"Kept {_plural(kept)} stored in the last {min_age} minutes: a publication may be under way."
            )

    @staticmethod
    def _stored_before(storage, name, cutoff):
        try:
            return storage.get_modified_time(name) < cutoff
        except NotImplementedError:
            # A storage that cannot tell a file's age: only --min-age 0 removes its files.
            return False
