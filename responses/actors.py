"""Who acts on a response when no person does: the tracker itself, named for what it is doing.

Every transition is taken by an actor, never by None: a person (a User) or one of the system
actors below. A system actor may take only the actions listed for it (responses.rules), and the
event it writes names it ("The tracker: scheduled publishing"), so the record always says who.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    name: str  # what the tracker was doing, as shown in the history
    actions: frozenset  # the only actions it may take

    # Enough of a User's interface for the rules and the views to treat it alike.
    pk = None
    is_authenticated = False
    is_superuser = False
    is_system = True

    def __str__(self):
        return f"The tracker ({self.name})"


SCHEDULER = SystemActor("scheduled publishing", frozenset({"publish_scheduled"}))
IMPORT_COMMAND = SystemActor("import by command", frozenset({"record_import"}))
DEMO_LOADER = SystemActor("demo data", frozenset({"record_import"}))


def is_system(actor):
    return isinstance(actor, SystemActor)
