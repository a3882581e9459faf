"""The response import's preview: a person says what each passage of the response is (the
introduction, the comment on a finding, the chief officer's comments, the reply, the signature, or
debris to leave out), and the parse is rebuilt that way before anything is saved."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.models import ImportJob
from imports.parsers.parsed import Flag, ParsedFinding, ParsedItem, ParsedResponse
from responses.models import Response
from tests.factories import FindingFactory, ReportFactory, UserFactory
from tests.parse_coverage import lost_words
from tests.test_import_views import table_counts
from tracker.models import InspectionReport

pytestmark = pytest.mark.django_db

# A letter-style response, in the layout offices use for one (a letter to the Home Secretary that
# names the report in prose and answers its recommendations in running text), in our own words.
LETTER = [
    "Dear Home Secretary,",
    "Under section 55 of the Police Act 1996 I set out my comments on the inspectorate's report "
    "on front counters, published on 2 May 2024.",
    "Opening hours: the force agreed a timetable with each district, and every station now shows "
    "its hours at the door and on the force website.",
    "On front counters, the Chief Constable has kept all six counters open and will review how many "
    "people call at each one every quarter.",
    "Volunteers will staff the two quietest counters from the spring; their training began in March.",
    "Page 2 of 2 | Printed from the Exshire OPCC website",
    "Alex Example\nPolice and Crime Commissioner for Exshire",
]
WHOLE = "The text answers the report as a whole: map its passages to findings"


@pytest.fixture
def importer(db):
    return UserFactory(username="importer", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, importer):
    client.force_login(importer)
    return client


@pytest.fixture
def report(db):
    report = ReportFactory(title="An inspection of front counters", published_on=datetime.date(2024, 5, 2))
    FindingFactory(
        report=report, order=1, reference="Recommendation 1", text="Chief constables should keep front counters open."
    )
    FindingFactory(
        report=report, order=2, reference="Recommendation 2", text="Chief constables should publish opening hours."
    )
    return report


def _job(user, body, parsed, **options):
    return ImportJob.objects.create(
        user=user,
        kind=ImportJob.Kind.RESPONSE,
        status=ImportJob.Status.READY,
        parsed=parsed.to_json(),
        options={"body": body.slug, **options},
    )


def _letter(report, paragraphs=LETTER):
    return ParsedResponse(
        report_title=report.title,
        body_name="Exshire OPCC",
        introduction="\n\n".join(paragraphs),
        items=[],
        published_on=datetime.date(2024, 6, 20),
        flags=[Flag(WHOLE)],
    )


@pytest.fixture
def letter_job(importer, body, report):
    return _job(importer, body, _letter(report))


def _text(reply):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reply.content.decode())).split())


def _passage_data(reply, **chosen):
    """The passages form as the page showed it, with `chosen` ({"introduction-2": place}) changed."""
    page = reply.content.decode()
    data = {"passage-version": re.search(r'name="passage-version" value="(\w+)"', page).group(1)}
    for name, selected in re.findall(
        r'<select [^>]*name="passage-([\w-]+)".*?<option value="([\w-]+)"[^>]*selected', page, re.DOTALL
    ):
        data[f"passage-{name}"] = selected
    assert set(chosen) <= {key.removeprefix("passage-") for key in data}
    data.update({f"passage-{key}": place for key, place in chosen.items()})
    return data


def _move(client, job, **chosen):
    data = _passage_data(client.get(job.get_absolute_url()), **chosen)
    return client.post(f"{job.get_absolute_url()}passages/", data)


def _finding_pk(report, reference):
    return report.findings.get(reference=reference).pk


def test_each_passage_is_offered_with_where_the_parse_put_it(admin_client, letter_job, report):
    reply = admin_client.get(letter_job.get_absolute_url())
    page = reply.content.decode()
    assert reply.status_code == 200
    assert "<title>Check the import" in page  # no error: the page asks for the mapping instead
    assert len(re.findall(r'<select [^>]*name="passage-introduction-\d"', page)) == 7
    assert page.count('<option value="introduction" selected>the introduction</option>') == 7
    first = _finding_pk(report, "Recommendation 1")
    assert (
        f'<option value="finding-{first}">our comment on Recommendation 1: Chief constables should keep front '
        "counters open.</option>" in page
    )
    assert f'<option value="{report.slug}" selected>' in page  # the report the passages are mapped to
    text = _text(reply)
    assert "The response has no comments on findings yet" in text
    assert "Findings and comments (0) None yet: say under Where each passage belongs" in text
    assert "In the introduction Passage 1 is Dear Home Secretary," in text
    assert "Passage 3 is Opening hours: the force agreed a timetable" in text
    for label in ("the chief officer's comments", "our reply to the chief officer", "the signature", "leave out"):
        assert f">{html.escape(label)}" in page


def test_a_letter_mapped_to_two_findings_is_saved_with_those_comments(admin_client, letter_job, report, body):
    first, second = _finding_pk(report, "Recommendation 1"), _finding_pk(report, "Recommendation 2")
    counts = table_counts()
    reply = _move(
        admin_client,
        letter_job,
        **{
            "introduction-2": f"finding-{second}",
            "introduction-3": f"finding-{first}",
            "introduction-4": f"finding-{first}",
            "introduction-5": "leave-out",
            "introduction-6": "signature",
        },
    )
    assert reply.status_code == 302 and reply["Location"] == letter_job.get_absolute_url()
    assert table_counts() == counts  # nothing imported until the preview is saved
    letter_job.refresh_from_db()
    parsed = letter_job.parsed
    assert parsed["introduction"] == f"{LETTER[0]}\n\n{LETTER[1]}"
    assert [(item["finding"]["reference"], item["comment"]) for item in parsed["items"]] == [
        ("Recommendation 1", f"{LETTER[3]}\n\n{LETTER[4]}"),
        ("Recommendation 2", LETTER[2]),
    ]
    assert parsed["signature"] == LETTER[6]
    assert letter_job.options["left_out"] == [LETTER[5]]
    assert letter_job.options["matches"] == [str(first), str(second)]
    meaningful = "\n\n".join(LETTER[:5] + LETTER[6:])
    assert lost_words(meaningful, parsed) == []

    preview = admin_client.get(letter_job.get_absolute_url())
    assert "5 passages moved, 1 of them left out. Check the preview, then save." in _text(preview)
    assert "2 of the 2 quoted findings match the report's own findings." in _text(preview)

    admin_client.post(letter_job.get_absolute_url(), _preview_data(letter_job, "confirm"))
    response = Response.objects.get(report=report, body=body)
    assert response.introduction == f"{LETTER[0]}\n\n{LETTER[1]}"
    assert [(item.finding.reference, item.comment) for item in response.items.order_by("finding__order")] == [
        ("Recommendation 1", f"{LETTER[3]}\n\n{LETTER[4]}"),
        ("Recommendation 2", LETTER[2]),
    ]
    assert LETTER[5] not in str(response.__dict__)


def _preview_data(job, action, **details):
    """The preview's main form as the page shows it for `job`, with `details` changed."""
    job.refresh_from_db()
    parsed = job.parsed
    data = {
        action: "yes",
        "details-body": job.options["body"],
        "details-report": InspectionReport.objects.get(title=parsed["report_title"]).slug,
        "details-original_url": "https://opcc.example/letter",
        "details-original_published_on_0": "20",
        "details-original_published_on_1": "6",
        "details-original_published_on_2": "2024",
        "details-introduction": parsed["introduction"],
        "details-chief_officer_comments": parsed.get("chief_officer_comments", ""),
        "details-reply_to_chief_officer": parsed.get("reply_to_chief_officer", ""),
        "details-signature": parsed.get("signature", ""),
    }
    for n, item in enumerate(parsed["items"]):
        finding = item["finding"]
        data.update(
            {
                f"f{n}-kind": finding["kind"],
                f"f{n}-reference": finding["reference"],
                f"f{n}-text": finding["text"],
                f"f{n}-comment": item["comment"],
                f"f{n}-match": job.options["matches"][n] if n < len(job.options.get("matches") or []) else "",
            }
        )
    data.update({f"details-{name}": value for name, value in details.items()})
    return data


