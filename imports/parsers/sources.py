"""Reading an import's input: a file, standard input or an upload; its format; its text.

Every check that can fail on bad input happens here or in the parsers, and fails with an
ImportProblem that names the problem, before anything is parsed into the database.
"""

import os
import sys

from django.conf import settings

from imports.parsers.parsed import ImportProblem

FORMATS = ("auto", "pdf", "html", "text", "json", "csv")


def _too_big(size):
    limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
    return ImportProblem(f"The file is {size / (1024 * 1024):.1f} MB, over the {limit_mb} MB limit (IMPORT_MAX_MB)")


def read_path(path):
    """The bytes of `path`, or of standard input for '-'."""
    limit = settings.IMPORT_MAX_BYTES
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big(len(data))
        return check_not_empty(data)
    if not os.path.exists(path):
        raise ImportProblem(f"There is no file at {path}")
    if os.path.isdir(path):
        raise ImportProblem(f"{path} is a folder, not a file")
    size = os.path.getsize(path)
    if size > limit:
        raise _too_big(size)
    with open(path, "rb") as source:
        return check_not_empty(source.read())


def read_upload(upload):
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise _too_big(upload.size)
    return check_not_empty(upload.read())


def check_not_empty(data):
    if not data.strip():
        raise ImportProblem("The file is empty")
    return data


def detect_format(data, name="", declared="auto"):
    if declared not in FORMATS:
        raise ImportProblem(f"The format must be one of {', '.join(FORMATS)}")
    if declared != "auto":
        return declared
    extension = os.path.splitext(name.lower())[1]
    by_extension = {".pdf": "pdf", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv", ".txt": "text"}
    if extension in by_extension:
        return by_extension[extension]
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")) or b"<body" in head.lower():
        return "html"
    return "text"


def decode_text(data):
    """Text from bytes: UTF-8 only (with or without a byte order mark), with a clear refusal otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(
            "The file is not UTF-8 text. Save it as UTF-8 (in most editors: Save as, Encoding: UTF-8) and try again"
        ) from None
    if "\x00" in text:
        raise ImportProblem("The file looks binary, not text: choose the PDF, HTML, text, JSON or CSV file")
    return text
