"""Which local policing body a response's "Response from: …" line means.

Names change and offices write them loosely ("Office of the Police and Crime Commissioner,
Hampshire" for the Police and Crime Commissioner for Hampshire and the Isle of Wight), so we
compare the place words only and accept a single clear winner; otherwise the user says --body.
A force has had several bodies over time (a PCC, then a PFCC, then a mayor): among those, the
kind the name gives (commissioner, "fire", mayor) decides, and the importer then takes the one of
them in office on the response's original date (imports.response_plan).
"""

import datetime
import re

from imports.parsers.parsed import ImportProblem
from tracker.models import LocalPolicingBody

GENERIC = set(
    "office of the police and crime commissioner commissioners commissioner's fire victims mayor mayor's "
    "for pcc opcc pfcc ofpcc constabulary service authority council common combined mayoral a an".split()
)


def _place_words(text):
    return {word for word in re.findall(r"[a-z]+", text.lower()) if word not in GENERIC}


def resolve_body(name, slug=None):
    """The body for `slug` if given (ImportProblem if unknown), else the one `name` clearly means, else None."""
    if slug:
        body = LocalPolicingBody.objects.filter(slug=slug).first()
        if body is None:
            raise ImportProblem(f"There is no local policing body with the slug {slug!r}")
        return body
    if not name:
        return None
    bodies = list(LocalPolicingBody.objects.select_related("force"))
    for body in bodies:
        if body.name.casefold() == name.strip().casefold():
            return body
    wanted = _place_words(name)
    if not wanted:
        return None
    scored = []
    for body in bodies:
        known = _place_words(body.name) | _place_words(body.force.name)
        overlap = len(wanted & known)
        if overlap and wanted <= known:
            scored.append((overlap, body))
    scored.sort(key=lambda pair: -pair[0])
    if len(scored) == 1 or (len(scored) > 1 and scored[0][0] > scored[1][0]):
        return scored[0][1]
    if scored:
        return _one_of_a_force([body for score, body in scored if score == scored[0][0]], name)
    return None


def _kind_named(name):
    words = set(re.findall(r"[a-z]+", name.lower()))
    if words & {"mayor", "mayoral"}:
        return LocalPolicingBody.Kind.MAYOR
    if words & {"fire", "pfcc", "opfcc"}:
        return LocalPolicingBody.Kind.PFCC
    if words & {"commissioner", "pcc", "opcc"}:
        return LocalPolicingBody.Kind.PCC
    return None


def _one_of_a_force(bodies, name):
    """Of bodies tied on their place words, the one meant, if they are all one force's bodies over
    time: the one of the kind the name gives, else the latest."""
    if len({body.force_id for body in bodies}) != 1:
        return None
    of_kind = [body for body in bodies if body.kind == _kind_named(name)]
    return max(
        of_kind or bodies, key=lambda body: (body.ended_on or datetime.date.max, body.started_on or datetime.date.min)
    )
