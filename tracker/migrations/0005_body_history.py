"""Date every local policing body, and add the bodies that have gone since November 2012.

Read from tracker/data/police-bodies-history.csv (its .md beside it gives the sources and the
conventions: both dates are included, so `ended_on` is the body's last day). A user's clone has no
../shared/, so the facts ship with the app.

Safe on a database already in use: bodies are matched, dated and added, never moved or deleted,
so responses keep the body that published them; running it twice changes nothing more.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "police-bodies-history.csv"

# As in 0002_forces_and_bodies (copied, not imported: a migration must not change when another does).
BODY_SLUGS = {
    "Mayor's Office for Policing and Crime (MOPAC)": "mopac",
    "Common Council of the City of London (police authority)": "city-of-london-common-council",
}


def body_slug(name, kind):
    if name in BODY_SLUGS:
        return BODY_SLUGS[name]
    if kind == "mayor":
        area = name.removeprefix("Mayor of ")
    else:
        area = name.split(" for ", 1)[1]
    return f"{slugify(area).removeprefix('the-')}-{kind}"


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _rows():
    with DATA.open(newline="", encoding="utf-8") as rows:
        yield from csv.DictReader(rows)


def _find(Body, force, row):
    """The body a row describes: same force and name, or (renamed since 0002) same force and slug."""
    body = Body.objects.filter(force=force, name=row["body_name"]).first()
    if body is not None:
        return body
    slug = body_slug(row["body_name"], row["body_kind"])
    taken = Body.objects.filter(slug=slug).first()
    if taken is not None and taken.force_id != force.pk:
        raise RuntimeError(
            f"Cannot add {row['body_name']!r}: the slug {slug!r} already belongs to {taken.name!r} of another force"
        )
    return taken


def load(apps, schema_editor):
    Force = apps.get_model("tracker", "Force")
    Body = apps.get_model("tracker", "LocalPolicingBody")
    for row in _rows():
        force = Force.objects.filter(slug=row["force_slug"]).first()
        if force is None:
            raise RuntimeError(f"No force with the slug {row['force_slug']!r}, which 0002_forces_and_bodies loads")
        dates = {
            "started_on": _date(row["started_on"]),
            "ended_on": _date(row["ended_on"]),
            "source": row["source"],
        }
        body = _find(Body, force, row)
        if body is None:
            Body.objects.create(
                force=force,
                name=row["body_name"],
                kind=row["body_kind"],
                slug=body_slug(row["body_name"], row["body_kind"]),
                **dates,
            )
        else:
            Body.objects.filter(pk=body.pk).update(**dates)


def _is_referred_to(body):
    """Whether anything (a response, a membership, a reminder, …) points at the body."""
    for relation in body._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one):
            if relation.related_model._base_manager.filter(**{relation.field.name: body}).exists():
                return True
    return False


def unload(apps, schema_editor):
    """Undate every body; remove the bodies that have gone, unless something refers to them."""
    Force = apps.get_model("tracker", "Force")
    Body = apps.get_model("tracker", "LocalPolicingBody")
    for row in _rows():
        force = Force.objects.filter(slug=row["force_slug"]).first()
        body = _find(Body, force, row) if force is not None else None
        if body is None:
            continue
        if row["ended_on"] and not _is_referred_to(body):
            body.delete()
        else:
            Body.objects.filter(pk=body.pk).update(started_on=None, ended_on=None, source="")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0004_dated_bodies_and_linked_reports")]

    operations = [migrations.RunPython(load, unload)]
