"""The text of the fictional plans scripts/make_fixtures.py writes as Word and PDF fixtures.

Every council, post, date and sentence here is invented. Kept apart from the builder so that the text a
test expects and the code that lays it out are read separately.
"""
from __future__ import annotations

# Fernhallow tracker: (recommendation, action, lead, by when, RAG as text or '#fill' for colour only, progress).
# A progress given as a list is written as a bullet list in the cell.
FERNHALLOW_RECS = [
    "Recommendation 1: Ensure that senior leaders have an accurate understanding of the quality of social work "
    "practice through a strengthened quality assurance framework.",
    "Recommendation 2: Improve the timeliness and quality of assessments for children in need.",
    "Recommendation 3: Ensure that care leavers receive timely and effective help to find suitable homes.",
    "Recommendation 4: Strengthen the oversight of children missing from home and care.",
]
FERNHALLOW = [
    (1, "Refresh the quality assurance framework so that audits are moderated and findings reported monthly.",
     "Head of Quality Assurance", "30/06/2025", "Green",
     ["Framework agreed by the leadership team in June 2025.", "Moderation panel meets monthly."]),
    (1, "Run a themed audit of supervision records in every team.", "Principal Social Worker", "31/07/2025",
     "Complete", "Audit completed; report to the Children's Improvement Board in August 2025."),
    (1, "Publish a monthly practice quality report to the Children's Improvement Board.",
     "Head of Quality Assurance / Performance Manager", "31/08/2025", "#FFC000",
     "Two reports published; data on case recording still incomplete."),
    (1, "Train all team managers in the audit tool and moderation.", "Workforce Development Manager",
     "30/09/2025", "Green", ["Four sessions held.", "38 of 41 managers trained."]),
    (1, "Ask families for feedback on every audited case.", "Principal Social Worker", "31/10/2025", "#FF0000",
     "Feedback form designed but not yet in use."),
    (2, "Set a 45 working day standard for all assessments and report exceptions weekly.",
     "Head of Assessment", "31/05/2025", "Green", "Weekly exception report in place since May 2025."),
    (2, "Recruit six permanent social workers to the assessment teams.", "Head of Assessment / HR Business Partner",
     "30/09/2025", "#FF0000", ["Two appointed.", "Second recruitment campaign launched in September 2025."]),
    (2, "Introduce a single assessment template shared with health partners.", "Assistant Director Safeguarding",
     "31/12/2025", "Amber", "Template drafted; testing with health visitors."),
    (2, "Audit twenty assessments each quarter for quality of analysis.", "Head of Quality Assurance",
     "31/03/2026", "#92D050", "First two quarterly audits completed."),
    (2, "Offer reflective case discussion to every assessment team each month.", "Principal Social Worker",
     "31/01/2026", "Amber", ["Running in three of five teams.", "Remaining two teams start in January 2026."]),
    (3, "Agree a joint housing protocol for care leavers with the district housing service.",
     "Head of Care Leavers Service", "31/07/2025", "Complete", "Protocol signed in July 2025."),
    (3, "Open six supported lodgings placements for care leavers aged 18 to 21.", "Commissioning Manager",
     "31/03/2026", "#FFC000", "Three placements open."),
    (3, "Give every care leaver a pathway plan that names their housing options.",
     "Head of Care Leavers Service", "30/11/2025", "Red",
     ["Pathway plans reviewed for 60% of care leavers.", "Housing options missing in a third of plans."]),
    (3, "Set up a care leavers' forum that reviews the local offer each year.", "Participation Officer",
     "31/12/2025", "#0070C0", "Forum launched; first review of the local offer completed."),
    (3, "Provide a named housing officer for care leavers in each district.", "Commissioning Manager",
     "30/04/2026", "#A6A6A6", "Not yet started: depends on the housing protocol review."),
    (4, "Offer a return home interview to every child within 72 hours of being found.", "Head of Early Help",
     "30/06/2025", "Amber", ["Offered in 81% of episodes.", "Target is 95%."]),
    (4, "Share missing episodes daily with the police and the exploitation team.",
     "Exploitation and Missing Coordinator", "31/07/2025", "Green", "Daily call in place with the police."),
    (4, "Report themes from return home interviews to the strategic exploitation group each quarter.",
     "Exploitation and Missing Coordinator", "30/09/2025", "#C00000", "No report yet: analyst post vacant."),
    (4, "Review the missing from care protocol with the children's homes providers.", "Head of Children in Care",
     "31/12/2025", "Amber", "Review meetings held with four of seven providers."),
    (4, "Train foster carers on what to do when a child goes missing.", "Fostering Service Manager",
     "28/02/2026", "#00B050", ["Two training dates held.", "Guide for foster carers published."]),
]

# Coldwater narrative plan: recommendation, outcome bullets, then (what we will do, by when, lead, update).
COLDWATER = [
    ("Recommendation 1 – for immediate improvement",
     "Ensure that children at risk of significant harm are seen within one working day of a strategy discussion.",
     ["Children at risk are seen without delay."],
     [("Daily list of strategy discussions checked by the duty team manager.", "January 2025", "PQ",
       "Completed."),
      ("Escalate any child not seen within one working day to the Head of Service.", "February 2025", "PQ / RS",
       "In place since February 2025."),
      ("Audit visits after strategy discussions every month.", "March 2025", "TU", "Three audits completed.")]),
    ("Recommendation 2",
     "Improve the quality of plans for children in need so that they are specific and measurable.",
     ["Plans say what will change, by when and who will do it."],
     [("Introduce a new plan template with outcome measures.", "April 2025", "RS", "Template in use."),
      ("Train all social workers in writing outcome-focused plans.", "June 2025", "VW",
       "Five of seven sessions delivered."),
      ("Managers to review every plan within ten working days.", "July 2025", "PQ / VW",
       "Reviews recorded in 70% of cases.")]),
    ("Recommendation 3",
     "Ensure that the local authority designated officer arrangements are understood by partner agencies.",
     ["Partners know when and how to refer allegations."],
     [("Publish a guide to the designated officer arrangements for partners.", "May 2025", "XY", "Published."),
      ("Present the arrangements at each partner agency's safeguarding meeting.", "September 2025", "XY / TU",
       "Presented to police, health and schools.")]),
]

# Wrenlow, unruled: recommendation (in its first row only), action, lead, due, RAG word.
WRENLOW = [
    ("1. Strengthen management oversight of children in care.", "Monthly case review by team managers.",
     "Head of Children in Care", "31/03/2025", "Green"),
    ("", "Independent reviewing officers to escalate drift within five days.", "IRO Service Manager",
     "30/04/2025", "Amber"),
    ("", "Quarterly report on drift to the Corporate Parenting Panel.", "Head of Children in Care",
     "30/06/2025", "Red"),
    ("2. Improve the sufficiency of local foster placements.", "Recruit twelve new foster families.",
     "Fostering Service Manager", "31/03/2026", "Amber"),
    ("", "Raise the fostering allowance to the regional rate.", "Director of Children's Services",
     "30/09/2025", "Complete"),
    ("", "Launch a marketing campaign with the neighbouring authorities.", "Fostering Service Manager",
     "31/12/2025", "Green"),
]
