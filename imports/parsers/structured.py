"""The documented JSON and CSV import formats, for bulk loads and corrections.

JSON is exactly what `--json` prints (ParsedReport.to_json / ParsedResponse.to_json), so a parse
can be corrected by machine and imported again. CSV holds one report's findings, one per row, with
the report's own fields given on the command line or in the browser. Every problem is reported
with where it is ("findings[2].kind", "row 4"), and nothing is saved unless all of it is valid.

Every check here is linear in the size of the input, and the input is bounded (tracker/limits.py):
JSON nested deeper than the format needs, text PostgreSQL cannot store (U+0000, unpaired
surrogates) and more rows than IMPORT_MAX_ROWS are refused with a message, never a crash.
"""

import csv
import datetime
import io
import json
import re

from django.core.exceptions import ValidationError

from imports.parsers.parsed import (
    FINDING_KINDS,
    POSITIONS,
    REPORT_FORMAT,
    REPORT_TYPES,
    RESPONSE_FORMAT,
    ImportProblem,
    ParsedFinding,
    ParsedItem,
    ParsedReport,
    ParsedResponse,
)
from tracker import limits
from tracker.validators import validate_web_address
from tracker.vocabulary import CONCERN_KINDS

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
CSV_COLUMNS = (
    "kind",
    "reference",
    "text",
    "addressees",
    "cause_of_concern",
    "deadline_on",
    "deadline_text",
    "addressed_forces",
)


def _too_deep():
    return ImportProblem(
        f"The JSON is nested more than {limits.JSON_MAX_DEPTH} levels deep; the import format needs no more than 6"
    )


def _load_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"The JSON is not valid: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise ImportProblem("The JSON is not valid: it has a number too long to read") from None
    _check_json(data)
    return data


def _json_path(path):
    """The place in the JSON, as "findings[2].text", from the (parent, key) chain _check_json keeps."""
    keys = []
    while path is not None:
        path, key = path
        keys.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(reversed(keys)).lstrip(".") or "the top level"


def _check_json(data):
    """Refuse nesting deeper than JSON_MAX_DEPTH and text no database can store, wherever it is: a
    loop with its own stack, so no depth can exhaust Python's."""
    pending = [(data, 1, None)]
    while pending:
        value, depth, path = pending.pop()
        if isinstance(value, str):
            _check_text(value, _json_path, path)
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > limits.JSON_MAX_DEPTH:
            raise _too_deep()
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in entries:
            if isinstance(key, str):
                _check_text(key, lambda parent: f"A name in {_json_path(parent)}", path)
            pending.append((item, depth + 1, (path, key)))


def _check_text(text, describe, where):
    """U+0000 and unpaired surrogates (JSON can write both as escapes) cannot be stored as text."""
    if "\x00" in text:
        raise ImportProblem(f"{describe(where)} contains the character U+0000, which text cannot hold: remove it")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ImportProblem(
            f"{describe(where)} contains an unpaired surrogate (a \\ud800 to \\udfff escape on its own), which is not a character"
        ) from None


def _string(data, key, where, required=True, max_length=None):
    value = data.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ImportProblem(f"{where}{key} must be text")
    _check_text(value, lambda name: name, f"{where}{key}")
    value = value.strip()
    if required and not value:
        raise ImportProblem(f"{where}{key} is missing")
    if max_length and len(value) > max_length:
        raise ImportProblem(f"{where}{key} is longer than {max_length:,} characters")
    return value


def _web_address(data, key):
    """An address shown as a link on public pages: http or https only, never javascript: or data:."""
    value = _string(data, key, "", required=False, max_length=500)
    if value:
        try:
            validate_web_address(value)
        except ValidationError:
            raise ImportProblem(
                f"{key} must be a web address starting with https:// or http://, not {value[:100]!r}"
            ) from None
    return value


