"""Fictional words for synthetic plans: place names, posts, boards and the phrases plans are made of.

Every name here is invented. Place names are built from syllables and checked against the
vocabulary's list of real authorities, so a synthetic plan is never mistaken for a real council's.
"""
from __future__ import annotations

import random

_PREFIXES = ["Brack", "Wex", "Fern", "Ash", "Thorn", "Mar", "Hol", "Kes", "Lang", "Rud", "Sel", "Whin", "Yar",
             "Oak", "Elm", "Bram", "Cor", "Dun", "Gar", "Hart", "Ivy", "Lark", "Nor", "Pen", "Quar", "Ros",
             "Stan", "Tad", "Umber", "Vel", "Wyn", "Bel", "Cal", "Dray", "Eld", "Fal", "Glen", "Hep"]
_MIDDLES = ["", "", "", "en", "er", "ing", "el", "an"]
_SUFFIXES = ["ford", "ley", "mere", "wick", "by", "ton", "ham", "stead", "field", "borough", "combe", "worth",
             "dale", "bridge", "holm", "well", "thorpe", "hurst"]


def place_names(seed: int, count: int, reserved: set[str]) -> list[str]:
    """`count` distinct single-word fictional place names, in a seeded order.

    `reserved` holds lower-cased words that must not be used (real authority names)."""
    pool = sorted({f"{p}{m}{s}" for p in _PREFIXES for m in _MIDDLES for s in _SUFFIXES})
    pool = [n for n in pool if n.casefold() not in reserved]
    random.Random(f"places:{seed}").shuffle(pool)
    if count > len(pool):
        raise ValueError(f"at most {len(pool)} synthetic authorities can be named")
    return pool[:count]


# ---- posts (leads) ---------------------------------------------------------------------------
COUNCIL_LEADS = [
    "Assistant Director, Safeguarding and Family Support",
    "Head of Looked After Children",
    "Head of LAC",
    "Head of Fieldwork",
    "Head of Safeguarding and Quality",
    "Head of Children with Disabilities and Practice Development",
    "Virtual Head Teacher",
    "Strategic Business Intelligence Manager",
    "Head of Early Help",
    "Principal Social Worker",
    "Head of Commissioning",
    "Workforce Development Manager",
    "Head of Community Operations",
    "Performance Improvement Manager",
    "Head of Quality Assurance",
    "Service Manager for Adoption and Fostering",
]
JOINT_LEADS = [("Head of LAC", "Head of Fieldwork"), ("Head of Early Help", "Head of Fieldwork"),
               ("Head of Commissioning", "Head of Quality Assurance")]
# sub-groups of the safeguarding board; each has a chair who leads part 2 actions
SUB_GROUPS = ["QA Sub Group", "Training and Development Sub Group", "Performance Sub Group",
              "Policy and Procedures Sub Group", "Child Sexual Exploitation Sub Group"]
INITIALS = ["SMcL", "JH", "KS", "MG", "RB", "LK", "SW", "AT", "DP", "NF", "CW", "EH", "PJ", "TR"]

# ---- boards named in monitoring cells -----------------------------------------------------------
COUNCIL_BOARDS = ["Improvement Board", "Corporate Parenting Panel", "Joint Senior Management Team", "Heads of Service",
                  "Health and Social Care Overview and Scrutiny Committee", "Cabinet", "Childcare Managers",
                  "Performance Clinic"]

# ---- text -------------------------------------------------------------------------------------
AREA_VERBS = ["Ensure that", "Make certain that", "Secure improvement so that", "Check that"]
AREA_SUBJECTS = [
    "caseloads in children in need teams", "management oversight of casework", "the quality of assessments",
    "supervision of social care staff", "child protection plans", "the timeliness of initial assessments",
    "pathway plans for care leavers", "the voice of the child in planning", "placement stability for looked "
    "after children", "audit and performance management", "the recruitment of foster carers",
    "information sharing between agencies", "the use of chronologies", "return interviews for missing children",
    "health assessments for looked after children", "the work of the front door team",
]
AREA_ENDS = ["will remain manageable and safe.", "will be consistently good.", "will be timely and of good quality.",
             "will be routinely reviewed by managers.", "will improve outcomes for children.",
             "will be effective and well understood."]
ACTION_VERBS = ["Review", "Refresh", "Develop", "Implement", "Audit", "Introduce", "Embed", "Evaluate",
                "Agree", "Establish", "Deliver", "Publish"]
ACTION_OBJECTS = [
    "the supervision policy", "the case audit programme", "the practice standards", "the workforce strategy",
    "the sufficiency strategy", "the quality assurance framework", "the threshold document",
    "the missing children protocol", "the care leavers offer", "the training programme for managers",
    "the performance scorecard", "the placement panel process", "the assessment template",
    "the corporate parenting strategy", "the early help offer", "the recruitment campaign",
]
ACTION_ENDS = ["with partners", "across all teams", "in line with national guidance", "and share the learning",
               "with frontline practitioners", "to reduce drift and delay", "for all new managers", ""]
SUCCESS = ["Objectives agreed by partners", "Audit shows improved practice", "All staff trained",
           "Plans reviewed on time", "Performance on target", "Policy signed off"]
RESOURCES = ["Within existing resources", "Trust Board", "Business Manager", "Performance Improvement Manager",
             "Training budget", "N/A"]
PROGRESS_TABLE = ["Work is progressing to plan.", "The review has been completed and shared with managers.",
                  "A project group meets monthly.", "Training sessions have been delivered to most teams.",
                  "Figures for the last quarter show improvement.", "Drafting is well advanced.",
                  "Staffing pressures have delayed this work.", "A new timetable has been agreed."]
# progress phrases whose status the loader infers when a plan has no RAG column (status, phrase)
PROGRESS_INFERRED = [("BLUE", "This action has been fully actioned."), ("BLUE", "Completed."),
                     ("AMBER", "Review commenced."), ("AMBER", "Work is underway with partners."),
                     ("AMBER", "Revised timescale agreed with the Select Committee."),
                     ("RED", "Slipped because of staffing pressures."), ("RED", "Not yet started.")]
REFERENCE_DOCS = ["Quality and improvement action plan", "Improvement Plan priority list v3",
                  "Areas for improvement based on observations of Ofsted judgments", "Audit of cases action plan",
                  "Safeguarding Children Board Business Plan", "Ofsted report on the arrangements for the "
                  "protection of children", "Keeping Children Safe Strategy"]
WORKSTREAMS = ["Practice", "Commissioning", "Safeguarding Board", "LAC", "Workforce", "QA", "MASH",
               "Strengthening Governance"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
