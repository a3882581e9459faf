"""The words of the bench data set (public/bench_data.py): topics, titles, sentences and names.

Invented for measuring: no text here is HMICFRS's or any office's.
"""

from dataclasses import dataclass

from tracker.vocabulary import AddresseeKind, FindingKind, Position, ReportType

Kind = FindingKind


@dataclass(frozen=True)
class Topic:
    phrase: str  # a noun phrase: "its work on {phrase}", "training in {phrase}"
    titles: tuple  # national reports' titles
    victims: str  # whom it is about


TOPICS = [
    Topic(
        "domestic abuse",
        ("The police response to domestic abuse", "Domestic abuse: how well forces protect victims"),
        "victims of domestic abuse",
    ),
    Topic(
        "stop and search",
        ("Disproportionate use of police powers: stop and search", "How fairly forces use stop and search"),
        "people who are stopped and searched",
    ),
    Topic("stalking and harassment", ("The police response to stalking and harassment",), "victims of stalking"),
    Topic(
        "vetting and counter-corruption",
        ("Vetting, misconduct and misogyny in the police service", "How forces vet their officers and staff"),
        "the public",
    ),
    Topic(
        "violence against women and girls",
        ("The police response to violence against women and girls",),
        "women and girls",
    ),
    Topic(
        "missing children",
        ("How forces find and protect missing children", "Missing children: a joint thematic inspection"),
        "children who go missing",
    ),
    Topic(
        "child criminal exploitation", ("County lines and the criminal exploitation of children",), "exploited children"
    ),
    Topic("custody", ("Detention in police custody: a thematic review",), "detained people"),
    Topic("crime recording", ("Crime data integrity: how accurately forces record crime",), "victims of crime"),
    Topic(
        "rape and serious sexual offences",
        ("The investigation of rape and serious sexual offences", "A joint inspection of rape investigations"),
        "victims of rape",
    ),
    Topic("fraud", ("The police response to fraud", "Fraud: time to choose"), "victims of fraud"),
    Topic("hate crime", ("Understanding the difference: the police response to hate crime",), "victims of hate crime"),
    Topic("neighbourhood policing", ("The state of neighbourhood policing",), "local communities"),
    Topic("road safety", ("Roads policing: not optional",), "road users"),
    Topic(
        "mental health",
        ("Policing and mental health: picking up the pieces", "How forces respond to people in mental health crisis"),
        "people in mental health crisis",
    ),
    Topic("emergency calls", ("How well forces answer 999 and 101 calls",), "callers"),
    Topic("anti-social behaviour", ("The police response to anti-social behaviour",), "communities"),
    Topic("digital forensics", ("Digital forensics: the backlog in examining devices",), "victims and witnesses"),
    Topic("firearms licensing", ("The police approach to firearms licensing",), "the public"),
    Topic("public order and protest", ("Policing protest", "Getting the balance right: public order"), "protesters"),
    Topic("serious organised crime", ("The response to serious and organised crime",), "communities"),
    Topic("victims' services", ("Meeting the needs of victims in the criminal justice system",), "victims of crime"),
    Topic("workforce wellbeing", ("Police workforce wellbeing and leadership",), "officers and staff"),
    Topic("child protection", ("National child protection inspection: thematic findings",), "children at risk"),
]
NATIONAL_TITLE_FORMS = ["{title}", "{title}", "{title} – a progress report", "{title}, {year}"]
NATIONAL_REPORT_TYPES = [(ReportType.NATIONAL_THEMATIC, 85), (ReportType.HOME_SECRETARY_COMMISSIONED, 15)]
FORCE_REPORT_TYPES = [
    (ReportType.PEEL, 60, "PEEL {span}: an inspection of {force}"),
    (ReportType.CUSTODY, 12, "Report on an unannounced inspection visit to police custody suites: {force}"),
    (ReportType.CRIME_DATA_INTEGRITY, 10, "{force}: crime data integrity inspection {year}"),
    (ReportType.NCPI, 6, "National child protection inspection: {force}"),
    (ReportType.JTAI, 5, "Joint targeted area inspection of the multi-agency response in the {force} area"),
    (ReportType.PCC_COMMISSIONED, 4, "An inspection of {topic} in {force}, commissioned by the local policing body"),
    (ReportType.OTHER, 3, "An inspection of {topic} in {force}"),
]

