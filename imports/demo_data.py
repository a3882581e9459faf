"""Demo content for `manage.py seed_demo`: example inspection reports, with example section 55
responses, so a newcomer's copy of the tracker shows every part of the product.

Everything here is made up, and says so:

- No demo report is a real HMICFRS report. Every title starts with "Example:", none carries a real
  report's title or address, and each summary ends with a note that HMICFRS has not published it.
  A real report (the National Child Protection Inspections 2019 thematic report, say) comes into
  the tracker only by importing it, so its findings are never mixed with invented ones.
- The findings are written for the demo, in HMICFRS's style, so that every kind appears: numbered
  recommendations (some with their own deadline), areas for improvement, and a cause of concern
  with the recommendations made under it.
- Every response is fictional, written in the voice of a local policing body's office, and is
  loaded with is_example=True so every page labels it as an example. No response names a real
  person. The force report is about a real force only so that it can be answered by that force's
  body; its summary says that its findings say nothing about the real force.

Dates: every report is published between June 2024 and October 2026, after the last change of
body in police-bodies-history.csv (the mayors of South Yorkshire and of York and North Yorkshire,
7 May 2024), so every body that answers was in office on the report's date and on its response's.
Bodies answer national reports, or the report on their own force. Between them, the responses
are published on time, published late, or still drafts (one overdue, one within its 56 days).

Bodies, forces and addressees are referred to by the slugs migration tracker/0002 gives them.
Plain text throughout; paragraphs are separated by a blank line.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

DEMO_NOTE = (
    "This is an example report, written to demonstrate the tracker: HMICFRS has not published it. "
    "Its findings, and every response to it, are invented."
)


def _summary(text):
    return f"{text}\n\n{DEMO_NOTE}"


REPORTS = [
    {
        "slug": "example-an-inspection-of-how-forces-handle-missing-person-reports",
        "title": "Example: An inspection of how forces handle missing-person reports",
        "report_type": "national-thematic",
        "published_on": date(2024, 9, 12),
        "source_url": "",
        "summary": _summary(
            "A national inspection of how forces in England and Wales respond when someone is reported "
            "missing: how they assess the risk, how they search, and how they work with local "
            "authorities and care providers to protect children who go missing again and again."
        ),
        "concerns_all_forces": True,
        "forces": [],
        "findings": [
            {
                "reference": "Recommendation 1",
                "kind": "recommendation",
                "text": (
                    "Chief constables should make sure that the risk to every person reported missing is "
                    "assessed and recorded at first contact, that what the person's family or carers say "
                    "is part of that record, and that the assessment is reviewed whenever new information "
                    "comes to light."
                ),
                "addressees": ["chief-constables"],
            },
            {
                "reference": "Recommendation 2",
                "kind": "recommendation",
                "text": (
                    "Within six months, chief constables should agree with their local authorities how "
                    "what children say in return-home interviews is shared with the police, so that "
                    "signs of exploitation are seen and acted on without delay."
                ),
                "addressees": ["chief-constables"],
                "deadline_text": "Within six months",
            },
            {
                "reference": "Recommendation 3",
                "kind": "recommendation",
                "text": (
                    "Chief constables, working with local authorities and care providers, should make "
                    "sure that every child who goes missing repeatedly from care has a joint plan to "
                    "reduce the risk to them, and should review every case in which a child is missing "
                    "for more than 24 hours."
                ),
                "addressees": ["chief-constables"],
            },
            {
                "reference": "Recommendation 4",
                "kind": "recommendation",
                "text": (
                    "The Home Office, with the government departments responsible for children's social "
                    "care and health, should review how the work of the police and their partners with "
                    "missing people is funded, so that the support a person receives after they return "
                    "does not depend on where they live."
                ),
                "addressees": ["home-office"],
            },
            {
                "reference": "Recommendation 5",
                "kind": "recommendation",
                "text": (
                    "The College of Policing should update its guidance and training on the sexual and "
                    "criminal exploitation of children, so that officers and staff recognise the signs "
                    "of exploitation in children who go missing."
                ),
                "addressees": ["college-of-policing"],
            },
        ],
    },
    {
        "slug": "example-an-inspection-of-the-police-response-to-stalking",
        "title": "Example: An inspection of the police response to stalking",
        "report_type": "home-secretary-commissioned",
        "published_on": date(2025, 3, 6),
        "source_url": "",
        "summary": _summary(
            "An inspection, imagined as commissioned by the Home Secretary, of how effectively the "
            "police respond to stalking, from a victim's first call to the outcome of the "
            "investigation, and of how well forces use the protective orders the law gives them."
        ),
        "concerns_all_forces": True,
        "forces": [],
        "findings": [
            {
                "reference": "Recommendation 1",
                "kind": "recommendation",
                "text": (
                    "By 31 December 2025, chief constables should make sure that every victim of stalking "
                    "has their needs and the risk they face assessed and recorded at first contact, and "
                    "that the assessment is reviewed whenever the investigation changes course."
                ),
                "addressees": ["chief-constables"],
                "deadline_on": date(2025, 12, 31),
                "deadline_text": "By 31 December 2025",
            },
            {
                "reference": "Recommendation 2",
                "kind": "recommendation",
                "text": (
                    "Chief constables should monitor the use of stalking protection orders and bail "
                    "conditions, and make sure that breaches are recorded as offences and investigated."
                ),
                "addressees": ["chief-constables"],
            },
            {
                "reference": "Recommendation 3",
                "kind": "recommendation",
                "text": (
                    "The National Police Chiefs' Council and the College of Policing should agree a "
                    "single set of measures of the police response to stalking, so that forces, and "
                    "those who hold them to account, can compare outcomes."
                ),
                "addressees": ["national-police-chiefs-council", "college-of-policing"],
            },
            {
                "reference": "Recommendation 4",
                "kind": "recommendation",
                "text": (
                    "Police and crime commissioners should commission specialist advocacy services for "
                    "victims of stalking on terms of at least three years, so that victims receive "
                    "consistent support throughout the criminal justice process."
                ),
                "addressees": ["police-and-crime-commissioners"],
            },
            {
                "reference": "Recommendation 5",
                "kind": "recommendation",
                "text": (
                    "The Home Office should publish, at least once a year, national data on the outcomes "
                    "of stalking offences, broken down by force."
                ),
                "addressees": ["home-office"],
            },
        ],
    },
    {
        "slug": "example-an-inspection-of-standards-of-behaviour-and-vetting-in-police-forces",
        "title": "Example: An inspection of standards of behaviour and vetting in police forces",
        "report_type": "home-secretary-commissioned",
        "published_on": date(2025, 10, 9),
        "source_url": "",
        "summary": _summary(
            "An inspection, imagined as commissioned by the Home Secretary, of how forces in England "
            "and Wales vet the people who join them, and how well they find and deal with misogynistic "
            "and predatory behaviour by their officers and staff."
        ),
        "concerns_all_forces": True,
        "forces": [],
        "findings": [
            {
                "reference": "Cause of concern 1",
                "kind": "cause-of-concern",
                "text": (
                    "Forces are not doing enough to find and deal with misogynistic and predatory "
                    "behaviour by their officers and staff, and too few of those who experience or "
                    "witness it have the confidence to report it."
                ),
                "addressees": ["chief-constables"],
            },
            {
                "reference": "Recommendation 1",
                "kind": "recommendation",
                "under": "Cause of concern 1",
                "text": (
                    "By 31 March 2026, chief constables should give officers and staff a confidential "
                    "way to report misogynistic and predatory behaviour by colleagues, and make sure "
                    "that every report is assessed by the professional standards department."
                ),
                "addressees": ["chief-constables"],
                "deadline_on": date(2026, 3, 31),
                "deadline_text": "By 31 March 2026",
            },
            {
                "reference": "Recommendation 2",
                "kind": "recommendation",
                "under": "Cause of concern 1",
                "text": (
                    "By 31 March 2026, chief constables should make sure that their counter-corruption "
                    "units actively seek intelligence about officers and staff abusing their position "
                    "for a sexual purpose, including through regular audits of force IT systems."
                ),
                "addressees": ["chief-constables"],
                "deadline_on": date(2026, 3, 31),
                "deadline_text": "By 31 March 2026",
            },
            {
                "reference": "Recommendation 3",
                "kind": "recommendation",
                "text": (
                    "The Home Office should review whether the rules on police misconduct let the case "
                    "against an officer who leaves the service during an investigation be heard in full, "
                    "however long the investigation has taken, with the outcome recorded on the barred "
                    "list."
                ),
                "addressees": ["home-office"],
            },
            {
                "reference": "Recommendation 4",
                "kind": "recommendation",
                "text": (
                    "The College of Policing should revise its vetting guidance so that any history of "
                    "domestic abuse, sexual offending or predatory behaviour, including allegations that "
                    "did not lead to a conviction, is considered in every vetting decision and the "
                    "assessment recorded."
                ),
                "addressees": ["college-of-policing"],
            },
            {
                "reference": "Area for improvement 1",
                "kind": "area-for-improvement",
                "text": (
                    "Forces should improve how they record the reasons for vetting decisions, "
                    "particularly where clearance is granted despite adverse information."
                ),
                "addressees": ["chief-constables"],
            },
        ],
    },
    {
        "slug": "example-a-peel-inspection-of-essex-police",
        "title": "Example: A PEEL inspection of Essex Police",
        "report_type": "peel",
        "published_on": date(2026, 3, 19),
        "source_url": "",
        "summary": _summary(
            "An example of a PEEL report on a single force: an assessment of its effectiveness, "
            "efficiency and legitimacy, and of the service it gives to victims of crime. It concerns a "
            "real force only so that the tracker can show a force report and its body's answer: its "
            "areas for improvement say nothing about how Essex Police really performs."
        ),
        "concerns_all_forces": False,
        "forces": ["essex-police"],
        "findings": [
            {
                "reference": "Area for improvement 1",
                "kind": "area-for-improvement",
                "text": (
                    "The force should make sure that repeat victims of anti-social behaviour are "
                    "identified when they call, and that their needs and the risk they face are assessed."
                ),
                "addressed_forces": ["essex-police"],
            },
            {
                "reference": "Area for improvement 2",
                "kind": "area-for-improvement",
                "text": (
                    "The force should improve how it identifies and safeguards vulnerable people at first "
                    "contact, so that a risk assessment is completed and recorded for every vulnerable "
                    "caller."
                ),
                "addressed_forces": ["essex-police"],
            },
            {
                "reference": "Area for improvement 3",
                "kind": "area-for-improvement",
                "text": (
                    "The force should make sure that investigations are allocated to officers with the "
                    "skills and capacity to carry them out, and that supervisors review them regularly."
                ),
                "addressed_forces": ["essex-police"],
            },
            {
                "reference": "Area for improvement 4",
                "kind": "area-for-improvement",
                "text": (
                    "The force should record the reasons when a victim withdraws support for an "
                    "investigation, and should consider in every such case whether to continue without "
                    "the victim's support."
                ),
                "addressed_forces": ["essex-police"],
            },
            {
                "reference": "Area for improvement 5",
                "kind": "area-for-improvement",
                "text": (
                    "The force should improve how it monitors and reviews its use of stop and search, so "
                    "that it can show the powers are used fairly."
                ),
                "addressed_forces": ["essex-police"],
            },
        ],
    },
    {
        "slug": "example-an-inspection-of-how-forces-examine-phones-and-other-digital-devices",
        "title": "Example: An inspection of how forces examine phones and other digital devices",
        "report_type": "national-thematic",
        "published_on": date(2026, 10, 15),
        "source_url": "",
        "summary": _summary(
            "A national inspection of how effectively forces recover and use evidence from phones, "
            "computers and other digital devices, and of the service victims receive while their "
            "devices are examined."
        ),
        "concerns_all_forces": True,
        "forces": [],
        "findings": [
            {
                "reference": "Recommendation 1",
                "kind": "recommendation",
                "text": (
                    "By 30 September 2027, chief constables should make sure that their forces understand "
                    "current and future demand for digital forensics and have a plan to meet it, "
                    "including the number of trained digital media investigators they need."
                ),
                "addressees": ["chief-constables"],
                "deadline_on": date(2027, 9, 30),
                "deadline_text": "By 30 September 2027",
            },
            {
                "reference": "Recommendation 2",
                "kind": "recommendation",
                "text": (
                    "Chief constables should make sure that victims are told how long their devices are "
                    "likely to be kept, and are offered alternatives, such as examination at the scene, "
                    "where these are available."
                ),
                "addressees": ["chief-constables"],
            },
            {
                "reference": "Recommendation 3",
                "kind": "recommendation",
                "text": (
                    "The National Police Chiefs' Council and the Home Office should agree a national plan "
                    "for digital forensics, led by a single senior police officer, with clear milestones "
                    "for reducing the number of devices awaiting examination."
                ),
                "addressees": ["national-police-chiefs-council", "home-office"],
            },
            {
                "reference": "Recommendation 4",
                "kind": "recommendation",
                "text": (
                    "Chief constables should make sure that their digital forensic units, and the "
                    "self-service kiosks used by officers, meet the accreditation standards set by the "
                    "Forensic Science Regulator."
                ),
                "addressees": ["chief-constables"],
            },
        ],
    },
]


RESPONSES = [
    # Example: An inspection of how forces handle missing-person reports (due 6 November 2024).
    {
        "report": "example-an-inspection-of-how-forces-handle-missing-person-reports",
        "body": "cumbria-pfcc",
        "status": "published",
        "published_at": datetime(2024, 10, 31, 11, 0, tzinfo=LONDON),
        "introduction": (
            "The Police, Fire and Crime Commissioner for Cumbria welcomes this national inspection. Its "
            "findings apply to every force, and the Commissioner has asked the Chief Constable to set "
            "out how each recommendation for chief constables will be met in Cumbria.\n\n"
            "Cumbria's fells, lakes and coast mean that a search for a missing person can involve mountain "
            "rescue teams and the fire and rescue service as well as the police. The Commissioner's "
            "office scrutinises the force's response to missing people at the quarterly accountability "
            "meetings, and works with Cumberland Council and Westmorland and Furness Council to make sure "
            "that children who go missing are seen and heard.\n\n"
            "This response sets out the Chief Constable's comments, the Commissioner's reply, and the "
            "action taken or proposed on each of the report's recommendations."
        ),
        "chief_officer_comments": (
            "I welcome this report. We have compared our practice with each of its findings and found "
            "that we already meet several of them, while others need further work.\n\n"
            "Every missing person report is now risk-assessed on our missing persons system, and a "
            "supervisor reviews the assessment at set intervals. I have asked the force's lead for "
            "public protection to report to me on progress against each recommendation by the end of "
            "the financial year."
        ),
        "chief_officer_comments_received_on": date(2024, 10, 18),
        "reply_to_chief_officer": (
            "The Commissioner welcomes the Chief Constable's comments and the force's early comparison of "
            "its practice with the report. The Commissioner will ask for the progress report at the "
            "quarterly accountability meeting, and asks that it include the number of children reported "
            "missing more than three times in a year, and what was done for each of them."
        ),
        "items": {
            "Recommendation 1": (
                "action-taken",
                "Call handlers and attending officers record the risk assessment for every missing person "
                "on the force's missing persons system, including what the person's family or carers say, "
                "and a supervisor reviews it at set intervals. The Commissioner's office will review a "
                "sample of records with the force next year.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force will agree with Cumberland Council and Westmorland and Furness Council how the "
                "results of return-home interviews are shared with the police. The agreement is expected "
                "by March 2025, within the six months the report allows, and the Commissioner will "
                "receive a copy.",
            ),
            "Recommendation 3": (
                "action-proposed",
                "The force already reviews every case in which a child is missing for more than 24 hours. "
                "With the two councils and local care providers, it will agree a joint plan for each child "
                "who goes missing repeatedly from care. The Commissioner has asked for the figures to be "
                "reported to every quarterly accountability meeting.",
            ),
            "Recommendation 4": (
                "no-action",
                "This recommendation is for the Home Office, and decisions on national funding are not "
                "for the Commissioner. The Commissioner will therefore take no action of their own, but "
                "supports a sustainable footing for the support given to missing people after they "
                "return and will make the case through the Association of Police and Crime Commissioners.",
            ),
            "Recommendation 5": (
                "action-proposed",
                "This recommendation is for the College of Policing. When the College's updated guidance "
                "is published, the force will include it in the training of response officers and of its "
                "missing persons team. The Commissioner will ask for confirmation that this has been done.",
            ),
        },
    },
    {
        "report": "example-an-inspection-of-how-forces-handle-missing-person-reports",
        "body": "dyfed-powys-pcc",
        "status": "published",
        "published_at": datetime(2024, 12, 12, 14, 30, tzinfo=LONDON),
        "introduction": (
            "The Commissioner welcomes this thematic report. Its lessons apply across England and Wales, "
            "and the force and the Commissioner's office have considered each of them.\n\n"
            "Dyfed-Powys is the largest police force area in England and Wales, and much of it is rural. "
            "Services for children are provided by four local authorities, Carmarthenshire, Ceredigion, "
            "Pembrokeshire and Powys, and the Commissioner recognises that finding and protecting "
            "children who go missing depends on how well these services and the police work together. "
            "The Wales Safeguarding Procedures give all partners a common framework for that work.\n\n"
            "This response is published later than the 56 days the law allows. The Commissioner regrets "
            "the delay, which arose because the Commissioner chose to consult the four local authorities "
            "on the recommendations about sharing information before publishing, and their replies "
            "arrived after the deadline. A Welsh language version is available from the Commissioner's "
            "office."
        ),
        "chief_officer_comments": (
            "The force welcomes the report and accepts its recommendations in so far as they apply to "
            "the police. Our public protection teams have reviewed our practice against each finding.\n\n"
            "We are already working with the four local authorities to make the sharing of return-home "
            "interviews consistent across the force area, and we will report our progress to the "
            "Commissioner's Policing Accountability Board."
        ),
        "chief_officer_comments_received_on": date(2024, 10, 25),
        "reply_to_chief_officer": (
            "The Commissioner thanks the Chief Constable for these comments and will monitor progress "
            "through the Policing Accountability Board. The Commissioner asks that the work on "
            "return-home interviews take account of what children and families say about them, gathered "
            "through the Commissioner's own engagement with young people."
        ),
        "items": {
            "Recommendation 1": (
                "action-taken",
                "Officers record the risk assessment for every missing person, with the views of the "
                "family or carers, and supervisors check it before the search plan is agreed. An audit in "
                "the summer of 2024 found the assessment completed in most cases, and the force will "
                "repeat the audit in 2025.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force and the four local authorities have agreed to review how the results of "
                "return-home interviews are shared, in line with the Wales Safeguarding Procedures. The "
                "review will report to the regional safeguarding board in the spring of 2025.",
            ),
            "Recommendation 3": (
                "action-taken",
                "Every case of a child missing for more than 24 hours is reviewed by a detective inspector, "
                "and each child who goes missing repeatedly from care has a plan agreed with the local "
                "authority and the care provider. The Commissioner's office reviews a sample of these "
                "plans every year.",
            ),
            "Recommendation 4": (
                "no-action",
                "This recommendation is for the Home Office; in Wales, children's social care and health "
                "services are the responsibility of the Welsh Government. The Commissioner has no power "
                "over either and will take no action of their own, but has written to both governments in "
                "support of sustainable funding for the support given to missing people.",
            ),
            "Recommendation 5": (
                "action-proposed",
                "This recommendation is for the College of Policing. The force will adopt the updated "
                "guidance when it is published, and will include it in the training of new officers and of "
                "its missing persons coordinators.",
            ),
        },
    },
    # Example: An inspection of the police response to stalking (due 30 April 2025).
    {
        "report": "example-an-inspection-of-the-police-response-to-stalking",
        "body": "mopac",
        "status": "published",
        "published_at": datetime(2025, 4, 24, 10, 0, tzinfo=LONDON),
        "introduction": (
            "The Mayor's Office for Policing and Crime (MOPAC) welcomes this report. Stalking does lasting "
            "harm, and victims too often find that no one sees the pattern of behaviour until it has "
            "gone on for months.\n\n"
            "Tackling violence against women and girls, including stalking, is a priority of the Police "
            "and Crime Plan for London. MOPAC funds specialist support for victims across the capital, "
            "and commissions independent research into victims' experience of the police and the "
            "courts.\n\n"
            "This response sets out the comments of the Commissioner of Police of the Metropolis, MOPAC's "
            "reply, and the action taken or proposed on each recommendation. MOPAC will monitor progress "
            "through its oversight board and report on it publicly."
        ),
        "chief_officer_comments": (
            "The Metropolitan Police Service accepts the report's findings. Victims of stalking must be "
            "able to trust that we will take them seriously from their first call.\n\n"
            "We are publishing our own stalking action plan alongside this response. It includes more "
            "specialist investigators, earlier use of stalking protection orders, and changes to how we "
            "support victims from their first contact with us onwards."
        ),
        "chief_officer_comments_received_on": date(2025, 4, 11),
        "reply_to_chief_officer": (
            "MOPAC welcomes the Commissioner's acceptance of the report and the publication of the action "
            "plan. MOPAC will hold the Metropolitan Police Service to account for delivering it, through "
            "quarterly reports to MOPAC's oversight board, and will publish the measures by which "
            "progress will be judged."
        ),
        "items": {
            "Recommendation 1": (
                "action-proposed",
                "The Metropolitan Police Service will introduce a structured needs and risk assessment for "
                "victims of stalking at first contact as part of its action plan. It is being tested in two "
                "areas and is due to be in use across London by December 2025. MOPAC will check progress "
                "against that date and review a sample of assessments with the Victims' Commissioner for "
                "London.",
            ),
            "Recommendation 2": (
                "action-taken",
                "The force now reports every month on the stalking protection orders it seeks and obtains, "
                "and on breaches of orders and bail conditions. Breaches are recorded as crimes and "
                "investigated. MOPAC reviews these figures at its oversight board.",
            ),
            "Recommendation 3": (
                "action-proposed",
                "This recommendation is for national bodies. MOPAC will contribute London's experience of "
                "measuring performance to the work of the National Police Chiefs' Council and the College "
                "of Policing, and will use the agreed measures in its own oversight of the force.",
            ),
            "Recommendation 4": (
                "action-taken",
                "MOPAC's contracts for specialist stalking advocacy already run for three years or more. "
                "MOPAC will keep to these terms when the services are next recommissioned.",
            ),
            "Recommendation 5": (
                "no-action",
                "This recommendation is for the Home Office, and national statistics are not MOPAC's to "
                "publish. MOPAC already publishes data on the police response to stalking in London "
                "through its public dashboards, so will take no further action.",
            ),
        },
    },
    {
        "report": "example-an-inspection-of-the-police-response-to-stalking",
        "body": "york-and-north-yorkshire-mayor",
        "status": "published",
        "published_at": datetime(2025, 4, 29, 16, 0, tzinfo=LONDON),
        "introduction": (
            "The Mayor of York and North Yorkshire took on the functions of the police, fire and crime "
            "commissioner in May 2024, and this is among the first inspection reports to which the Mayor "
            "has responded. The safety of women and girls is one of the Mayor's priorities, and the Police, "
            "Fire and Crime Plan will set out how it is to be improved across York and North Yorkshire.\n\n"
            "The Mayor welcomes the report's clear message that stalking must be a priority for every "
            "agency, not for the police alone. The services the Mayor commissions for victims will play "
            "their part alongside the force.\n\n"
            "This response includes the Chief Constable's comments, the Mayor's reply, and the action "
            "taken or proposed on each recommendation. The Deputy Mayor for Policing, Fire and Crime will "
            "oversee progress on the Mayor's behalf."
        ),
        "chief_officer_comments": (
            "North Yorkshire Police welcomes the report and has assessed itself against each of its "
            "recommendations.\n\n"
            "We have appointed a chief officer lead for stalking and are developing a force plan that "
            "concentrates on pursuing offenders and improving the experience of victims. We will report "
            "our progress to the Mayor every quarter."
        ),
        "chief_officer_comments_received_on": date(2025, 4, 9),
        "reply_to_chief_officer": (
            "The Mayor welcomes the appointment of a chief officer lead and the force's self-assessment. "
            "The Mayor asks that the force plan be published, and that it set measurable targets, "
            "including for the proportion of victims who stay engaged until the end of an investigation."
        ),
        "items": {
            "Recommendation 1": (
                "action-proposed",
                "The force will introduce a needs and risk assessment for victims of stalking at first "
                "contact by December 2025, building on the process its safeguarding teams already use. The "
                "Deputy Mayor will seek assurance at the Mayor's accountability meeting that the deadline "
                "is met.",
            ),
            "Recommendation 2": (
                "action-taken",
                "A dedicated team in the force monitors stalking protection orders and bail conditions, and "
                "breaches are recorded and investigated as offences. The Mayor's office receives the "
                "figures every quarter.",
            ),
            "Recommendation 3": (
                "action-proposed",
                "This recommendation is for national bodies. Once the national measures are agreed, the "
                "Mayor will include them in the performance framework of the Police, Fire and Crime Plan.",
            ),
            "Recommendation 4": (
                "action-proposed",
                "The Mayor will review the length of the contracts for victim services commissioned by "
                "the office. From April 2026, new contracts for specialist stalking advocacy will run for "
                "at least three years, subject to the funding the Mayor receives from government.",
            ),
            "Recommendation 5": (
                "no-action",
                "This recommendation is for the Home Office, and the Mayor has no role in publishing "
                "national data. The Mayor supports it, and will use the national data, once published, "
                "to compare outcomes in York and North Yorkshire with those elsewhere.",
            ),
        },
    },
    {
        "report": "example-an-inspection-of-the-police-response-to-stalking",
        "body": "northamptonshire-pfcc",
        "status": "published",
        "published_at": datetime(2025, 5, 22, 12, 0, tzinfo=LONDON),
        "introduction": (
            "The Police, Fire and Crime Commissioner for Northamptonshire welcomes this report and its "
            "recommendations. Keeping people safe from stalking and harassment, and making sure they "
            "feel safe, is central to the Commissioner's Police, Fire and Crime Plan.\n\n"
            "The Commissioner funds independent advocates for victims of stalking and domestic abuse in "
            "the county, and has supported the force's work to use protective orders earlier.\n\n"
            "The Commissioner regrets that this response is published after the 56-day deadline. The "
            "Commissioner asked for the Chief Constable's comments by 4 April 2025, but they were not "
            "received until 15 May 2025 because the force wished first to complete its own "
            "self-assessment. The Commissioner and the Chief Constable have agreed how future comments "
            "will be provided in time."
        ),
        "chief_officer_comments": (
            "Northamptonshire Police accepts the report's recommendations. Our self-assessment shows "
            "that we are well placed on some of them, but have further to go on others, in particular on "
            "the support we give victims throughout an investigation.\n\n"
            "Our stalking delivery plan sets out the work we will do over the next year."
        ),
        "chief_officer_comments_received_on": date(2025, 5, 15),
        "reply_to_chief_officer": (
            "The Commissioner thanks the Chief Constable for a thorough self-assessment. However, the "
            "Commissioner expects comments to arrive by the date requested in future, so that the public "
            "can read the response within the time the law allows. The Commissioner will monitor the "
            "delivery plan through the Accountability Board."
        ),
        "items": {
            "Recommendation 1": (
                "action-proposed",
                "The force's delivery plan includes a needs and risk assessment for victims of stalking at "
                "first contact, to be used in the control room and by attending officers. The force has "
                "told the Commissioner that it will be in place by January 2026, a month after the date in "
                "the recommendation. The Commissioner will check this at the Accountability Board.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force will begin monthly monitoring of stalking protection orders and bail conditions "
                "by July 2025. The Commissioner has asked for the first quarter's figures to be reported to "
                "the Accountability Board.",
            ),
            "Recommendation 3": (
                "action-proposed",
                "This recommendation is for national bodies. Once the measures are agreed, the "
                "Commissioner will adopt them in the performance framework used to hold the Chief "
                "Constable to account.",
            ),
            "Recommendation 4": (
                "action-taken",
                "The Commissioner's contracts for specialist stalking and domestic abuse advocacy already "
                "run for three years, with an option to extend them for two more. The Commissioner will "
                "keep to this when the services are next recommissioned.",
            ),
            "Recommendation 5": (
                "no-action",
                "This recommendation is for the Home Office, and publishing national data is outside the "
                "Commissioner's powers. The Commissioner will therefore take no action on it, but will use "
                "the national data, once published, alongside local figures in holding the Chief "
                "Constable to account.",
            ),
        },
    },
    # Example: An inspection of standards of behaviour and vetting in police forces (due 3 December
    # 2025): two responses on time and an overdue draft.
    {
        "report": "example-an-inspection-of-standards-of-behaviour-and-vetting-in-police-forces",
        "body": "greater-manchester-mayor",
        "status": "published",
        "published_at": datetime(2025, 11, 27, 10, 30, tzinfo=LONDON),
        "introduction": (
            "The Mayor of Greater Manchester, who holds the functions of the police and crime "
            "commissioner, welcomes this inspection. The public must be able to trust that those who "
            "join and serve in the police are fit to do so, and the report shows how far policing has to "
            "go before that trust is deserved everywhere.\n\n"
            "The report's recommendations apply to every force, including Greater Manchester Police. The "
            "Mayor's office has discussed them with the force and will scrutinise its plan to meet them "
            "through the Deputy Mayor's regular accountability meetings and the Police, Fire and Crime "
            "Panel.\n\n"
            "Greater Manchester's gender-based violence strategy commits the Combined Authority and its "
            "partners to tackling misogyny wherever it occurs, including within public services. This "
            "response sets out the Chief Constable's comments, the Mayor's reply and the position on each "
            "finding."
        ),
        "chief_officer_comments": (
            "Greater Manchester Police accepts the inspection's findings and all of its recommendations.\n\n"
            "We have reviewed a sample of our own vetting decisions against the report's findings, and "
            "our professional standards branch has set up a dedicated team to investigate allegations of "
            "sexual misconduct and abuse of position. We will meet each recommendation by the date the "
            "inspectorate has set."
        ),
        "chief_officer_comments_received_on": date(2025, 11, 14),
        "reply_to_chief_officer": (
            "The Mayor welcomes the Chief Constable's acceptance of every recommendation and the creation "
            "of a dedicated team. The Mayor asks the Chief Constable to report by 31 March 2026 on each "
            "recommendation with that deadline, including the number of reports received through the new "
            "confidential route and their outcomes."
        ),
        "items": {
            "Cause of concern 1": (
                "action-proposed",
                "The Mayor shares the inspectorate's concern. The force will address it through the two "
                "recommendations that follow, and the Deputy Mayor will review progress on both at every "
                "accountability meeting until they are complete.",
            ),
            "Recommendation 1": (
                "action-proposed",
                "The force will open a confidential reporting line for officers and staff, run by an "
                "independent provider, by February 2026. Every report will be assessed by the professional "
                "standards branch within five working days. The Mayor has asked for figures on its use to "
                "be published every six months.",
            ),
            "Recommendation 2": (
                "action-taken",
                "The force's counter-corruption unit now audits force systems routinely for signs of abuse "
                "of position for a sexual purpose, and passes its assessments to the professional standards "
                "branch. The Mayor will seek assurance that the unit has the staff it needs to keep this "
                "up.",
            ),
            "Recommendation 3": (
                "no-action",
                "This recommendation is for the Home Office and may need a change in the law, which the "
                "Mayor cannot make. The Mayor supports it and has made the case for it to the Home Office, "
                "but will take no further action.",
            ),
            "Recommendation 4": (
                "action-proposed",
                "This recommendation is for the College of Policing. The force will adopt the revised "
                "guidance when it is published, and the Mayor will ask for confirmation that its vetting "
                "decisions meet the new standard.",
            ),
            "Area for improvement 1": (
                "action-taken",
                "The force has introduced a template that requires vetting officers to record their "
                "reasons, and any mitigation considered, whenever clearance is granted despite adverse "
                "information. The force vetting manager reviews a sample of these decisions every month.",
            ),
        },
    },
    {
        "report": "example-an-inspection-of-standards-of-behaviour-and-vetting-in-police-forces",
        "body": "south-wales-pcc",
        "status": "published",
        "published_at": datetime(2025, 12, 2, 15, 0, tzinfo=LONDON),
        "introduction": (
            "The Police and Crime Commissioner for South Wales welcomes this report. Its findings make "
            "difficult reading for all of policing, and the Commissioner is determined that the people "
            "of South Wales, and the officers and staff who serve them, can be confident that misogyny "
            "and predatory behaviour will be found and dealt with.\n\n"
            "The Commissioner has discussed the report with the Chief Constable and with the Joint Audit "
            "Committee. As part of its regular review of complaints, the Commissioner's office will also "
            "examine a sample of complaint and misconduct files involving allegations of violence against "
            "women and girls.\n\n"
            "This response is published in Welsh and in English, in line with the Welsh Language "
            "Standards. It sets out the Chief Constable's comments, the Commissioner's reply and the "
            "position on each finding."
        ),
        "chief_officer_comments": (
            "South Wales Police accepts the report's findings.\n\n"
            "We have already strengthened the vetting of new recruits, including face-to-face assessment "
            "and references from previous employers, and we have increased the number of investigators in "
            "our anti-corruption unit. We will bring our progress on each recommendation to the "
            "Commissioner's Strategic Board."
        ),
        "chief_officer_comments_received_on": date(2025, 11, 17),
        "reply_to_chief_officer": (
            "The Commissioner welcomes the steps the force has already taken, and the additional "
            "investigators. The Commissioner will monitor progress at the Strategic Board and, because "
            "the report concerns the experience of women working in policing, will also ask the force's "
            "staff networks whether the changes are making a difference."
        ),
        "items": {
            "Cause of concern 1": (
                "action-proposed",
                "The Commissioner accepts the inspectorate's finding and will oversee the force's response "
                "through the Strategic Board. The two recommendations below set out the action being "
                "taken.",
            ),
            "Recommendation 1": (
                "action-taken",
                "South Wales Police already has a confidential reporting line for officers and staff, run "
                "by an external provider. Since the report was published the force has made sure all staff "
                "know about it, and every report is assessed by the professional standards department. The "
                "Commissioner will receive figures on its use every six months.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force will begin regular proactive audits of its IT systems for signs of abuse of "
                "position for a sexual purpose by March 2026. The Commissioner has asked to see the results "
                "of the first audits at the Strategic Board.",
            ),
            "Recommendation 3": (
                "no-action",
                "This recommendation is for the Home Office, and the Commissioner has no power to change "
                "the rules on police misconduct. The Commissioner supports the recommendation but will take "
                "no action on it.",
            ),
            "Recommendation 4": (
                "action-proposed",
                "This recommendation is for the College of Policing. The force will put the revised "
                "guidance into practice as soon as it is published, and the Commissioner will seek "
                "assurance that it has done so.",
            ),
            "Area for improvement 1": (
                "action-taken",
                "The force has changed its vetting procedures so that the reasons for every decision to "
                "grant clearance despite adverse information are recorded. Each such decision is "
                "countersigned by the force vetting manager.",
            ),
        },
    },
    {
        "report": "example-an-inspection-of-standards-of-behaviour-and-vetting-in-police-forces",
        "body": "staffordshire-pfcc",
        "status": "draft",
        "introduction": (
            "The Police, Fire and Crime Commissioner for Staffordshire welcomes this report. The "
            "Commissioner expects the highest standards of behaviour from everyone who works for "
            "Staffordshire Police and Staffordshire Fire and Rescue Service, and the public is entitled "
            "to know that those standards are enforced.\n\n"
            "Although the report concerns the police, the Commissioner has asked the Chief Fire Officer to "
            "consider its findings too, since many of its lessons on vetting and workplace culture apply "
            "equally to the fire and rescue service.\n\n"
            "The Chief Constable's comments have been requested and will be added to this response before "
            "it is published."
        ),
        "items": {
            "Cause of concern 1": (
                "action-proposed",
                "The Commissioner accepts this cause of concern. The force's response is set out under the "
                "two recommendations below, and the Commissioner will oversee it through the regular "
                "accountability meetings with the Chief Constable.",
            ),
            "Recommendation 1": (
                "action-proposed",
                "The force is reviewing its confidential reporting arrangements against the recommendation. "
                "It expects to report to the Commissioner in January 2026 on any changes needed to meet "
                "the March 2026 deadline.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force's counter-corruption unit will begin proactive audits of IT systems for signs "
                "of abuse of position for a sexual purpose. The Commissioner has asked for the audit plan "
                "and an estimate of the resources needed to carry it out.",
            ),
            "Recommendation 3": (
                "no-action",
                "This recommendation is for the Home Office, and any change in the law is not within the "
                "Commissioner's powers. The Commissioner will take no action on it, but will respond to any "
                "consultation on the changes.",
            ),
            "Recommendation 4": (
                "action-proposed",
                "This recommendation is for the College of Policing. The force will adopt the revised "
                "guidance when it is published.",
            ),
            "Area for improvement 1": (
                "action-proposed",
                "The force will review how it records the reasons for vetting decisions. It will report "
                "the outcome to the Commissioner, with a sample of decisions for the Commissioner's office "
                "to examine.",
            ),
        },
    },
    # Example: A PEEL inspection of Essex Police (due 13 May 2026): a force report, answered by the
    # force's own body.
    {
        "report": "example-a-peel-inspection-of-essex-police",
        "body": "essex-pfcc",
        "status": "published",
        "published_at": datetime(2026, 5, 8, 9, 30, tzinfo=LONDON),
        "introduction": (
            "The Police, Fire and Crime Commissioner for Essex welcomes this PEEL inspection of Essex "
            "Police. The report recognises the force's strengths, including its work with partners to "
            "reduce anti-social behaviour, and identifies where the service to the public must "
            "improve.\n\n"
            "The Commissioner is particularly concerned by what the report says about protecting "
            "vulnerable people. This is a priority of the Police and Crime Plan, and the Commissioner "
            "will give it close attention at the quarterly scrutiny meetings with the Chief Constable.\n\n"
            "This response sets out the Chief Constable's comments, the Commissioner's reply, and the "
            "action taken or proposed on each area for improvement in the report."
        ),
        "chief_officer_comments": (
            "Essex Police welcomes the inspectorate's report and accepts its areas for improvement. We are "
            "pleased that the inspectorate recognised our work with partners to reduce anti-social "
            "behaviour, and we accept that we must do better for vulnerable people and repeat victims.\n\n"
            "An improvement plan, with a chief officer responsible for each area, is already in place and "
            "will be reported to the Commissioner every quarter."
        ),
        "chief_officer_comments_received_on": date(2026, 4, 24),
        "reply_to_chief_officer": (
            "The Commissioner welcomes the improvement plan and the clear lines of responsibility within "
            "it. The Commissioner will hold the Chief Constable to account for it at the quarterly "
            "scrutiny meetings, and expects to see measurable progress, particularly in protecting "
            "vulnerable people, before the inspectorate next assesses the force."
        ),
        "items": {
            "Area for improvement 1": (
                "action-taken",
                "Call handlers now check callers reporting anti-social behaviour against previous reports, "
                "and repeat victims are referred to the local community policing team for a risk "
                "assessment. The Commissioner's continued funding of targeted patrols in anti-social "
                "behaviour hotspots supports this work.",
            ),
            "Area for improvement 2": (
                "action-proposed",
                "The force is retraining control room staff in assessing the risk to vulnerable callers and "
                "will audit compliance every month. The Commissioner has asked for the audit results at "
                "each quarterly scrutiny meeting.",
            ),
            "Area for improvement 3": (
                "action-proposed",
                "The force is reviewing how investigations are allocated, so that complex cases go to "
                "officers with the right training and a manageable workload. Supervisors will be required "
                "to review open investigations at set intervals. The Commissioner will examine the effect "
                "of these changes on the outcomes of investigations.",
            ),
            "Area for improvement 4": (
                "action-taken",
                "Officers must now record the reasons when a victim withdraws support, and a supervisor "
                "decides, and records, whether the investigation can continue without it. The force will "
                "share its audit of a sample of these cases with the Commissioner.",
            ),
            "Area for improvement 5": (
                "action-proposed",
                "The force will strengthen its internal monitoring of stop and search, including reviews "
                "of body-worn video footage, and will publish more detailed data on its website. The "
                "Commissioner's office will continue to observe the independent scrutiny panel and report "
                "on its findings.",
            ),
        },
    },
    # Example: An inspection of how forces examine phones and other digital devices (due 9 December
    # 2026): only a draft so far, still within the 56 days, so the report shows as awaiting responses.
    {
        "report": "example-an-inspection-of-how-forces-examine-phones-and-other-digital-devices",
        "body": "north-wales-pcc",
        "status": "draft",
        "introduction": (
            "The Police and Crime Commissioner for North Wales welcomes this inspection. Evidence from "
            "phones, computers and other devices is now part of almost every serious investigation, and "
            "delays in examining it are felt most by victims, who can be left without their phones for "
            "months.\n\n"
            "The Commissioner has asked the Chief Constable to assess the force against each "
            "recommendation addressed to chief constables, and will consider the national "
            "recommendations again when the Home Office has responded to them.\n\n"
            "This response will be published in Welsh and in English."
        ),
        "chief_officer_comments": (
            "North Wales Police welcomes the report. Our digital forensics unit has reviewed our practice "
            "against the recommendations for chief constables, and we have a plan to reduce the time "
            "devices wait for examination.\n\n"
            "We are working towards accreditation of our digital forensic work under the Forensic Science "
            "Regulator's code of practice, with assessment planned for 2027."
        ),
        "chief_officer_comments_received_on": date(2026, 11, 13),
        "items": {
            "Recommendation 1": (
                "action-proposed",
                "The force will complete an assessment of its demand for digital forensics by June 2027, "
                "including the number of trained digital media investigators it needs. The Commissioner "
                "will take its findings into account when setting the 2028/29 budget.",
            ),
            "Recommendation 2": (
                "action-proposed",
                "The force will update the information it gives victims whose devices are taken, including "
                "how long the device is likely to be kept and the alternatives available. The "
                "Commissioner's victim services team will review the new leaflet before it is issued.",
            ),
            "Recommendation 3": (
                "action-proposed",
                "This recommendation is for the National Police Chiefs' Council and the Home Office. The "
                "Commissioner will follow the development of the national plan and expects the force to "
                "align its own plans with it.",
            ),
            "Recommendation 4": (
                "action-proposed",
                "The force is preparing its digital forensic unit for assessment against the Forensic "
                "Science Regulator's code of practice. The Commissioner will ask for an update once the "
                "assessment has taken place.",
            ),
        },
    },
]
