"""The documented JSON and CSV import formats, for bulk loads and corrections.

JSON is exactly what `--json` prints (ParsedReport.to_json / ParsedResponse.to_json), so a parse
can be corrected by machine and imported again. CSV holds one report's findings, one per row, with
the report's own fields given on the command line or in the browser. Every problem is reported
with where it is ("findings[2].kind", "row 4"), and nothing is saved unless all of it is valid.
"""

import csv
import datetime
import io
import json

from tracker.importers.parsed import (
    FINDING_KINDS,
    POSITIONS,
    REPORT_TYPES,
    REPORT_FORMAT,
    RESPONSE_FORMAT,
    ImportProblem,
    ParsedFinding,
    ParsedItem,
    ParsedReport,
    ParsedResponse,
)

CSV_COLUMNS = ("kind", "reference", "text", "addressees", "cause_of_concern", "deadline_on", "deadline_text")


def _load_json(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(f"The JSON is not valid: {error.msg} at line {error.lineno}, column {error.colno}") from None


def _string(data, key, where, required=True, max_length=None):
    value = data.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ImportProblem(f"{where}{key} must be text")
    value = value.strip()
    if required and not value:
        raise ImportProblem(f"{where}{key} is missing")
    if max_length and len(value) > max_length:
        raise ImportProblem(f"{where}{key} is longer than {max_length} characters")
    return value


def _date(value, where):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ImportProblem(f"{where} must be a date written as YYYY-MM-DD, not {value!r}") from None


def _string_list(value, where):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ImportProblem(f"{where} must be a list of text")
    return value


def _finding(data, where):
    if not isinstance(data, dict):
        raise ImportProblem(f"{where} must be an object")
    kind = _string(data, "kind", where)
    if kind not in FINDING_KINDS:
        raise ImportProblem(f"{where}kind must be one of {', '.join(FINDING_KINDS)}, not {kind!r}")
    return ParsedFinding(
        kind=kind,
        reference=_string(data, "reference", where, max_length=100),
        text=_string(data, "text", where),
        addressees=_string_list(data.get("addressees"), f"{where}addressees"),
        cause_of_concern=_string(data, "cause_of_concern", where, required=False, max_length=100),
        deadline_on=_date(data.get("deadline_on"), f"{where}deadline_on"),
        deadline_text=_string(data, "deadline_text", where, required=False, max_length=200),
    )


def _check_findings(findings):
    references = [finding.reference for finding in findings]
    repeated = sorted({ref for ref in references if references.count(ref) > 1})
    if repeated:
        raise ImportProblem(f"Each finding needs its own reference: {', '.join(repeated)} appears more than once")
    concerns = {f.reference for f in findings if f.kind in ("cause-of-concern", "accelerated-cause-of-concern")}
    for finding in findings:
        if finding.cause_of_concern and finding.cause_of_concern not in concerns:
            raise ImportProblem(f"{finding.reference} is under {finding.cause_of_concern!r}, which is not a cause of concern in this report")


def report_from_json(text):
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ImportProblem(f'This JSON is not a report in the import format: it needs "format": "{REPORT_FORMAT}"')
    findings = data.get("findings")
    if not isinstance(findings, list) or not findings:
        raise ImportProblem("findings must be a list with at least one finding")
    report_type = _string(data, "report_type", "", required=False) or "other"
    if report_type not in REPORT_TYPES:
        raise ImportProblem(f"report_type must be one of {', '.join(REPORT_TYPES)}, not {report_type!r}")
    parsed = ParsedReport(
        title=_string(data, "title", "", max_length=500),
        findings=[_finding(f, f"findings[{i}].") for i, f in enumerate(findings)],
        published_on=_date(data.get("published_on"), "published_on"),
        report_type=report_type,
        source_url=_string(data, "source_url", "", required=False, max_length=500),
        summary=_string(data, "summary", "", required=False),
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
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportProblem(f"The CSV could not be read: {error}") from None
    if not rows:
        raise ImportProblem("The CSV has a header but no findings")
    findings = [_finding({k: v for k, v in row.items() if k is not None}, f"row {n}: ") for n, row in enumerate(rows, start=2)]
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
    if not isinstance(items, list) or not items:
        raise ImportProblem("items must be a list with at least one item")
    parsed_items = []
    for i, item in enumerate(items):
        where = f"items[{i}]."
        if not isinstance(item, dict):
            raise ImportProblem(f"items[{i}] must be an object")
        position = _string(item, "position", where, required=False)
        if position not in POSITIONS:
            raise ImportProblem(f"{where}position must be one of {', '.join(p for p in POSITIONS if p)} or empty")
        parsed_items.append(
            ParsedItem(finding=_finding(item.get("finding"), f"{where}finding."), comment=_string(item, "comment", where), position=position)
        )
    return ParsedResponse(
        report_title=_string(data, "report_title", "", max_length=500),
        body_name=_string(data, "body_name", "", max_length=200),
        introduction=_string(data, "introduction", "", required=False),
        items=parsed_items,
        published_on=_date(data.get("published_on"), "published_on"),
        report_published_on=_date(data.get("report_published_on"), "report_published_on"),
        original_url=_string(data, "original_url", "", required=False, max_length=500),
    )
