"""Unpacking a zip of Markdown files that an editor uploaded, safely.

The archive comes from a browser, so nothing in it is trusted: only ``.md`` members are written,
under the destination folder and nowhere else (no absolute paths, no ``..``), and the number and
total size of the files are limited so that a small zip cannot expand into a full disk.
"""

import zipfile
from pathlib import PurePosixPath

MAX_FILES = 5000
MAX_TOTAL_BYTES = 50 * 1024 * 1024


class ArchiveError(ValueError):
    """The upload is not an archive we can import; the message is shown to the editor."""


def extract_markdown(upload, destination):
    """Write the Markdown files of the zip `upload` under `destination`; return how many there were."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError("This file is not a zip archive.") from error
    with archive:
        members = [
            member
            for member in archive.infolist()
            if not member.is_dir() and member.filename.lower().endswith(".md") and _is_safe(member.filename)
        ]
        if not members:
            raise ArchiveError("The archive holds no Markdown (.md) files.")
        if len(members) > MAX_FILES:
            raise ArchiveError(f"The archive holds more than {MAX_FILES:,} Markdown files; import it in parts.")
        if sum(member.file_size for member in members) > MAX_TOTAL_BYTES:
            raise ArchiveError("The Markdown files add up to more than 50 MB; import them in parts.")
        for member in members:
            target = destination.joinpath(*PurePosixPath(member.filename).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.write_bytes(archive.read(member))
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
                raise ArchiveError(f"{member.filename} cannot be read from the archive ({error}).") from error
    return len(members)


def _is_safe(name):
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and not path.name.startswith(".")