def _check_count(entries, what):
    limit = limits.import_max_rows()
    if len(entries) > limit:
        raise ImportProblem(f"{what} has more than {limit:,} entries, the most one import may have (IMPORT_MAX_ROWS)")


def _date(value, where):
    """A date written as YYYY-MM-DD, and nothing else: Python's fromisoformat also reads 20240328,
    2024-W13-4 and (from str()) the number 20240328, which no one means as a date in this format."""
    if value in (None, ""):
        return None
    try:
        if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ImportProblem(f"{where} must be a date written as YYYY-MM-DD, not {value!r}") from None


def _string_list(value, where):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(";") if part.strip()]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = value
    else:
        raise ImportProblem(f"{where} must be a list of text")
    for part in parts:
        _check_text(part, lambda name: name, where)
    return parts


def _finding(data, where):
    if not isinstance(data, dict):
        raise ImportProblem(f"{where} must be an object")
    kind = _string(data, "kind", where)
    if kind not in FINDING_KINDS:
        raise ImportProblem(f"{where}kind must be one of {', '.join(FINDING_KINDS)}, not {kind!r}")
    return ParsedFinding(
        kind=kind,
        reference=_string(data, "reference", where, max_length=100),
        text=_string(data, "text", where, max_length=limits.FINDING_TEXT_MAX),
        addressees=_string_list(data.get("addressees"), f"{where}addressees"),
        cause_of_concern=_string(data, "cause_of_concern", where, required=False, max_length=100),
        deadline_on=_date(data.get("deadline_on"), f"{where}deadline_on"),
        deadline_text=_string(data, "deadline_text", where, required=False, max_length=200),
        addressed_forces=_string_list(data.get("addressed_forces"), f"{where}addressed_forces"),
    )


def _check_findings(findings):
    # One pass with a set: list.count() in a loop made 1,000,000 rows take minutes (issue 8).
    seen, repeated = set(), set()
    for finding in findings:
        (repeated if finding.reference in seen else seen).add(finding.reference)
    repeated = sorted(repeated)
    if repeated:
        raise ImportProblem(f"Each finding needs its own reference: {', '.join(repeated)} appears more than once")
    concerns = {f.reference for f in findings if f.kind in CONCERN_KINDS}
    for finding in findings:
        if finding.cause_of_concern and finding.cause_of_concern not in concerns:
            raise ImportProblem(
                f"{finding.reference} is under {finding.cause_of_concern!r}, which is not a cause of concern in this report"
            )


def report_from_json(text):
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ImportProblem(f'This JSON is not a report in the import format: it needs "format": "{REPORT_FORMAT}"')
    findings = data.get("findings")
    if not isinstance(findings, list) or not findings:
        raise ImportProblem("findings must be a list with at least one finding")
    _check_count(findings, "findings")
    report_type = _string(data, "report_type", "", required=False) or "other"
    if report_type not in REPORT_TYPES:
        raise ImportProblem(f"report_type must be one of {', '.join(REPORT_TYPES)}, not {report_type!r}")
    parsed = ParsedReport(
        title=_string(data, "title", "", max_length=limits.REPORT_TITLE_MAX),
        findings=[_finding(f, f"findings[{i}].") for i, f in enumerate(findings)],
        published_on=_date(data.get("published_on"), "published_on"),
        report_type=report_type,
        source_url=_web_address(data, "source_url"),
        summary=_string(data, "summary", "", required=False, max_length=limits.FINDING_TEXT_MAX),
        concerns_all_forces=bool(data.get("concerns_all_forces", True)),
        forces=_string_list(data.get("forces"), "forces"),
    )
    _check_findings(parsed.findings)
    return parsed


