"""Ship the 43 territorial forces, the body that answers for each, and the usual addressees.

Read from tracker/data/police-bodies.csv (public facts), so a fresh install knows them all.
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "police-bodies.csv"

KINDS = {"PCC": "pcc", "PFCC": "pfcc", "Mayor": "mayor", "Common Council": "common-council"}

# Short, stable URL names where the body's name does not give one.
BODY_SLUGS = {
    "Mayor's Office for Policing and Crime (MOPAC)": "mopac",
    "Common Council of the City of London (police authority)": "city-of-london-common-council",
}

ADDRESSEES = [
    "Chief constables",
    "Police and crime commissioners",
    "Home Office",
    "College of Policing",
    "National Police Chiefs' Council",
]


def body_slug(name, kind):
    if name in BODY_SLUGS:
        return BODY_SLUGS[name]
    if kind == "mayor":
        area = name.removeprefix("Mayor of ")
    else:
        area = name.split(" for ", 1)[1]
    return f"{slugify(area).removeprefix('the-')}-{kind}"


def load(apps, schema_editor):
    Force = apps.get_model("tracker", "Force")
    Body = apps.get_model("tracker", "LocalPolicingBody")
    Addressee = apps.get_model("tracker", "Addressee")
    with DATA.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            force, _ = Force.objects.get_or_create(
                slug=slugify(row["force"]),
                defaults={"name": row["force"], "country": row["country"].lower()},
            )
            kind = KINDS[row["kind"]]
            Body.objects.get_or_create(
                slug=body_slug(row["local_policing_body"], kind),
                defaults={"name": row["local_policing_body"], "kind": kind, "force": force},
            )
    for name in ADDRESSEES:
        Addressee.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