@pytest.fixture
def glued_job(importer, body, report):
    """A parse with a comment glued onto the one before it, and the chief constable's words and the
    body's reply to them inside the second comment."""
    parsed = ParsedResponse(
        report_title=report.title,
        body_name="Exshire OPCC",
        introduction="We welcome the report.",
        items=[
            ParsedItem(
                finding=ParsedFinding("recommendation", "Recommendation 1", report.findings.all()[0].text),
                comment="All six counters stay open.\n\nEvery station shows its hours at the door.",
                position="action-taken",
            ),
            ParsedItem(
                finding=ParsedFinding("recommendation", "Recommendation 2", report.findings.all()[1].text),
                comment=(
                    "The Chief Constable writes: the hours were agreed with each district.\n\n"
                    "I thank the Chief Constable and will ask for a report in the autumn."
                ),
            ),
        ],
    )
    return _job(importer, body, parsed)


def test_passages_are_shown_under_where_the_parse_put_them(admin_client, glued_job):
    text = _text(admin_client.get(glued_job.get_absolute_url()))
    assert (
        "In our comment on Recommendation 2: Chief constables should publish opening hours. "
        "Passage 4 is The Chief Constable writes: the hours were agreed with each district."
    ) in text


def test_a_glued_comment_and_the_chief_constables_words_are_moved_where_they_belong(admin_client, glued_job):
    reply = _move(
        admin_client,
        glued_job,
        **{"item-0-1": "item-1", "item-1-0": "chief-officer", "item-1-1": "reply"},
    )
    assert reply.status_code == 302
    glued_job.refresh_from_db()
    parsed = glued_job.parsed
    assert parsed["introduction"] == "We welcome the report."
    assert [(item["finding"]["reference"], item["comment"], item["position"]) for item in parsed["items"]] == [
        ("Recommendation 1", "All six counters stay open.", "action-taken"),
        ("Recommendation 2", "Every station shows its hours at the door.", ""),
    ]
    assert parsed["chief_officer_comments"] == "The Chief Constable writes: the hours were agreed with each district."
    assert parsed["reply_to_chief_officer"] == "I thank the Chief Constable and will ask for a report in the autumn."
    assert glued_job.options["left_out"] == []