def report_from_csv(text, *, title, published_on=None, report_type="other"):
    """Findings from CSV rows (columns: CSV_COLUMNS; addressees separated by ';')."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise ImportProblem("The CSV file is empty")
    missing = [column for column in ("kind", "reference", "text") if column not in reader.fieldnames]
    if missing:
        raise ImportProblem(f"The CSV needs the columns kind, reference and text; missing: {', '.join(missing)}")
    unknown = [column for column in reader.fieldnames if column not in CSV_COLUMNS]
    if unknown:
        raise ImportProblem(f"The CSV has columns the format does not know: {', '.join(unknown)}")
    # Row by row, keeping only the findings: one pass, and no second copy of a large file in memory.
    limit = limits.import_max_rows()
    findings = []
    try:
        for n, row in enumerate(reader, start=2):
            if len(findings) == limit:
                raise ImportProblem(
                    f"The CSV has more than {limit:,} rows of findings, the most one import may have (IMPORT_MAX_ROWS). "
                    "Split it into smaller files"
                )
            findings.append(_finding({k: v for k, v in row.items() if k is not None}, f"row {n}: "))
    except csv.Error as error:
        raise ImportProblem(f"The CSV could not be read: {error}") from None
    if not findings:
        raise ImportProblem("The CSV has a header but no findings")
    if not title or not title.strip():
        raise ImportProblem("Give the report's title with the CSV (--title)")
    parsed = ParsedReport(title=title.strip(), findings=findings, published_on=published_on, report_type=report_type)
    _check_findings(parsed.findings)
    return parsed


def response_from_json(text):
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != RESPONSE_FORMAT:
        raise ImportProblem(f'This JSON is not a response in the import format: it needs "format": "{RESPONSE_FORMAT}"')
    items = data.get("items")
    # An empty list is a response that answers the report as a whole (a letter): a real response,
    # imported with its text and no comment on any one finding.
    if not isinstance(items, list):
        raise ImportProblem("items must be a list (empty for a response that answers the report as a whole)")
    _check_count(items, "items")
    parsed_items = []
    for i, item in enumerate(items):
        where = f"items[{i}]."
        if not isinstance(item, dict):
            raise ImportProblem(f"items[{i}] must be an object")
        position = _string(item, "position", where, required=False)
        if position not in POSITIONS:
            raise ImportProblem(f"{where}position must be one of {', '.join(p for p in POSITIONS if p)} or empty")
        parsed_items.append(
            ParsedItem(
                finding=_finding(item.get("finding"), f"{where}finding."),
                comment=_string(item, "comment", where, max_length=limits.RESPONSE_TEXT_MAX),
                position=position,
            )
        )
    return ParsedResponse(
        report_title=_string(data, "report_title", "", max_length=500),
        body_name=_string(data, "body_name", "", max_length=200),
        introduction=_response_text(data, "introduction"),
        items=parsed_items,
        published_on=_date(data.get("published_on"), "published_on"),
        report_published_on=_date(data.get("report_published_on"), "report_published_on"),
        original_url=_web_address(data, "original_url"),
        chief_officer_comments=_response_text(data, "chief_officer_comments"),
        chief_officer_comments_requested_on=_date(
            data.get("chief_officer_comments_requested_on"), "chief_officer_comments_requested_on"
        ),
        chief_officer_comments_due_on=_date(data.get("chief_officer_comments_due_on"), "chief_officer_comments_due_on"),
        chief_officer_comments_received_on=_date(
            data.get("chief_officer_comments_received_on"), "chief_officer_comments_received_on"
        ),
        reply_to_chief_officer=_response_text(data, "reply_to_chief_officer"),
        # Limited as the editor limits them (responses/forms.py): the explanation is a note, the
        # signature a few lines that no form would let run to a response's length.
        late_explanation=_string(data, "late_explanation", "", required=False, max_length=limits.NOTE_MAX),
        signature=_string(data, "signature", "", required=False, max_length=limits.SIGNATURE_MAX),
    )


def _response_text(data, key):
    """One of the response's own texts, optional, and as long as the editor allows (tracker/limits.py)."""
    return _string(data, key, "", required=False, max_length=limits.RESPONSE_TEXT_MAX)