# A small grammar: "{name}" becomes one of WORDS[name], itself filled in the same way; the names
# given to a fill (the body, the force, the topic) are used as they are.
WORDS = {
    "partner": [
        "local authorities",
        "the Crown Prosecution Service",
        "health partners",
        "the local safeguarding children partnership",
        "community safety partnerships",
        "specialist victims' services",
        "the probation service",
        "schools and colleges",
        "the fire and rescue service",
        "housing providers",
        "neighbouring forces",
        "the regional organised crime unit",
    ],
    "forum": [
        "the quarterly accountability board",
        "the police and crime panel",
        "the monthly performance meeting",
        "the joint audit committee",
        "the public accountability meeting",
        "the scrutiny board",
        "the strategic policing board",
    ],
    "frequency": ["every quarter", "each month", "twice a year", "every six months", "at every meeting"],
    "staff": [
        "response officers",
        "call handlers",
        "detectives",
        "supervisors",
        "neighbourhood officers",
        "custody staff",
        "police staff investigators",
        "student officers",
        "sergeants and inspectors",
    ],
    "records": ["case files", "crime reports", "incident logs", "risk assessments", "custody records", "referrals"],
    "did": ["reviewed", "rewritten", "strengthened", "introduced", "revised", "updated", "audited", "replaced"],
    "do": ["review", "rewrite", "strengthen", "introduce", "revise", "update", "audit", "replace"],
    "thing": [
        "its policy on {topic}",
        "the guidance officers follow on {topic}",
        "the training given to {staff} in {topic}",
        "the way it records and reviews {topic} cases",
        "its {topic} plan",
        "the supervision of {topic} investigations",
        "the information it shares with {partner}",
        "its performance framework for {topic}",
        "the risk assessment used at first contact",
        "its quality assurance of {records}",
    ],
    "purpose": [
        "",
        "",
        ", so that {victims} receive a consistent service",
        " to make sure that nothing is missed at first contact",
        ", in line with the College of Policing's guidance",
        ", so that decisions are recorded and can be checked",
        " after listening to {victims}",
    ],
    "when": [
        "by {deadline}",
        "before {deadline}",
        "within six months",
        "over the coming year",
        "by the end of the financial year",
        "as part of next year's plan",
    ],
    "measure": [
        "the number of {records} reviewed each month",
        "the proportion of {topic} cases closed with a charge",
        "how long {victims} wait for a first response",
        "the outcomes of {topic} investigations",
        "repeat victimisation",
        "public confidence in the force's work on {topic}",
    ],
    "num": ["12", "24", "40", "65", "120", "150", "300", "450"],
    "percent": ["62", "71", "78", "84", "89", "93", "97"],
    # Woven into text on any subject, so that searches for them find plenty.
    "theme": ["domestic abuse", "stop and search", "violence against women and girls", "hate crime", "custody"],
    # Sentences.
    "opening_taken": [
        "{body} accepts this {kind_word}, and the work it asks for is complete.",
        "{force} has acted on this {kind_word} in full.",
        "This {kind_word} has been met, and {body} has seen the evidence.",
        "We welcome this {kind_word}; {force} had already begun the work it describes.",
        "{body} agrees with this {kind_word} and is satisfied that it has been addressed.",
    ],
    "opening_proposed": [
        "{body} accepts this {kind_word}, and {force} has a plan to meet it.",
        "We accept this {kind_word}; the work is under way but not yet finished.",
        "{force} has agreed an action plan for this {kind_word}, with a named chief officer responsible.",
        "{body} welcomes this {kind_word} and will hold {force} to account for meeting it {when}.",
    ],
    "opening_none": [
        "This {kind_word} is addressed to {addressee}, so no action of our own is needed.",
        "{body} has considered this {kind_word} carefully and will take no further action on it.",
        "{force} already does what this {kind_word} asks, as the inspection itself found in other areas.",
    ],
    "opening_plain": [
        "{body} notes this {kind_word}.",
        "We recognise the finding set out in this {kind_word}.",
        "{force} accepts the inspectorate's view here.",
        "This {kind_word} reflects what {body} has also heard from {victims}.",
    ],
    "taken": [
        "{force} has {did} {thing}{purpose}.",
        "{num} {staff} have completed training in {topic}, and the course is now part of initial training.",
        "A review of {num} {records} in {past_month} found that {percent} per cent met the new standard.",
        "{force} now reports on {measure} to {forum} {frequency}.",
        "A dedicated team, working with {partner}, was set up in {past_month} to deal with {topic}.",
        "Since {past_month}, every {topic} case has been reviewed by a supervisor within 24 hours.",
        "{body} has funded additional support for {victims} through {partner}.",
    ],
    "proposed": [
        "{force} will {do} {thing} {when}{purpose}.",
        "{force} will work with {partner} to {do} {thing} {when}.",
        "A new approach to {topic} will be tested in one area {when}, then extended across the force.",
        "{body} will ask for a report on progress at {forum} {when}.",
        "Training for {staff} on {topic} is being designed with {partner} and will start {when}.",
        "{body} has set aside funding for this work in next year's budget.",
        "Progress will be measured by {measure}, reported to {forum} {frequency}.",
    ],
    "none": [
        "Decisions on national funding and legislation are matters for {addressee}.",
        "{body} will nonetheless raise the issue through the Association of Police and Crime Commissioners.",
        "{force} will take account of any national guidance once it is published.",
        "The local arrangements for {topic} were reviewed last year and found to be effective.",
        "{body} will keep this under review at {forum}.",
    ],
    "intro": [
        "{body} welcomes this report and thanks the inspectorate for its work.",
        "{body} has read this report with care and accepts its findings.",
        "This response sets out the comments of {force}, our reply to them, and what is being done about each finding.",
        "{body} has a duty to publish a response to this report, and does so here.",
        "The report's findings on {topic} matter to {victims}, and {body} has asked {force} to act on them.",
    ],
    "chief": [
        "I welcome this report and the opportunity to comment on it.",
        "We have compared our practice with each of the report's findings.",
        "Some of the report's findings reflect work we had already begun; others will need further work.",
        "I have asked a chief officer to lead the work on {topic} and to report to me each month.",
        "Our officers and staff work hard to protect {victims}, and this report will help them do so better.",
        "I am grateful to the inspectorate for its findings, which we accept.",
    ],
    "scrutiny": [
        "{body} will scrutinise delivery at {forum} {frequency}.",
        "Progress is published in the minutes of {forum}.",
        "The police and crime panel will be told of progress {when}.",
        "{body} will ask {force} for evidence that the change has lasted, and will publish what it finds.",
        "Members of the public can follow this work through the reports to {forum}.",
    ],
    "link": [
        "This work sits alongside the force's plan to tackle {theme}.",
        "The same approach is being applied to {theme}, where the risks are similar.",
        "Lessons from this work will also inform how the force deals with {theme}.",
        "The police and crime plan makes {theme} a priority, and this {kind_word} supports it.",
    ],
    "summary": [
        "We looked at {num} {records} and spoke to {staff}, {partner} and {victims}.",
        "Too often, {staff} did not have the training or the supervision they needed.",
        "We found good practice in the way some teams work with {partner}, but it is not consistent.",
        "Leaders understand the importance of {topic}, but this is not yet reflected in what {victims} experience.",
        "We also looked at how well the police work with {partner} to deal with {theme}.",
        "The quality of {records} varied, and supervisors did not always review them.",
    ],
    "concern": [
        "{where} does not do enough to protect {victims}: the response to {topic} is inconsistent, and {records} are often incomplete.",
        "{where} is not managing the risk to {victims} well enough; too many {topic} cases wait too long for a first response.",
        "Oversight of {topic} is not effective: supervisors do not review {records}, and problems are not found.",
    ],
    "national_recommendation": [
        "{when_cap}{who} should {do} {thing}, so that {victims} are properly protected.",
        "{when_cap}{who} should make sure that {staff} understand {topic} and record it accurately.",
        "{when_cap}{who}, working with {partner}, should {do} {thing}.",
        "{when_cap}{who} should publish {measure}, so that the public can see how well {topic} is dealt with.",
        "{when_cap}{who} should {do} {thing} and review whether it has made a difference for {victims}.",
    ],
    "force_finding": [
        "the force should {do} {thing}.",
        "the force should make sure that {staff} have the training and supervision they need on {topic}.",
        "the force should improve how it records and uses information about {topic}.",
        "the force needs to understand {measure} better, and act on what it finds.",
        "the force should work with {partner} to improve its response to {topic}.",
    ],
}
COMMENT_SENTENCES = {
    Position.ACTION_TAKEN: ("opening_taken", ["taken", "taken", "scrutiny", "link"]),
    Position.ACTION_PROPOSED: ("opening_proposed", ["proposed", "proposed", "scrutiny", "link"]),
    Position.NO_ACTION: ("opening_none", ["none", "none", "scrutiny", "link"]),
    "": ("opening_plain", ["taken", "proposed", "scrutiny", "link"]),
}
WHO = {
    AddresseeKind.CHIEF_CONSTABLES: ["chief constables", "all chief constables"],
    AddresseeKind.POLICE_AND_CRIME_COMMISSIONERS: ["police and crime commissioners"],
    AddresseeKind.HOME_OFFICE: ["the Home Office"],
    AddresseeKind.COLLEGE_OF_POLICING: ["the College of Policing"],
    AddresseeKind.NATIONAL_POLICE_CHIEFS_COUNCIL: ["the National Police Chiefs' Council"],
}
ADDRESSEE_WEIGHTS = [
    (AddresseeKind.CHIEF_CONSTABLES, 70),
    (AddresseeKind.POLICE_AND_CRIME_COMMISSIONERS, 10),
    (AddresseeKind.HOME_OFFICE, 8),
    (AddresseeKind.COLLEGE_OF_POLICING, 7),
    (AddresseeKind.NATIONAL_POLICE_CHIEFS_COUNCIL, 5),
]
# Findings addressed only to these are for others to act on: a body often takes no action itself.
FOR_OTHERS = {
    AddresseeKind.HOME_OFFICE,
    AddresseeKind.COLLEGE_OF_POLICING,
    AddresseeKind.NATIONAL_POLICE_CHIEFS_COUNCIL,
}
KIND_WORDS = {
    Kind.RECOMMENDATION: "recommendation",
    Kind.AREA_FOR_IMPROVEMENT: "area for improvement",
    Kind.CAUSE_OF_CONCERN: "cause of concern",
    Kind.ACCELERATED_CAUSE_OF_CONCERN: "cause of concern",
}
REFERENCE_WORDS = {
    Kind.RECOMMENDATION: "Recommendation",
    Kind.AREA_FOR_IMPROVEMENT: "Area for improvement",
    Kind.CAUSE_OF_CONCERN: "Cause of concern",
    Kind.ACCELERATED_CAUSE_OF_CONCERN: "Accelerated cause of concern",
}
WITHDRAWAL_REASONS = [
    "This response was published before the chief officer's comments were final. A corrected response will follow.",
    "Withdrawn because it named a member of the public. A new response will be published.",
    "Withdrawn at the request of the police and crime panel while the figures in it are checked.",
]