def test_an_item_left_with_no_comment_and_no_position_is_removed(admin_client, glued_job):
    _move(admin_client, glued_job, **{"item-1-0": "introduction", "item-1-1": "introduction"})
    glued_job.refresh_from_db()
    parsed = glued_job.parsed
    assert [item["finding"]["reference"] for item in parsed["items"]] == ["Recommendation 1"]
    assert parsed["introduction"] == (
        "We welcome the report.\n\n"
        "The Chief Constable writes: the hours were agreed with each district.\n\n"
        "I thank the Chief Constable and will ask for a report in the autumn."
    )


def test_an_item_that_keeps_its_position_stays_without_its_comment(admin_client, glued_job):
    _move(admin_client, glued_job, **{"item-0-0": "introduction", "item-0-1": "introduction"})
    glued_job.refresh_from_db()
    assert [(item["finding"]["reference"], item["comment"]) for item in glued_job.parsed["items"]] == [
        ("Recommendation 1", ""),
        ("Recommendation 2", glued_job.parsed["items"][1]["comment"]),
    ]


def test_passages_left_out_are_counted_and_can_be_put_back(admin_client, letter_job):
    _move(admin_client, letter_job, **{"introduction-5": "leave-out", "introduction-0": "leave-out"})
    reply = admin_client.get(letter_job.get_absolute_url())
    text = _text(reply)
    assert "2 passages left out. They are not saved with the response." in text
    assert "Left out Passage 6 is Dear Home Secretary," in text
    assert reply.content.decode().count('<option value="leave-out" selected>') == 2

    _move(admin_client, letter_job, **{"leave-out-0": "introduction"})
    letter_job.refresh_from_db()
    assert letter_job.options["left_out"] == [LETTER[5]]
    assert letter_job.parsed["introduction"] == "\n\n".join(LETTER[1:5] + LETTER[6:] + LETTER[:1])
    assert "1 passage left out. It is not saved with the response." in _text(
        admin_client.get(letter_job.get_absolute_url())
    )


def test_choosing_nothing_new_moves_nothing(admin_client, letter_job):
    before = letter_job.parsed
    _move(admin_client, letter_job)
    letter_job.refresh_from_db()
    assert letter_job.parsed == before
    assert "No passage was moved." in _text(admin_client.get(letter_job.get_absolute_url()))


def test_a_finding_of_another_report_is_refused_with_the_choices_kept(admin_client, letter_job):
    elsewhere = FindingFactory(reference="Recommendation 9")
    before = letter_job.parsed
    data = _passage_data(
        admin_client.get(letter_job.get_absolute_url()),
        **{"introduction-2": f"finding-{elsewhere.pk}", "introduction-5": "leave-out"},
    )
    reply = admin_client.post(f"{letter_job.get_absolute_url()}passages/", data)
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "<title>Error: Check the import" in page
    assert '<a href="#id_passage-introduction-2">Select what passage 3 is from the list</a>' in page
    assert 'class="govuk-select govuk-!-width-full govuk-select--error"' in page
    assert '<option value="leave-out" selected>' in page  # the other choices survive the error
    letter_job.refresh_from_db()
    assert letter_job.parsed == before


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda data: data.update({"passage-introduction-99": "introduction"}), id="unknown passage"),
        pytest.param(lambda data: data.update({"passage-version": "0" * 16}), id="stale page"),
        pytest.param(lambda data: data.pop("passage-introduction-3"), id="missing passage"),
        pytest.param(lambda data: data.update({"passage-introduction-3": "item-7"}), id="unknown item"),
    ],
)
def test_a_tampered_or_stale_form_changes_nothing(admin_client, letter_job, tamper):
    before, counts = letter_job.parsed, table_counts()
    data = _passage_data(admin_client.get(letter_job.get_absolute_url()), **{"introduction-5": "leave-out"})
    tamper(data)
    reply = admin_client.post(f"{letter_job.get_absolute_url()}passages/", data)
    assert reply.status_code == 400
    assert "There is a problem" in reply.content.decode()
    letter_job.refresh_from_db()
    assert letter_job.parsed == before and "left_out" not in letter_job.options
    assert table_counts() == counts


def test_a_stale_page_says_why(admin_client, letter_job):
    data = _passage_data(admin_client.get(letter_job.get_absolute_url()))
    data["passage-version"] = "0" * 16
    reply = admin_client.post(f"{letter_job.get_absolute_url()}passages/", data)
    assert "The passages have changed since this page was shown (perhaps in another tab)." in _text(reply)


def test_only_the_person_who_started_the_import_may_move_its_passages(client, letter_job):
    data = _passage_data(_login(client, letter_job.user).get(letter_job.get_absolute_url()))
    other = UserFactory(username="other-admin", is_superuser=True, is_staff=True)
    client.force_login(other)
    before = letter_job.parsed
    assert client.get(letter_job.get_absolute_url()).status_code == 404
    assert client.post(f"{letter_job.get_absolute_url()}passages/", data).status_code == 404
    client.logout()
    assert client.post(f"{letter_job.get_absolute_url()}passages/", data).status_code == 302  # to sign in
    letter_job.refresh_from_db()
    assert letter_job.parsed == before


def _login(client, user):
    client.force_login(user)
    return client


def test_moving_passages_is_a_post(admin_client, letter_job):
    assert admin_client.get(f"{letter_job.get_absolute_url()}passages/").status_code == 405


def test_a_report_import_has_no_passages(admin_client, importer):
    job = ImportJob.objects.create(
        user=importer,
        kind=ImportJob.Kind.REPORT,
        status=ImportJob.Status.READY,
        parsed={
            "format": "tracker-report/1",
            "title": "An inspection of counters",
            "published_on": "2024-05-02",
            "findings": [{"kind": "recommendation", "reference": "Recommendation 1", "text": "Keep them open."}],
        },
    )
    assert "Where each passage belongs" not in admin_client.get(job.get_absolute_url()).content.decode()
    assert admin_client.post(f"{job.get_absolute_url()}passages/", {}).status_code == 404


def test_the_queries_do_not_grow_with_the_passages(admin_client, importer, body, report):
    def queries(paragraphs):
        job = _job(importer, body, _letter(report, paragraphs))
        admin_client.get(job.get_absolute_url())  # the session and the user are read once
        with CaptureQueriesContext(connection) as shown:
            page = admin_client.get(job.get_absolute_url())
        first = _finding_pk(report, "Recommendation 1")
        data = _passage_data(page, **{f"introduction-{n}": f"finding-{first}" for n in range(1, len(paragraphs))})
        with CaptureQueriesContext(connection) as moved:
            assert admin_client.post(f"{job.get_absolute_url()}passages/", data).status_code == 302
        return len(shown), len(moved)

    few = queries([f"Passage number {n} of a short letter." for n in range(3)])
    many = queries([f"Passage number {n} of a long letter." for n in range(30)])
    assert few == many


def test_the_signature_the_chief_officers_comments_and_the_reply_are_corrected_in_the_details(admin_client, glued_job):
    data = _preview_data(
        glued_job,
        "update",
        chief_officer_comments="The force agrees.",
        chief_officer_comments_received_on_0="18",
        chief_officer_comments_received_on_1="6",
        chief_officer_comments_received_on_2="2024",
        reply_to_chief_officer="Thank you.",
        signature="Alex Example\nPolice and Crime Commissioner for Exshire",
    )
    assert admin_client.post(glued_job.get_absolute_url(), data).status_code == 302
    glued_job.refresh_from_db()
    parsed = glued_job.parsed
    assert (
        parsed["chief_officer_comments"],
        parsed["chief_officer_comments_received_on"],
        parsed["reply_to_chief_officer"],
        parsed["signature"],
    ) == ("The force agrees.", "2024-06-18", "Thank you.", "Alex Example\nPolice and Crime Commissioner for Exshire")
    text = _text(admin_client.get(glued_job.get_absolute_url()))
    for label in (
        "The chief officer's comments Section 55(4)",
        "Date the chief officer's comments were received",
        "Our reply to the chief officer's comments",
        "Signed by Who signed the response",
    ):
        assert label in text


def test_a_received_date_in_the_future_is_refused_with_the_typed_text_kept(admin_client, glued_job):
    before = glued_job.parsed
    next_year = str(datetime.date.today().year + 1)
    data = _preview_data(
        glued_job,
        "update",
        chief_officer_comments_received_on_0="1",
        chief_officer_comments_received_on_1="1",
        chief_officer_comments_received_on_2=next_year,
        signature="Typed by hand",
    )
    reply = admin_client.post(glued_job.get_absolute_url(), data)
    assert reply.status_code == 400
    text = _text(reply)
    assert "The date the chief officer's comments were received must be today or in the past" in text
    assert "Typed by hand" in text
    glued_job.refresh_from_db()
    assert glued_job.parsed == before


def test_the_choices_are_escaped(admin_client, letter_job, report):
    FindingFactory(
        report=report, order=3, reference="Recommendation 3", text='Forces should stop <b>"bold"</b> claims.'
    )
    page = admin_client.get(letter_job.get_absolute_url()).content.decode()
    assert (
        "our comment on Recommendation 3: Forces should stop &lt;b&gt;&quot;bold&quot;&lt;/b&gt; claims.</option>"
        in page
    )
    assert "<b>" not in page


def test_without_the_report_in_the_tracker_the_quoted_findings_are_offered(admin_client, importer, body):
    parsed = ParsedResponse(
        report_title="An inspection the tracker does not have",
        body_name="Exshire OPCC",
        introduction="We welcome the report.\n\nOn hours: every station shows them at the door.",
        items=[
            ParsedItem(
                ParsedFinding("recommendation", "Recommendation 1", "Forces should keep counters open."), "Kept."
            ),
            ParsedItem(ParsedFinding("recommendation", "Recommendation 2", "Forces should publish hours."), ""),
        ],
        report_published_on=datetime.date(2024, 5, 2),
    )
    job = _job(importer, body, parsed)
    reply = admin_client.get(job.get_absolute_url())
    page = reply.content.decode()
    assert '<option value="item-1">our comment on Recommendation 2: Forces should publish hours.</option>' in page
    assert '<option value="finding-' not in page and "not in the report" not in page
    assert "None yet" not in _text(reply)
    _move(admin_client, job, **{"introduction-1": "item-1"})
    job.refresh_from_db()
    assert job.parsed["introduction"] == "We welcome the report."
    assert [(item["finding"]["reference"], item["comment"]) for item in job.parsed["items"]] == [
        ("Recommendation 1", "Kept."),
        ("Recommendation 2", "On hours: every station shows them at the door."),
    ]


def test_a_letter_saved_without_mapping_is_kept_whole_as_the_introduction(admin_client, letter_job, report, body):
    """A letter that answers the report as a whole is a real response: a person may save it as it
    was published, every word in the introduction, with no comment on any one finding."""
    preview = _text(admin_client.get(letter_job.get_absolute_url()))
    assert WHOLE in preview and "Or save it as it was published" in preview
    reply = admin_client.post(letter_job.get_absolute_url(), _preview_data(letter_job, "confirm"))
    assert reply.status_code == 302
    response = Response.objects.get(report=report, body=body)
    assert response.is_published and response.is_imported
    assert response.introduction == "\n\n".join(LETTER)
    assert [(item.comment, item.position) for item in response.items.all()] == [("", ""), ("", "")]
