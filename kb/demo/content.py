"""The demo toolkit itself, as plain data: taxonomy, graphics, downloadable files and pages.

Written for this project (nothing is copied from elsewhere). The agencies are real, but every
story, figure, quote and artifact is illustrative: plausible enough for a CX practitioner to
recognise the work, modest enough that nobody mistakes it for an agency's own report. Quotes are
attributed the way research write-ups do it ("Veteran, 64, Ohio"), never to a named person.

Keeping the data apart from the loader means a writer can improve the text without reading code.
Conventions the loader relies on:

- every taxonomy term and page has a ``slug``, the key that makes loading idempotent;
- pages refer to terms, images, documents and other pages by those keys;
- ``published`` is an ISO date; ``review_in_days`` is counted from the day the demo is loaded, so
  a few pages are always overdue or due within 30 days for the review report;
- bodies are lists of ``(block_type, value)`` pairs using the block names in ``kb.blocks``;
- documents hold either ``text`` or, for spreadsheets, ``rows`` that the loader writes as CSV.
"""

# ---------------------------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------------------------

TOPICS = [
    {
        "name": "Journey mapping",
        "slug": "journey-mapping",
        "description": "Drawing the steps people actually take to get something done, with what they "
        "think and feel at each one, so teams can see where a service lets them down.",
    },
    {
        "name": "Customer feedback",
        "slug": "customer-feedback",
        "description": "Surveys, comment cards, call notes and complaints: collecting what customers tell "
        "you, and showing them that it changed something.",
    },
    {
        "name": "Service design",
        "slug": "service-design",
        "description": "Designing the whole service, front stage and back stage, rather than one form or "
        "one screen at a time.",
    },
    {
        "name": "Contact centers",
        "slug": "contact-centers",
        "description": "Phone lines, chat and call-back: shorter waits, fewer transfers and agents who have "
        "the answer.",
    },
    {
        "name": "Measurement",
        "slug": "measurement",
        "description": "Choosing a few honest measures of customer experience, collecting them reliably and "
        "using them to make decisions.",
    },
    {
        "name": "Digital services",
        "slug": "digital-services",
        "description": "Online forms, status tools and accounts that work on a phone, for everyone, the first time.",
    },
    {
        "name": "Accessibility and plain language",
        "slug": "accessibility-plain-language",
        "description": "Letters, pages and forms that people with disabilities, limited English or little "
        "time can understand and use.",
    },
    {
        "name": "Human-centered research",
        "slug": "human-centered-research",
        "description": "Interviews, observation and usability testing with the people a service is for, "
        "done ethically and with consent.",
    },
]

LIFE_EVENTS = [
    {
        "name": "Approaching retirement",
        "slug": "approaching-retirement",
        "description": "Deciding when to stop working, applying for retirement benefits and arranging "
        "health coverage, often with several agencies at once.",
    },
    {
        "name": "Recovering from a disaster",
        "slug": "recovering-from-a-disaster",
        "description": "Finding shelter, applying for assistance and rebuilding a home, farm or business "
        "after a flood, fire or storm.",
    },
    {
        "name": "Having a child",
        "slug": "having-a-child",
        "description": "Prenatal care, a birth certificate, a Social Security number and nutrition or "
        "health programs for a new family.",
    },
    {
        "name": "Transitioning from military service",
        "slug": "transitioning-from-military-service",
        "description": "Leaving active duty and starting civilian life: benefits, health care, education and work.",
    },
]

# Parents come before their sub-agencies.
AGENCIES = [
    {
        "name": "Department of Veterans Affairs",
        "slug": "va",
        "acronym": "VA",
        "level": "federal",
        "website": "https://www.va.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Veterans Benefits Administration",
        "slug": "vba",
        "acronym": "VBA",
        "level": "federal",
        "parent": "va",
        "website": "https://benefits.va.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Social Security Administration",
        "slug": "ssa",
        "acronym": "SSA",
        "level": "federal",
        "website": "https://www.ssa.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Department of the Treasury",
        "slug": "treasury",
        "acronym": "Treasury",
        "level": "federal",
        "website": "https://home.treasury.gov/",
    },
    {
        "name": "Internal Revenue Service",
        "slug": "irs",
        "acronym": "IRS",
        "level": "federal",
        "parent": "treasury",
        "website": "https://www.irs.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Department of Agriculture",
        "slug": "usda",
        "acronym": "USDA",
        "level": "federal",
        "website": "https://www.usda.gov/",
    },
    {
        "name": "Farm Service Agency",
        "slug": "usda-fsa",
        "acronym": "FSA",
        "level": "federal",
        "parent": "usda",
        "website": "https://www.fsa.usda.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Department of Homeland Security",
        "slug": "dhs",
        "acronym": "DHS",
        "level": "federal",
        "website": "https://www.dhs.gov/",
    },
    {
        "name": "Federal Emergency Management Agency",
        "slug": "fema",
        "acronym": "FEMA",
        "level": "federal",
        "parent": "dhs",
        "website": "https://www.fema.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Small Business Administration",
        "slug": "sba",
        "acronym": "SBA",
        "level": "federal",
        "website": "https://www.sba.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Office of Personnel Management",
        "slug": "opm",
        "acronym": "OPM",
        "level": "federal",
        "website": "https://www.opm.gov/",
        "is_high_impact_service_provider": True,
    },
    {
        "name": "Colorado Department of Revenue",
        "slug": "colorado-dor",
        "acronym": "CDOR",
        "level": "state",
        "website": "https://tax.colorado.gov/",
    },
    {
        "name": "Colorado Division of Motor Vehicles",
        "slug": "colorado-dmv",
        "acronym": "DMV",
        "level": "state",
        "parent": "colorado-dor",
        "website": "https://dmv.colorado.gov/",
    },
    {
        "name": "Philadelphia 311",
        "slug": "philadelphia-311",
        "acronym": "Philly311",
        "level": "local",
        "website": "https://www.phila.gov/",
    },
    {
        "name": "Cherokee Nation Health Services",
        "slug": "cherokee-nation-health-services",
        "acronym": "CNHS",
        "level": "tribal",
        "website": "https://health.cherokee.org/",
    },
    {
        "name": "Guam Department of Public Health and Social Services",
        "slug": "guam-dphss",
        "acronym": "DPHSS",
        "level": "territorial",
        "website": "https://dphss.guam.gov/",
    },
]

# ---------------------------------------------------------------------------------------------
# Generated graphics (drawn by kb.demo.images; `kind` names the drawing function)
# ---------------------------------------------------------------------------------------------

IMAGES = {
    "transition-journey-map": {
        "title": "Journey map: leaving the military, the first 120 days",
        "filename": "transition-journey-map.png",
        "alt": "Journey map with five stages from planning separation to the first benefit payment. Confidence "
        "is high while planning, drops to its lowest point when filing for benefits, stays low while waiting "
        "for a decision and recovers at the first payment.",
        "kind": "journey_map",
        "data": {
            "title": "Leaving the military: the first 120 days",
            "subtitle": "Composite of 22 interviews with recently separated service members",
            "stages": [
                "Plan separation",
                "Out-processing",
                "File for benefits",
                "Wait for a decision",
                "First payment",
            ],
            "scores": [1, -1, -2, -1, 2],
            "notes": [
                "Briefings feel generic; family not included",
                "Records and forms arrive all at once",
                "Unsure which form comes first",
                "No news for weeks; calls to check status",
                "Relief, but the amount is not explained",
            ],
        },
    },
    "farm-recovery-journey-map": {
        "title": "Journey map: a farm family's recovery after a flood",
        "filename": "farm-recovery-journey-map.png",
        "alt": "Journey map with five stages of a farm family's recovery after a flood, from assessing damage to "
        "receiving a loan. The lowest points are the repeat office visits to bring missing documents.",
        "kind": "journey_map",
        "data": {
            "title": "Recovering after a flood: a farm family's journey",
            "subtitle": "Drawn with county office staff from 18 producer interviews",
            "stages": ["Assess damage", "First office visit", "Gather records", "Return visits", "Loan decision"],
            "scores": [-1, 0, -1, -2, 1],
            "notes": [
                "Busy with livestock and cleanup; little time",
                "Helpful staff, but a long list of papers",
                "Records lost or at the bank or the insurer",
                "Average of four trips, up to 70 miles each",
                "Good news, but months after the flood",
            ],
        },
    },
    "disaster-service-blueprint": {
        "title": "Service blueprint: disaster assistance, first 30 days",
        "filename": "disaster-service-blueprint.png",
        "alt": "Service blueprint with four stages (register, inspection, decision, appeal) and four lanes: "
        "survivor actions, frontstage staff, backstage work and systems. A line of visibility separates what "
        "survivors see from the work behind it.",
        "kind": "blueprint",
        "data": {
            "title": "Disaster assistance: the first 30 days",
            "subtitle": "Simplified for the toolkit",
            "stages": ["Register", "Inspection", "Decision", "Appeal"],
            "lanes": [
                (
                    "Survivor actions",
                    [
                        "Applies online or by phone",
                        "Meets inspector at home",
                        "Reads decision letter",
                        "Sends documents",
                    ],
                ),
                ("Frontstage staff", ["Helpline agent", "Inspector", "", "Recovery center staff"]),
                ("Backstage work", ["Identity check", "Scheduling", "Eligibility review", "Case review"]),
                ("Systems", ["Registration system", "Inspection app", "Letter templates", "Document upload"]),
            ],
        },
    },
    "journey-workshop-steps": {
        "title": "Journey mapping workshop in five steps",
        "filename": "journey-workshop-steps.png",
        "alt": "Five numbered steps joined by arrows: gather research, draft the stages, map emotions, find "
        "pain points, agree next steps.",
        "kind": "process",
        "data": {
            "title": "A journey mapping workshop in five steps",
            "subtitle": "One day, six to ten people, research done beforehand",
            "steps": [
                ("Gather research", "Interviews, call notes and survey comments"),
                ("Draft the stages", "In the words customers use"),
                ("Map emotions", "Where confidence rises and falls"),
                ("Find pain points", "Where people give up, call or wait"),
                ("Agree next steps", "An owner and a date for each fix"),
            ],
        },
    },
    "interview-steps": {
        "title": "Customer interviews in four steps",
        "filename": "interview-steps.png",
        "alt": "Four numbered steps joined by arrows: recruit, prepare, talk and listen, synthesize.",
        "kind": "process",
        "data": {
            "title": "Customer interviews in four steps",
            "steps": [
                ("Recruit", "Six to eight people who use the service now"),
                ("Prepare", "A guide, a consent script and a note-taker"),
                ("Talk and listen", "Ask about the last time, not about the future"),
                ("Synthesize", "Group what you heard the same week"),
            ],
        },
    },
    "usability-test-steps": {
        "title": "A round of usability testing",
        "filename": "usability-test-steps.png",
        "alt": "Five numbered steps joined by arrows: write tasks, recruit five people, run sessions, debrief, "
        "fix and retest.",
        "kind": "process",
        "data": {
            "title": "One round of usability testing",
            "subtitle": "Small rounds, repeated, beat one big study",
            "steps": [
                ("Write tasks", "Real goals, not instructions"),
                ("Recruit five", "Include assistive technology users"),
                ("Run sessions", "Watch; do not help"),
                ("Debrief", "Same day, whole team"),
                ("Fix and retest", "Then start the next round"),
            ],
        },
    },
    "claim-status-calls-chart": {
        "title": "Chart: claim status calls per 1,000 pending claims",
        "filename": "claim-status-calls-chart.png",
        "alt": "Bar chart: claim status calls per 1,000 pending claims fell from 41 before the redesign to 33 "
        "six months after it.",
        "kind": "bar_chart",
        "data": {
            "title": "Claim status calls per 1,000 pending claims",
            "subtitle": "Monthly average, six months before and after the new status page",
            "bars": [("Before redesign", 41), ("Six months after", 33)],
        },
    },
    "retirement-returned-applications-chart": {
        "title": "Chart: retirement applications returned for missing documents",
        "filename": "retirement-returned-applications-chart.png",
        "alt": "Bar chart: the share of retirement applications returned for missing documents fell from 23 "
        "percent in the pilot offices' baseline quarter to 14 percent with the new checklist.",
        "kind": "bar_chart",
        "data": {
            "title": "Applications returned for missing documents",
            "subtitle": "Pilot field offices, share of applications",
            "bars": [("Baseline quarter", 23), ("With the checklist", 14)],
            "unit": "%",
        },
    },
    "abandoned-calls-chart": {
        "title": "Chart: abandoned calls on the pilot phone line",
        "filename": "abandoned-calls-chart.png",
        "alt": "Bar chart: the share of callers who hung up before reaching an agent was 29 percent in the "
        "previous filing season and 11 percent in the season with a callback option.",
        "kind": "bar_chart",
        "data": {
            "title": "Callers who hung up before reaching an agent",
            "subtitle": "Pilot line, January to April",
            "bars": [("Previous season", 29), ("Season with callback", 11)],
            "unit": "%",
        },
    },
    "letter-calls-chart": {
        "title": "Chart: helpline calls about what a letter means",
        "filename": "letter-calls-chart.png",
        "alt": "Bar chart: helpline calls asking what a decision letter means fell from 100 (indexed) with the "
        "old letter to 73 with the rewritten letter, a 27 percent drop.",
        "kind": "bar_chart",
        "data": {
            "title": "Calls asking what a decision letter means",
            "subtitle": "Indexed, old letter = 100; comparable declarations",
            "bars": [("Old letter", 100), ("Rewritten letter", 73)],
        },
    },
    "duplicate-questions-chart": {
        "title": "Chart: questions survivors answer twice",
        "filename": "duplicate-questions-chart.png",
        "alt": "Bar chart: disaster survivors who were referred for a loan answered 31 questions they had already "
        "answered at registration; after the shared intake pilot they answered 9.",
        "kind": "bar_chart",
        "data": {
            "title": "Questions asked twice across the two applications",
            "bars": [("Before the pilot", 31), ("Shared intake pilot", 9)],
        },
    },
    "retirement-inquiries-chart": {
        "title": "Chart: status inquiries per 100 retirement cases",
        "filename": "retirement-inquiries-chart.png",
        "alt": "Bar chart: status inquiries per 100 retirement cases fell from 62 before milestone emails to 38 "
        "after them.",
        "kind": "bar_chart",
        "data": {
            "title": "Status inquiries per 100 retirement cases",
            "bars": [("Before milestone emails", 62), ("After milestone emails", 38)],
        },
    },
    "lobby-wait-chart": {
        "title": "Chart: average lobby wait at pilot DMV offices",
        "filename": "lobby-wait-chart.png",
        "alt": "Bar chart: the average wait from check-in to the service window was 47 minutes before "
        "appointments and 18 minutes after.",
        "kind": "bar_chart",
        "data": {
            "title": "Average lobby wait at pilot offices",
            "subtitle": "Minutes from check-in to the service window",
            "bars": [("Walk-in only", 47), ("With appointments", 18)],
            "unit": " min",
        },
    },
    "closure-notice-trend": {
        "title": "Chart: service requests closed with a notice to the resident",
        "filename": "closure-notice-trend.png",
        "alt": "Line chart: the share of service requests closed with a notice to the resident rose each quarter, "
        "from 35 percent to 88 percent over six quarters, passing the 80 percent target in the fifth.",
        "kind": "trend_chart",
        "data": {
            "title": "Requests closed with a notice to the resident",
            "subtitle": "Share of closed requests, by quarter",
            "points": [("Q1", 35), ("Q2", 48), ("Q3", 61), ("Q4", 74), ("Q5", 83), ("Q6", 88)],
            "unit": "%",
            "target": 80,
        },
    },
    "missed-prenatal-chart": {
        "title": "Chart: missed prenatal appointments",
        "filename": "missed-prenatal-chart.png",
        "alt": "Bar chart: the share of prenatal appointments missed without notice fell from 21 percent to 13 "
        "percent after families chose how to be reminded.",
        "kind": "bar_chart",
        "data": {
            "title": "Prenatal appointments missed without notice",
            "bars": [("Before", 21), ("With chosen reminders", 13)],
            "unit": "%",
        },
    },
    "wic-visit-length-chart": {
        "title": "Chart: length of the first WIC visit",
        "filename": "wic-visit-length-chart.png",
        "alt": "Bar chart: the first WIC certification visit took 95 minutes on average before the redesign and "
        "55 minutes after.",
        "kind": "bar_chart",
        "data": {
            "title": "Length of the first WIC visit",
            "subtitle": "Average minutes, arrival to leaving with benefits",
            "bars": [("Before", 95), ("After", 55)],
            "unit": " min",
        },
    },
    "trust-score-trend": {
        "title": "Chart: trust score by quarter",
        "filename": "trust-score-trend.png",
        "alt": "Line chart: the share of newly enrolled veterans who agree they trust VA for their health care "
        "rose from 71 percent to 81 percent over six quarters, passing the 80 percent target in the last.",
        "kind": "trend_chart",
        "data": {
            "title": "Newly enrolled veterans who trust VA for their care",
            "subtitle": "Share agreeing or strongly agreeing, by quarter",
            "points": [("Q1", 71), ("Q2", 72), ("Q3", 74), ("Q4", 76), ("Q5", 79), ("Q6", 81)],
            "unit": "%",
            "target": 80,
        },
    },
}

# ---------------------------------------------------------------------------------------------
# Downloadable files (stored as Wagtail documents)
# ---------------------------------------------------------------------------------------------

DOCUMENTS = {
    "journey-map-template": {
        "title": "Journey map template (CSV)",
        "filename": "journey-map-template.csv",
        "rows": [
            [
                "stage",
                "what the customer does",
                "what they think or ask",
                "how they feel (-2 to +2)",
                "touchpoints",
                "pain points",
                "opportunities",
            ],
            ["Becoming aware", "", "", "", "", "", ""],
            ["Getting ready", "", "", "", "", "", ""],
            ["Applying", "", "", "", "", "", ""],
            ["Waiting", "", "", "", "", "", ""],
            ["Getting the outcome", "", "", "", "", "", ""],
            ["Afterwards", "", "", "", "", "", ""],
        ],
    },
    "interview-guide": {
        "title": "Customer interview guide (text)",
        "filename": "customer-interview-guide.txt",
        "text": """CUSTOMER INTERVIEW GUIDE (45 minutes)

Before the session
- Confirm consent to take notes (and to record, if you plan to).
- One person asks questions, one takes notes. Nobody else speaks.

Warm-up (5 minutes)
1. Tell me a little about yourself and what a normal week looks like.

The last time (25 minutes)
2. Think about the last time you needed to [do the task]. What started it?
3. What did you do first? Then what?
4. Where did you go for information? Who did you ask?
5. Was there a moment you were not sure what to do next? What happened?
6. How long did it take, from start to finish?
7. If you called or visited an office, what was that like?

Wrapping up (10 minutes)
8. If you could change one thing about that experience, what would it be?
9. Is there anything I should have asked and did not?

After the session
- Write up the notes within 24 hours, while they are fresh.
- Separate what the person said (quotes) from what you think it means.
""",
    },
    "consent-script": {
        "title": "Research consent script (text)",
        "filename": "research-consent-script.txt",
        "text": """RESEARCH CONSENT SCRIPT (read aloud)

Thank you for talking with us. We are [team] from [agency]. We are trying to make [service] easier to use.

- Taking part is voluntary. It will not affect any benefit, application or case you have with us.
- You can skip any question or stop at any time.
- We will take notes. We will not use your name in anything we share.
- [If recording] With your permission we would like to record the audio, only so we do not miss anything.
  Recordings are deleted after [period].

Do you have any questions? Is it all right to begin?
""",
    },
    "survey-question-bank": {
        "title": "Post-transaction survey question bank (CSV)",
        "filename": "post-transaction-survey-questions.csv",
        "rows": [
            ["driver", "statement", "scale"],
            ["trust", "I trust this agency to keep its promises to people like me.", "1-5 agree"],
            ["satisfaction", "I am satisfied with the service I received today.", "1-5 agree"],
            ["effort", "It was easy to get what I needed.", "1-5 agree"],
            ["speed", "My need was addressed in a reasonable amount of time.", "1-5 agree"],
            ["clarity", "I understood what would happen next.", "1-5 agree"],
            ["fairness", "I was treated fairly.", "1-5 agree"],
            ["staff", "The person who helped me was knowledgeable and courteous.", "1-5 agree"],
            ["open", "What is one thing we could have done better?", "free text"],
        ],
    },
    "service-blueprint-template": {
        "title": "Service blueprint template (CSV)",
        "filename": "service-blueprint-template.csv",
        "rows": [
            ["lane", "stage 1", "stage 2", "stage 3", "stage 4", "stage 5"],
            ["Evidence (what the customer sees or receives)", "", "", "", "", ""],
            ["Customer actions", "", "", "", "", ""],
            ["Frontstage (staff the customer meets)", "", "", "", "", ""],
            ["--- line of visibility ---", "", "", "", "", ""],
            ["Backstage (staff work the customer does not see)", "", "", "", "", ""],
            ["Support processes and systems", "", "", "", "", ""],
            ["Policies and rules", "", "", "", "", ""],
            ["Pain points and delays", "", "", "", "", ""],
        ],
    },
    "plain-language-checklist": {
        "title": "Plain language checklist (text)",
        "filename": "plain-language-checklist.txt",
        "text": """PLAIN LANGUAGE CHECKLIST

[ ] The first paragraph says what this is about and what the reader must do.
[ ] Deadlines and amounts are in bold and written the same way every time.
[ ] Sentences average fewer than 20 words.
[ ] "You" is the reader; "we" is the agency.
[ ] Active voice: "We reviewed your application", not "Your application was reviewed".
[ ] Terms of art are explained the first time, or replaced.
[ ] Headings are questions or tasks the reader has ("What do I need to send?").
[ ] Lists are used for steps and for documents to gather.
[ ] Contact details say when someone will answer, not just a number.
[ ] Tested with at least five people who receive this document.
""",
    },
    "call-listening-sheet": {
        "title": "Call listening observation sheet (text)",
        "filename": "call-listening-sheet.txt",
        "text": """CALL LISTENING OBSERVATION SHEET

Listener: ____________   Date: ________   Line/queue: ____________

For each call:
- Why did the person call, in their own words?
- Could they have found the answer without calling? Where did they look first?
- How many times were they transferred or put on hold?
- What did the agent need to look up, and where?
- Was the call resolved? If not, what happens next?
- One quote worth sharing (no names or case numbers).

After the session:
- The three reasons for calling you heard most often.
- One thing the team could fix this month.
""",
    },
    "usability-test-plan": {
        "title": "Usability test plan template (text)",
        "filename": "usability-test-plan.txt",
        "text": """USABILITY TEST PLAN

What we are testing:
What we want to learn (three questions at most):
1.
2.
3.

Participants: five people who [use the service]; at least one uses a screen reader or magnifier.
Recruiting through:
Incentive (if any, and whether it is allowed):

Tasks (written as goals, not instructions):
1. You have just received a letter asking for more information. Find out what you need to send.
2.
3.

Roles: facilitator / note-taker / observers (cameras off, chat to note-taker only)
Consent: read the consent script before each session.
Debrief: same day, 30 minutes, whole team.
""",
    },
    "dashboard-metric-definitions": {
        "title": "CX dashboard metric definitions (CSV)",
        "filename": "cx-dashboard-metric-definitions.csv",
        "rows": [
            ["metric", "definition", "source", "frequency", "owner", "target"],
            [
                "Trust score",
                "Share of survey respondents agreeing they trust the agency",
                "post-transaction survey",
                "monthly",
                "CX office",
                "80%",
            ],
            [
                "Ease score",
                "Share agreeing it was easy to get what they needed",
                "post-transaction survey",
                "monthly",
                "CX office",
                "80%",
            ],
            [
                "First contact resolution",
                "Share of contacts resolved without a repeat contact within 7 days",
                "contact center platform",
                "weekly",
                "contact center",
                "75%",
            ],
            [
                "Abandonment rate",
                "Share of callers who hang up before reaching an agent",
                "contact center platform",
                "daily",
                "contact center",
                "under 10%",
            ],
            [
                "Time to decision",
                "Median days from complete application to decision",
                "case management system",
                "monthly",
                "program office",
                "30 days",
            ],
            [
                "Digital completion",
                "Share of online applications started that are submitted",
                "web analytics",
                "weekly",
                "digital team",
                "70%",
            ],
        ],
    },
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

TOOLS = [
    {
        "slug": "journey-mapping-workshop",
        "title": "Run a journey mapping workshop",
        "summary": "Turn interview notes and call data into a shared picture of a customer's journey, and leave "
        "the room with owners for the three worst pain points.",
        "published": "2023-01-24",
        "review_in_days": 210,
        "topics": ["journey-mapping", "service-design"],
        "tool_type": "method",
        "cx_phase": "define",
        "time_needed": "One day, plus a week to prepare",
        "skill_level": "intermediate",
        "instructions": {
            "heading": "How to run the workshop",
            "steps": [
                {
                    "title": "Bring research, not opinions",
                    "text": "<p>Collect interview notes, a month of contact center reasons-for-call and any "
                    "survey comments before the day. A map drawn from memory maps the organisation, not the "
                    "customer.</p>",
                },
                {
                    "title": "Invite the people who own the steps",
                    "text": "<p>Six to ten people: frontline staff, policy, the digital team and someone who can "
                    "approve changes. Ask at least one frontline employee to help facilitate.</p>",
                },
                {
                    "title": "Draft the stages in customers' words",
                    "text": "<p>Start from what people are trying to do (<i>find out if I qualify</i>), not "
                    "from your process names (<i>eligibility determination</i>).</p>",
                },
                {
                    "title": "Map actions, questions and feelings",
                    "text": "<p>For each stage, note what people do, what they ask and how confident they feel. "
                    "Use quotes from the research wherever you can.</p>",
                },
                {
                    "title": "Mark the pain points and vote",
                    "text": "<p>Each participant gets three votes for the moments that cost customers the most "
                    "time, money or confidence.</p>",
                },
                {
                    "title": "Agree owners and dates",
                    "text": "<p>End with the top three pain points, each with a named owner and a date to report "
                    "back. Photograph the wall and share a clean version within a week.</p>",
                },
            ],
        },
        "body": [
            ("heading", "The workshop at a glance"),
            (
                "image",
                {
                    "image": "journey-workshop-steps",
                    "caption": "The five parts of the day. Most of the value comes from the research done beforehand.",
                },
            ),
            (
                "alert",
                {
                    "kind": "warning",
                    "heading": "A map is not a finding",
                    "text": "<p>If nobody outside the team has seen the research behind the map, test the draft "
                    "with three or four customers before you act on it.</p>",
                },
            ),
            ("heading", "What to bring"),
            (
                "table",
                {
                    "caption": "Materials for an in-person or remote workshop",
                    "rows": [
                        ["Item", "In person", "Remote"],
                        ["Wall or board", "Butcher paper, 4 metres", "A shared whiteboard file"],
                        ["Stages", "Large sticky notes", "Pre-made frames"],
                        ["Quotes", "Printed, one per card", "Pasted into the board beforehand"],
                        ["Votes", "Dot stickers", "Voting tool or emoji"],
                    ],
                },
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "How many journeys should one workshop cover?",
                            "content": "<p>One. If customers split into groups with very different journeys "
                            "(first-time and returning applicants, for example), run a workshop for each.</p>",
                        },
                        {
                            "title": "Can we do this without customer interviews?",
                            "content": "<p>You can draft a hypothesis map from call data and staff knowledge, "
                            "but label it as one and plan the interviews that will confirm or correct it.</p>",
                        },
                    ]
                },
            ),
        ],
        "downloads": [("journey-map-template", "Blank journey map with stages, feelings and pain points")],
    },
    {
        "slug": "customer-interview-guide",
        "title": "Customer interview guide",
        "summary": "A ready-to-adapt guide for 45-minute interviews about the last time someone used a service, "
        "with a consent script and advice on recruiting.",
        "published": "2023-04-11",
        "review_in_days": -12,
        "topics": ["human-centered-research"],
        "tool_type": "template",
        "cx_phase": "discover",
        "time_needed": "Half a day to prepare; 45 minutes a conversation",
        "skill_level": "beginner",
        "instructions": {
            "heading": "Using the guide",
            "steps": [
                {
                    "title": "Recruit six to eight people",
                    "text": "<p>Choose people who used the service in the last few months, including some who "
                    "gave up. Contact center agents and field offices are good recruiting partners.</p>",
                },
                {
                    "title": "Check what approvals you need",
                    "text": "<p>Talk to your Paperwork Reduction Act and privacy contacts early. One-on-one "
                    "conversations with open questions are usually simpler to clear than surveys, but ask.</p>",
                },
                {
                    "title": "Adapt the guide to your service",
                    "text": "<p>Replace the bracketed task with yours. Keep the questions about the <b>last "
                    "time</b>: people describe real events more accurately than habits or wishes.</p>",
                },
                {
                    "title": "Interview in pairs",
                    "text": "<p>One person asks, one takes notes. Swap roles between sessions.</p>",
                },
                {
                    "title": "Synthesize the same week",
                    "text": "<p>Group notes into themes on a wall or board, and pick a quote that shows each "
                    "theme.</p>",
                },
            ],
        },
        "body": [
            ("image", {"image": "interview-steps"}),
            (
                "quote",
                {
                    "quote": "Nobody ever asked me how it went. I would have told them the second letter "
                    "contradicted the first one.",
                    "attribution": "Applicant, 58, rural Kansas",
                },
            ),
            (
                "alert",
                {
                    "kind": "info",
                    "heading": "Protect the people you talk to",
                    "text": "<p>Never record names or case numbers in shared notes. If someone raises a problem "
                    "with their own case, pass it to the right office with their permission, after the "
                    "interview.</p>",
                },
            ),
            (
                "document",
                {"document": "consent-script", "description": "Read this aloud at the start of every session."},
            ),
            (
                "related_links",
                {
                    "heading": "Related tools",
                    "links": [
                        {"title": "Run a journey mapping workshop", "page": "journey-mapping-workshop"},
                        {
                            "title": "Interviewing guidance (example link)",
                            "url": "https://example.gov/research/interviews",
                        },
                    ],
                },
            ),
        ],
        "downloads": [("interview-guide", "The full question guide, with timings")],
    },
    {
        "slug": "post-transaction-survey",
        "title": "Post-transaction trust survey",
        "summary": "A short survey sent right after a customer finishes a transaction, built around trust and the "
        "drivers that explain it, with guidance on sampling and reporting.",
        "published": "2023-08-29",
        "review_in_days": 320,
        "topics": ["customer-feedback", "measurement"],
        "tool_type": "template",
        "cx_phase": "measure",
        "time_needed": "Two to three weeks to launch",
        "skill_level": "intermediate",
        "instructions": {
            "heading": "Setting up the survey",
            "steps": [
                {
                    "title": "Pick the moment",
                    "text": "<p>Send the survey when a transaction ends: after a call, a visit or an online "
                    "submission. A survey that arrives weeks later measures memory, not the service.</p>",
                },
                {
                    "title": "Keep it to eight questions",
                    "text": "<p>Use the trust question and the driver questions in the question bank, plus one "
                    "open question. Every extra question lowers the response rate.</p>",
                },
                {
                    "title": "Clear it with your information collection office",
                    "text": "<p>Many agencies use an existing generic clearance for customer feedback. Ask "
                    "before you build.</p>",
                },
                {
                    "title": "Report monthly, act weekly",
                    "text": "<p>Publish scores monthly, but read the open comments every week and route "
                    "specific problems to the team that can fix them.</p>",
                },
            ],
        },
        "body": [
            ("heading", "The questions"),
            (
                "table",
                {
                    "caption": "Survey drivers and sample statements (five-point agreement scale)",
                    "rows": [
                        ["Driver", "Statement"],
                        ["Trust", "I trust this agency to keep its promises to people like me."],
                        ["Ease", "It was easy to get what I needed."],
                        ["Speed", "My need was addressed in a reasonable amount of time."],
                        ["Clarity", "I understood what would happen next."],
                        ["Fairness", "I was treated fairly."],
                        ["Staff", "The person who helped me was knowledgeable and courteous."],
                    ],
                },
            ),
            (
                "alert",
                {
                    "kind": "success",
                    "heading": "Tip",
                    "text": "<p>Report the share of people who agree or strongly agree, not an average of the "
                    "scale. It is easier to explain and harder to misread.</p>",
                },
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "How many responses do we need?",
                            "content": "<p>For a monthly score that moves by less than five points from noise "
                            "alone, aim for roughly 400 responses a month per service you report on.</p>",
                        },
                        {
                            "title": "Should we survey people who were denied?",
                            "content": "<p>Yes. Leaving them out flatters the score and hides the moments where "
                            "clear communication matters most.</p>",
                        },
                    ]
                },
            ),
        ],
        "downloads": [("survey-question-bank", "Question bank with drivers and scales")],
    },
    {
        "slug": "service-blueprint-template",
        "title": "Service blueprint template",
        "summary": "Map what customers see alongside the staff work, systems and policies behind it, to find "
        "where hand-offs and rules create delays.",
        "published": "2023-12-05",
        "review_in_days": 150,
        "topics": ["service-design", "journey-mapping"],
        "life_events": ["recovering-from-a-disaster"],
        "tool_type": "template",
        "cx_phase": "design",
        "time_needed": "Two half-day sessions",
        "skill_level": "intermediate",
        "instructions": {
            "heading": "Building a blueprint",
            "steps": [
                {
                    "title": "Start from a journey map",
                    "text": "<p>Copy its stages across the top. The blueprint adds what happens behind each stage.</p>",
                },
                {
                    "title": "Fill the customer lane first",
                    "text": "<p>What people do and what they receive (letters, emails, screens) at each stage.</p>",
                },
                {
                    "title": "Walk the back stage with the people who do it",
                    "text": "<p>Ask staff to describe a real case from last week, including workarounds. "
                    "Written procedures rarely match practice.</p>",
                },
                {
                    "title": "Add systems and policies",
                    "text": "<p>Name each system and each rule that shapes a step. This is where most delays "
                    "turn out to live.</p>",
                },
                {
                    "title": "Mark the failure points",
                    "text": "<p>Highlight hand-offs, waits and re-work, and estimate how often each happens.</p>",
                },
            ],
        },
        "body": [
            (
                "image",
                {
                    "image": "disaster-service-blueprint",
                    "caption": "A simplified blueprint of disaster assistance. Everything below the red line is "
                    "invisible to survivors.",
                },
            ),
            (
                "paragraph",
                "<p>Journey maps show how a service feels. Blueprints show why it feels that way. Use them "
                "together: the map to choose the moment to fix, the blueprint to find the cause.</p>",
            ),
        ],
        "downloads": [("service-blueprint-template", "Blank blueprint with the standard lanes")],
    },
    {
        "slug": "plain-language-checklist",
        "title": "Plain language checklist for letters and notices",
        "summary": "Ten checks to run on any letter, notice or web page before it goes to the public, and how to "
        "test the result with the people who will read it.",
        "published": "2024-03-19",
        "review_in_days": 18,
        "topics": ["accessibility-plain-language", "digital-services"],
        "tool_type": "checklist",
        "cx_phase": "deliver",
        "time_needed": "30 minutes a document",
        "skill_level": "beginner",
        "instructions": {
            "heading": "Reviewing a document",
            "steps": [
                {
                    "title": "Read it as the person who receives it",
                    "text": "<p>Ask: what is this, what do I have to do, and by when? If those answers are not "
                    "in the first paragraph, start there.</p>",
                },
                {"title": "Run the ten checks", "text": "<p>Use the checklist below; note every check that fails.</p>"},
                {
                    "title": "Rewrite, then ask legal and policy together",
                    "text": "<p>Reviewing with counsel in the same meeting avoids rounds of edits that put the "
                    "jargon back.</p>",
                },
                {
                    "title": "Test with five readers",
                    "text": "<p>Ask each reader to say, in their own words, what the letter asks them to do. "
                    "Fix whatever two or more of them misread.</p>",
                },
            ],
        },
        "body": [
            ("heading", "The ten checks"),
            (
                "paragraph",
                "<ol><li>The first paragraph says what this is and what the reader must do.</li>"
                "<li>Deadlines and amounts are in bold and written the same way every time.</li>"
                "<li>Sentences average fewer than 20 words.</li>"
                "<li>&quot;You&quot; is the reader; &quot;we&quot; is the agency.</li>"
                "<li>Active voice: say who does what.</li>"
                "<li>Terms of art are explained the first time, or replaced.</li>"
                "<li>Headings are the questions readers have.</li>"
                "<li>Lists are used for steps and for documents to gather.</li>"
                "<li>Contact details say when someone will answer.</li>"
                "<li>The document was tested with at least five people who receive it.</li></ol>",
            ),
            (
                "quote",
                {
                    "quote": "I read it three times and I still didn't know if they were saying no or asking "
                    "me for something.",
                    "attribution": "Disaster survivor, 71, Louisiana",
                },
            ),
            (
                "alert",
                {
                    "kind": "info",
                    "text": "<p>Plain language also helps people using screen readers and translation tools: "
                    "short sentences and real headings survive both.</p>",
                },
            ),
        ],
        "downloads": [("plain-language-checklist", "The ten checks, ready to print")],
    },
    {
        "slug": "call-listening-sessions",
        "title": "Call listening sessions",
        "summary": "A regular, low-cost habit: staff from policy, digital and leadership listen to live or "
        "recorded contact center calls and bring back one thing to fix.",
        "published": "2024-06-25",
        "review_in_days": 240,
        "topics": ["contact-centers", "human-centered-research"],
        "tool_type": "method",
        "cx_phase": "discover",
        "time_needed": "Two hours a month",
        "skill_level": "beginner",
        "instructions": {
            "heading": "Setting up sessions",
            "steps": [
                {
                    "title": "Agree the rules with the contact center",
                    "text": "<p>Listeners stay silent, take no names or case numbers, and never discuss an "
                    "agent's performance.</p>",
                },
                {
                    "title": "Schedule a standing slot",
                    "text": "<p>Two hours, once a month, at a busy time of day. Busy hours show the service "
                    "under strain.</p>",
                },
                {
                    "title": "Use the observation sheet",
                    "text": "<p>One sheet per call. Capture why the person called in their own words.</p>",
                },
                {
                    "title": "Debrief for 15 minutes",
                    "text": "<p>Each listener shares the most surprising call and one fix. Keep a running list "
                    "and report on it quarterly.</p>",
                },
            ],
        },
        "body": [
            (
                "quote",
                {
                    "quote": "After one session our policy lead rewrote the letter that was driving half the "
                    "calls we heard.",
                    "attribution": "Contact center supervisor, federal benefits program",
                },
            ),
            (
                "table",
                {
                    "caption": "What a typical session yields",
                    "rows": [
                        ["Measure", "Result"],
                        ["Calls heard per listener", "8-12"],
                        ["Fixes proposed", "3-5 per session"],
                    ],
                },
            ),
        ],
        "downloads": [("call-listening-sheet", "One-page observation sheet")],
    },
    {
        "slug": "cx-measurement-dashboard",
        "title": "Build a CX measurement dashboard",
        "summary": "How to pick a handful of customer experience measures, define them so they mean the same thing "
        "every month, and present them so leaders act on them.",
        "published": "2025-03-25",
        "review_in_days": 365,
        "topics": ["measurement", "customer-feedback"],
        "tool_type": "guide",
        "cx_phase": "measure",
        "time_needed": "Four to six weeks",
        "skill_level": "advanced",
        "instructions": {
            "heading": "From measures to a dashboard",
            "steps": [
                {
                    "title": "Start with decisions",
                    "text": "<p>List the decisions leaders make each month about the service. Choose measures "
                    "that would change one of those decisions.</p>",
                },
                {
                    "title": "Balance perception and operations",
                    "text": "<p>Pair survey measures (trust, ease) with operational ones (wait time, time to "
                    "decision) so each explains the other.</p>",
                },
                {
                    "title": "Write definitions before charts",
                    "text": "<p>Each measure needs a definition, a source, a frequency, an owner and a target. "
                    "Use the definitions file as a starting point.</p>",
                },
                {
                    "title": "Show trends and targets",
                    "text": "<p>Every chart shows at least six periods and the target line. A single number "
                    "invites the question &quot;is that good?&quot;</p>",
                },
                {
                    "title": "Review it in a standing meeting",
                    "text": "<p>A dashboard nobody discusses is a report. Give it ten minutes in an existing "
                    "leadership meeting.</p>",
                },
            ],
        },
        "body": [
            (
                "image",
                {
                    "image": "closure-notice-trend",
                    "caption": "A measure shown as a trend with its target, as recommended in this guide.",
                },
            ),
            (
                "table",
                {
                    "caption": "A starter set of measures",
                    "rows": [
                        ["Measure", "Type", "Typical source"],
                        ["Trust score", "Perception", "Post-transaction survey"],
                        ["Ease score", "Perception", "Post-transaction survey"],
                        ["First contact resolution", "Operational", "Contact center platform"],
                        ["Time to decision", "Operational", "Case management system"],
                        ["Digital completion rate", "Operational", "Web analytics"],
                    ],
                },
            ),
            (
                "alert",
                {
                    "kind": "warning",
                    "heading": "Watch for measures that can be gamed",
                    "text": "<p>Average handle time, reported alone, rewards short calls rather than resolved "
                    "ones. Pair it with repeat contacts.</p>",
                },
            ),
            (
                "related_links",
                {
                    "heading": "Related tools",
                    "links": [{"title": "Post-transaction trust survey", "page": "post-transaction-survey"}],
                },
            ),
        ],
        "downloads": [("dashboard-metric-definitions", "Metric definitions to copy and adapt")],
    },
    {
        "slug": "usability-testing-basics",
        "title": "Usability testing basics",
        "summary": "A short training on running small, frequent rounds of usability testing on forms, letters and "
        "websites, including with people who use assistive technology.",
        "published": "2025-10-14",
        "review_in_days": 400,
        "topics": ["human-centered-research", "digital-services", "accessibility-plain-language"],
        "tool_type": "training",
        "cx_phase": "design",
        "time_needed": "One week per round",
        "skill_level": "beginner",
        "instructions": {
            "heading": "Running a round",
            "steps": [
                {
                    "title": "Write three to five tasks",
                    "text": "<p>Phrase them as goals (<i>find out whether you need to send anything else</i>), "
                    "never as instructions that name the button.</p>",
                },
                {
                    "title": "Recruit five people",
                    "text": "<p>Include at least one person who uses a screen reader, magnifier or voice control.</p>",
                },
                {
                    "title": "Run the sessions",
                    "text": "<p>Ask people to think aloud. Resist helping; note where they hesitate.</p>",
                },
                {"title": "Debrief the same day", "text": "<p>Agree the top three problems while they are fresh.</p>"},
                {
                    "title": "Fix and test again",
                    "text": "<p>The next round checks the fixes and finds the next problems.</p>",
                },
            ],
        },
        "body": [
            ("image", {"image": "usability-test-steps"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Can we test a paper letter?",
                            "content": "<p>Yes. Hand the letter over and ask what the person would do next. "
                            "Paper tests are among the quickest and most revealing.</p>",
                        },
                        {
                            "title": "Do we need a lab?",
                            "content": "<p>No. Video calls with screen sharing work for most web tasks; visit "
                            "people where they are for anything physical.</p>",
                        },
                    ]
                },
            ),
            (
                "related_links",
                {
                    "links": [
                        {"title": "Customer interview guide", "page": "customer-interview-guide"},
                        {"title": "Plain language checklist", "page": "plain-language-checklist"},
                    ]
                },
            ),
        ],
        "downloads": [("usability-test-plan", "Test plan template"), ("consent-script", "Consent script")],
    },
]

# ---------------------------------------------------------------------------------------------
# Case studies
# ---------------------------------------------------------------------------------------------

CASE_STUDIES = [
    {
        "slug": "claim-status-veterans-understand",
        "title": "A claim status page that answers the question veterans ask",
        "summary": "Veterans checking on a disability claim saw internal phase names and no sense of what came "
        "next. Rewriting the status steps with veterans cut status calls by about a fifth.",
        "published": "2023-03-14",
        "review_in_days": -45,
        "agencies": ["vba", "va"],
        "topics": ["digital-services", "accessibility-plain-language", "human-centered-research"],
        "life_events": ["transitioning-from-military-service"],
        "challenge": "<p>The online claim status tool showed each claim's internal phase, such as <i>gathering "
        "of evidence</i>, with no explanation and no indication of what would happen next. Many veterans "
        "checked the page, could not tell whether anything was expected of them, and called to ask.</p>",
        "approach": "<p>The team interviewed 24 veterans who had filed a claim in the past year and sat with 10 "
        "call agents to hear how they explained each phase on the phone. They rewrote every status step to "
        "answer three questions: <b>what is happening, what you can do now, and what happens next</b>. Five "
        "rounds of usability testing, including two with screen reader users, refined the wording.</p>",
        "results": "<p>In the six months after launch, calls about claim status fell from 41 to 33 per 1,000 "
        "pending claims. In testing, nine of ten veterans could say what would happen next, up from four of "
        "ten with the old page.</p>",
        "metrics": [
            {"label": "Status calls per 1,000 pending claims", "value": "33", "baseline": "41"},
            {"label": "Testers who could say what happens next", "value": "9 of 10", "baseline": "4 of 10"},
        ],
        "body": [
            ("heading", "What veterans told us"),
            (
                "quote",
                {
                    "quote": "It said my claim was in the evidence phase for two months. Evidence of what? Did "
                    "they need something from me?",
                    "attribution": "Veteran, 34, North Carolina",
                },
            ),
            (
                "paragraph",
                "<p>Agents had already found good ways to explain each phase; the team borrowed their words. "
                "The biggest single change was telling veterans plainly when <b>no action was needed</b>.</p>",
            ),
            (
                "image",
                {
                    "image": "claim-status-calls-chart",
                    "caption": "Monthly average calls about claim status per 1,000 pending claims.",
                },
            ),
            (
                "related_links",
                {
                    "links": [
                        {"title": "Usability testing basics", "page": "usability-testing-basics"},
                        {"title": "Plain language checklist", "page": "plain-language-checklist"},
                    ]
                },
            ),
        ],
    },
    {
        "slug": "retirement-application-checklist",
        "title": "A retirement application checklist people can finish in one sitting",
        "summary": "Applicants often came to a field office without the documents they needed. A one-page "
        "checklist, tested with people nearing retirement, reduced returned applications in pilot offices.",
        "published": "2023-06-20",
        "review_in_days": 95,
        "agencies": ["ssa"],
        "topics": ["accessibility-plain-language", "service-design", "human-centered-research"],
        "life_events": ["approaching-retirement"],
        "challenge": "<p>Nearly a quarter of retirement applications in the pilot offices were put on hold for a "
        "missing document, most often proof of age or a spouse's information. Each hold meant another "
        "appointment or another mailing, and weeks of delay.</p>",
        "approach": "<p>Staff in three field offices listened to applicants describe how they had prepared, and "
        "found that people relied on a long web page they rarely read to the end. The team drafted a one-page "
        "checklist ordered by how hard each item is to find, tested four versions with 30 people aged 60 to "
        "68, and mailed it with appointment confirmations.</p>",
        "results": "<p>Over two quarters, the share of applications returned for missing documents fell from 23% "
        "to 14% in the pilot offices. Staff reported shorter appointments, though the pilot did not measure "
        "appointment length.</p>",
        "metrics": [
            {"label": "Applications returned for missing documents", "value": "14", "unit": "%", "baseline": "23%"},
            {"label": "People tested with", "value": "30"},
        ],
        "body": [
            ("image", {"image": "retirement-returned-applications-chart"}),
            (
                "quote",
                {
                    "quote": "I had my birth certificate in a safe deposit box two hours away. If I'd known in "
                    "March I would have gone then.",
                    "attribution": "Applicant, 66, Wisconsin",
                },
            ),
            (
                "steps",
                {
                    "heading": "How the checklist is ordered",
                    "steps": [
                        {
                            "title": "Things that take weeks to get",
                            "text": "<p>Certified records from other states or countries.</p>",
                        },
                        {
                            "title": "Things that take a trip",
                            "text": "<p>Documents kept in a bank, with a lawyer or with family.</p>",
                        },
                        {"title": "Things you have at home", "text": "<p>Bank details, recent tax forms.</p>"},
                    ],
                },
            ),
            (
                "alert",
                {
                    "kind": "info",
                    "heading": "A pilot, not a rollout",
                    "text": "<p>Results come from three offices over two quarters and may not hold everywhere.</p>",
                },
            ),
        ],
    },
    {
        "slug": "callback-during-filing-season",
        "title": "Offering a callback during filing season",
        "summary": "A pilot phone line let callers keep their place in the queue and hang up. Far fewer people "
        "gave up before reaching an agent.",
        "published": "2023-10-03",
        "review_in_days": 6,
        "agencies": ["irs", "treasury"],
        "topics": ["contact-centers", "measurement"],
        "challenge": "<p>During filing season, waits on the pilot line often passed 30 minutes and almost three in "
        "ten callers hung up before reaching anyone. Many called again the same day, adding to the queue.</p>",
        "approach": "<p>The contact center offered a callback when the estimated wait exceeded 15 minutes. The "
        "team scripted the offer in plain language, tested it in English and Spanish, and listened to calls "
        "weekly to adjust the estimate callers heard. Agents could see that a call was a callback and greet "
        "the person accordingly.</p>",
        "results": "<p>The share of callers who hung up before reaching an agent fell from 29% to 11% on the pilot "
        "line. Most people who chose a callback were reached on the first attempt.</p>",
        "metrics": [
            {"label": "Callers who hung up before reaching an agent", "value": "11", "unit": "%", "baseline": "29%"},
            {"label": "Callbacks reached on the first attempt", "value": "92", "unit": "%"},
        ],
        "body": [
            ("image", {"image": "abandoned-calls-chart", "caption": "Pilot line, January to April of each year."}),
            (
                "table",
                {
                    "caption": "Pilot line results by month (share of callers who hung up)",
                    "rows": [
                        ["Month", "Previous season", "Season with callback"],
                        ["January", "24%", "10%"],
                        ["February", "31%", "12%"],
                        ["March", "33%", "12%"],
                        ["April", "27%", "9%"],
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "I got dinner made and they called me back. That's the first time I didn't lose "
                    "an afternoon to this.",
                    "attribution": "Taxpayer, 45, Arizona",
                },
            ),
            (
                "related_links",
                {"links": [{"title": "Call listening sessions", "page": "call-listening-sessions"}]},
            ),
        ],
    },
    {
        "slug": "farm-family-flood-recovery-journey",
        "title": "Mapping a farm family's road back after a flood",
        "summary": "County office staff and producers mapped the journey to emergency assistance after a flood. "
        "A document checklist and drop-off option halved the trips families had to make.",
        "published": "2024-01-16",
        "review_in_days": 130,
        "agencies": ["usda-fsa", "usda"],
        "topics": ["journey-mapping", "human-centered-research", "service-design"],
        "life_events": ["recovering-from-a-disaster"],
        "challenge": "<p>After spring flooding, producers applying for emergency loans and disaster programs made "
        "an average of four trips to the county office, some driving over an hour each way, mostly to bring "
        "documents that were missing the first time.</p>",
        "approach": "<p>Staff from two county offices interviewed 18 producers and drew the recovery journey "
        "with them. The map showed that the list of records was given out at the first visit, when people were "
        "least able to act on it. The offices began sending the list by text or mail as soon as someone called, "
        "and added a secure drop box and an upload option for documents.</p>",
        "results": "<p>Trips to the office per application fell from an average of four to about two in the "
        "following season. Staff time spent on incomplete files also fell.</p>",
        "metrics": [
            {"label": "Office trips per application", "value": "2", "baseline": "4"},
            {"label": "Producers interviewed", "value": "18"},
        ],
        "body": [
            (
                "image",
                {
                    "image": "farm-recovery-journey-map",
                    "caption": "The recovery journey drawn with producers. The lowest point is the round of return "
                    "visits.",
                },
            ),
            (
                "quote",
                {
                    "quote": "I had cattle to move and fences down, and I was driving to town for the third time "
                    "with one more piece of paper.",
                    "attribution": "Producer, 52, Nebraska",
                },
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "How were producers recruited?",
                            "content": "<p>Through the county committees and local extension agents, with "
                            "interviews held at kitchen tables or by phone.</p>",
                        },
                        {
                            "title": "What did it cost?",
                            "content": "<p>Mostly staff time: about three weeks across two offices, plus "
                            "printing and the drop box.</p>",
                        },
                    ]
                },
            ),
            (
                "related_links",
                {"links": [{"title": "Run a journey mapping workshop", "page": "journey-mapping-workshop"}]},
            ),
        ],
    },
    {
        "slug": "disaster-decision-letters",
        "title": "Testing disaster assistance decision letters with survivors",
        "summary": "Survivors read a request for more documents as a denial and gave up. Letters rewritten and "
        "tested with survivors led to fewer confused calls and more complete appeals.",
        "published": "2024-04-09",
        "review_in_days": 75,
        "agencies": ["fema", "dhs"],
        "topics": ["accessibility-plain-language", "human-centered-research"],
        "life_events": ["recovering-from-a-disaster"],
        "challenge": "<p>Many letters told survivors they were <i>ineligible at this time</i> when the agency "
        "simply needed one more document. Some survivors stopped there; others called the helpline to ask what "
        "the letter meant.</p>",
        "approach": "<p>A small team rewrote the three most common letters so the first sentence says what the "
        "survivor needs to do and by when. They tested drafts with 25 survivors at recovery centers, on paper "
        "and read aloud, and reviewed wording with counsel in the same sessions to keep changes from being "
        "reversed later.</p>",
        "results": "<p>For comparable declarations, helpline calls asking what a letter meant fell by 27%. The "
        "share of appeals that arrived with the needed document rose from 38% to 61%.</p>",
        "metrics": [
            {"label": "Calls asking what a letter means", "value": "-27", "unit": "%"},
            {"label": "Appeals with the needed document", "value": "61", "unit": "%", "baseline": "38%"},
        ],
        "body": [
            ("image", {"image": "letter-calls-chart"}),
            (
                "table",
                {
                    "caption": "Opening sentence, before and after",
                    "rows": [
                        ["Before", "After"],
                        [
                            "Based on a review of your file, you are ineligible at this time.",
                            "We need one more document from you before we can decide: proof that you lived in the "
                            "home. Send it by the date below.",
                        ],
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "I thought they'd said no. I didn't know I could just send the lease.",
                    "attribution": "Survivor, 39, Kentucky",
                },
            ),
            (
                "related_links",
                {"links": [{"title": "Plain language checklist", "page": "plain-language-checklist"}]},
            ),
        ],
    },
    {
        "slug": "disaster-survivors-asked-once",
        "title": "Asking disaster survivors once, not twice",
        "summary": "Survivors referred from disaster assistance to a disaster loan answered dozens of the same "
        "questions twice. A shared intake pilot, with the survivor's consent, removed most of them.",
        "published": "2024-08-27",
        "review_in_days": 200,
        "agencies": ["fema", "sba"],
        "topics": ["service-design", "digital-services"],
        "life_events": ["recovering-from-a-disaster"],
        "challenge": "<p>Homeowners and renters referred for a disaster loan had to start a new application and "
        "re-enter information they had given days earlier, often while living away from home. Many referrals "
        "never turned into applications.</p>",
        "approach": "<p>The two agencies compared their forms field by field and found 31 questions in common. "
        "With a plain consent statement at registration, the pilot passed those answers to the loan "
        "application, which opened pre-filled. Survivors could review and correct everything.</p>",
        "results": "<p>Questions answered twice fell from 31 to 9. Median time to complete the loan application "
        "fell from 55 to 30 minutes for pilot applicants.</p>",
        "metrics": [
            {"label": "Questions answered twice", "value": "9", "baseline": "31"},
            {
                "label": "Median time to complete the loan application",
                "value": "30",
                "unit": "minutes",
                "baseline": "55 minutes",
            },
            {"label": "Survivors who consented to sharing", "value": "84", "unit": "%"},
        ],
        "body": [
            ("image", {"image": "duplicate-questions-chart"}),
            (
                "alert",
                {
                    "kind": "warning",
                    "heading": "Consent first",
                    "text": "<p>Sharing happened only when the survivor agreed, in a sentence tested for "
                    "clarity. Survivors who declined used the standard application.</p>",
                },
            ),
            (
                "quote",
                {
                    "quote": "It already had my address and my insurance. I just had to check it.",
                    "attribution": "Renter, 29, Florida",
                },
            ),
        ],
    },
    {
        "slug": "retirement-status-emails",
        "title": "Retirement status emails that end the guessing",
        "summary": "New federal retirees waiting for their annuity had no way to know where their case stood. "
        "Emails at four milestones reduced status inquiries and improved satisfaction with communication.",
        "published": "2024-11-12",
        "review_in_days": 260,
        "agencies": ["opm"],
        "topics": ["customer-feedback", "digital-services"],
        "life_events": ["approaching-retirement"],
        "challenge": "<p>Between leaving their job and receiving their first full annuity payment, retirees heard "
        "little. Many called or wrote to ask about their case, and those inquiries took staff away from "
        "processing cases.</p>",
        "approach": "<p>The team read a sample of 500 inquiries and found four moments people asked about most: "
        "the case arriving, interim payments starting, the case being assigned, and the final calculation. They "
        "drafted a short email for each, tested the wording with recent retirees, and added a survey link to "
        "the last one.</p>",
        "results": "<p>Status inquiries fell from 62 to 38 per 100 cases. In the follow-up survey, 71% were "
        "satisfied with how they were kept informed, up from 48% in an earlier survey.</p>",
        "metrics": [
            {"label": "Status inquiries per 100 cases", "value": "38", "baseline": "62"},
            {"label": "Satisfied with communication", "value": "71", "unit": "%", "baseline": "48%"},
        ],
        "body": [
            ("image", {"image": "retirement-inquiries-chart"}),
            (
                "steps",
                {
                    "heading": "The four milestone emails",
                    "steps": [
                        {"title": "We have your case", "text": "<p>Sent when the case arrives.</p>"},
                        {"title": "Interim payments", "text": "<p>What they are and why they are smaller.</p>"},
                        {"title": "Your case is being worked", "text": "<p>When a specialist is assigned.</p>"},
                        {
                            "title": "Your final annuity",
                            "text": "<p>The amount, how it was calculated, and a short survey.</p>",
                        },
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "Thirty-one years of service and then silence. One email a month would have been plenty.",
                    "attribution": "Retired federal employee, 62, Maryland",
                },
            ),
        ],
    },
    {
        "slug": "dmv-appointments-lobby-waits",
        "title": "Appointments that cut lobby waits at driver license offices",
        "summary": "Pilot offices added online appointments alongside walk-ins, with text reminders. Average lobby "
        "waits fell from 47 to 18 minutes.",
        "published": "2025-02-18",
        "review_in_days": 180,
        "agencies": ["colorado-dmv", "colorado-dor"],
        "topics": ["service-design", "digital-services", "measurement"],
        "challenge": "<p>Customers at the busiest offices waited close to an hour on average, and longer on Monday "
        "mornings. Some arrived without required documents and had to come back.</p>",
        "approach": "<p>Four pilot offices reserved most counter time for appointments while keeping a walk-in "
        "line. The booking page asked which service the person needed and showed the documents to bring. Text "
        "reminders went out two days before. The team tracked waits from check-in to counter in each office's "
        "queuing system.</p>",
        "results": "<p>Average lobby waits fell from 47 to 18 minutes. No-shows dropped from 14% to 8% once "
        "reminders started. Walk-in waits rose slightly on some days, which the offices addressed by adjusting "
        "the split.</p>",
        "metrics": [
            {"label": "Average lobby wait", "value": "18", "unit": "minutes", "baseline": "47 minutes"},
            {"label": "Appointment no-shows", "value": "8", "unit": "%", "baseline": "14%"},
        ],
        "body": [
            ("image", {"image": "lobby-wait-chart"}),
            (
                "table",
                {
                    "caption": "Average lobby wait by pilot office (minutes)",
                    "rows": [
                        ["Office", "Before", "After"],
                        ["Office A (urban)", "58", "21"],
                        ["Office B (urban)", "51", "19"],
                        ["Office C (suburban)", "42", "16"],
                        ["Office D (rural)", "37", "15"],
                    ],
                },
            ),
            (
                "alert",
                {
                    "kind": "info",
                    "heading": "Keep a walk-in option",
                    "text": "<p>Not everyone can book ahead. The pilots kept a walk-in line open all day.</p>",
                },
            ),
        ],
    },
    {
        "slug": "closing-the-loop-service-requests",
        "title": "Closing the loop on 311 service requests",
        "summary": "Residents who reported potholes or missed trash pickups rarely heard back. Closure notices, "
        "written with the departments that do the work, reached most residents within a year.",
        "published": "2025-05-06",
        "review_in_days": 120,
        "agencies": ["philadelphia-311"],
        "topics": ["customer-feedback", "measurement", "contact-centers"],
        "challenge": "<p>Only about a third of closed service requests sent the resident any notice, and those "
        "that did often said only <i>closed</i>. Residents reported the same problem again, or called to ask "
        "whether anything had happened.</p>",
        "approach": "<p>The 311 team worked department by department to agree short closure messages that say "
        "what was done, or why nothing could be done and who to contact. They added the closure notice rate to "
        "the monthly performance review with each department.</p>",
        "results": "<p>Over six quarters, the share of closed requests that sent a notice rose from 35% to 88%. "
        "Repeat requests for the same issue at the same location fell from 17% to 11%.</p>",
        "metrics": [
            {"label": "Closed requests with a notice to the resident", "value": "88", "unit": "%", "baseline": "35%"},
            {"label": "Repeat requests for the same issue", "value": "11", "unit": "%", "baseline": "17%"},
        ],
        "body": [
            ("image", {"image": "closure-notice-trend", "caption": "Closure notice rate by quarter, with target."}),
            (
                "quote",
                {
                    "quote": "Even 'we can't fix this, it's the gas company' is better than nothing. At least "
                    "I know who to call.",
                    "attribution": "Resident, 47, South Philadelphia",
                },
            ),
            (
                "related_links",
                {"links": [{"title": "Build a CX measurement dashboard", "page": "cx-measurement-dashboard"}]},
            ),
        ],
    },
    {
        "slug": "prenatal-reminders-families-prefer",
        "title": "Prenatal appointment reminders the way families prefer",
        "summary": "Expecting parents chose how and when to be reminded of appointments, and clinics offered rides "
        "when they asked. Missed prenatal visits fell at participating clinics.",
        "published": "2025-08-12",
        "review_in_days": 300,
        "agencies": ["cherokee-nation-health-services"],
        "topics": ["human-centered-research", "customer-feedback", "accessibility-plain-language"],
        "life_events": ["having-a-child"],
        "challenge": "<p>About one in five prenatal appointments at participating clinics was missed without "
        "notice. Automated phone reminders went to numbers that had changed, at times families could not "
        "answer.</p>",
        "approach": "<p>Nurses and patient advocates spoke with 20 expecting parents and several grandparents who "
        "helped with transport. At the first visit, families now choose text, call or no reminder, the time of "
        "day, and whether they want a reminder in English or Cherokee. The reminder offers a ride when the "
        "family has said transport is hard.</p>",
        "results": "<p>Missed prenatal appointments fell from 21% to 13% over the following year. Families "
        "mentioned the ride offer more than any other change.</p>",
        "metrics": [
            {"label": "Prenatal appointments missed without notice", "value": "13", "unit": "%", "baseline": "21%"},
            {"label": "Families who chose text reminders", "value": "68", "unit": "%"},
        ],
        "body": [
            ("image", {"image": "missed-prenatal-chart"}),
            (
                "quote",
                {
                    "quote": "The call always came while I was at work. A text the night before is all I needed.",
                    "attribution": "Expecting parent, 24, Oklahoma",
                },
            ),
            (
                "alert",
                {
                    "kind": "success",
                    "heading": "Ask once, early",
                    "text": "<p>The preference question takes under a minute at the first visit and is "
                    "confirmed at each visit after.</p>",
                },
            ),
        ],
    },
    {
        "slug": "shorter-first-wic-visit",
        "title": "A shorter first WIC visit for new parents",
        "summary": "Parents with newborns spent over an hour and a half at their first WIC certification visit. "
        "Mapping the visit with staff and families cut it to under an hour.",
        "published": "2026-01-27",
        "review_in_days": 340,
        "agencies": ["guam-dphss"],
        "topics": ["service-design", "journey-mapping"],
        "life_events": ["having-a-child"],
        "challenge": "<p>A first certification visit took 95 minutes on average, much of it waiting between "
        "stations. A third of families left without completing certification, usually for a missing proof "
        "of income or residence.</p>",
        "approach": "<p>Clinic staff timed 40 visits and drew the visit as a journey with families. They "
        "combined two stations, let families send document photos before the visit, and rewrote the "
        "appointment text message in English, Chamorro and Chuukese.</p>",
        "results": "<p>The average first visit now takes 55 minutes. Families completing certification at the "
        "first visit rose from 64% to 85%.</p>",
        "metrics": [
            {"label": "Average first visit", "value": "55", "unit": "minutes", "baseline": "95 minutes"},
            {"label": "Certified at the first visit", "value": "85", "unit": "%", "baseline": "64%"},
        ],
        "body": [
            ("image", {"image": "wic-visit-length-chart"}),
            (
                "steps",
                {
                    "heading": "The visit, after the redesign",
                    "steps": [
                        {
                            "title": "Before the visit",
                            "text": "<p>Text with what to bring; option to send photos of documents.</p>",
                        },
                        {"title": "Check-in and documents", "text": "<p>One station instead of two.</p>"},
                        {"title": "Health screening", "text": "<p>Height, weight and a short health history.</p>"},
                        {"title": "Nutrition talk and benefits", "text": "<p>Families leave with benefits loaded.</p>"},
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "With a two-week-old, every minute in a waiting room is a long minute.",
                    "attribution": "Parent, 31, Dededo",
                },
            ),
        ],
    },
    {
        "slug": "trust-survey-newly-enrolled-veterans",
        "title": "A trust survey veterans answer, and a team that reads it",
        "summary": "A short survey after newly enrolled veterans' first appointments, with comments routed to "
        "facilities within two business days, helped lift trust past its target.",
        "published": "2026-06-09",
        "review_in_days": 27,
        "agencies": ["va"],
        "topics": ["customer-feedback", "measurement"],
        "life_events": ["transitioning-from-military-service"],
        "challenge": "<p>Veterans who had recently left the military were enrolling in VA health care, but "
        "facilities learned little about how their first appointments went. Feedback came mostly through "
        "complaints, weeks later.</p>",
        "approach": "<p>A five-question survey went by text or email the day after a newly enrolled veteran's "
        "first appointment. Comments mentioning a specific problem were routed to the facility's patient "
        "advocate within two business days, and facilities reported back on what they changed each quarter.</p>",
        "results": "<p>Over six quarters, the share of newly enrolled veterans agreeing they trust VA for their "
        "health care rose from 71% to 81%, passing the 80% target. Facilities made more than 200 documented "
        "changes prompted by comments.</p>",
        "metrics": [
            {"label": "Trust among newly enrolled veterans", "value": "81", "unit": "%", "baseline": "71%"},
            {"label": "Comments routed within two business days", "value": "94", "unit": "%"},
            {"label": "Documented changes at facilities", "value": "200+"},
            {"label": "Response rate", "value": "23", "unit": "%"},
            {"label": "Median time to complete", "value": "90", "unit": "seconds"},
        ],
        "body": [
            ("image", {"image": "trust-score-trend"}),
            (
                "quote",
                {
                    "quote": "I said the parking directions were wrong and two weeks later they'd fixed the "
                    "sign. That's when I started filling these out.",
                    "attribution": "Veteran, 27, Texas",
                },
            ),
            (
                "related_links",
                {
                    "links": [
                        {"title": "Post-transaction trust survey", "page": "post-transaction-survey"},
                        {"title": "Build a CX measurement dashboard", "page": "cx-measurement-dashboard"},
                    ]
                },
            ),
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Agency examples
# ---------------------------------------------------------------------------------------------

AGENCY_EXAMPLES = [
    {
        "slug": "military-to-civilian-journey-map",
        "title": "Journey map: leaving the military and starting VA benefits",
        "summary": "A five-stage map of the first 120 days after separation, drawn from interviews with recently "
        "separated service members and their families.",
        "published": "2023-05-30",
        "review_in_days": 160,
        "agencies": ["va", "vba"],
        "topics": ["journey-mapping", "human-centered-research"],
        "life_events": ["transitioning-from-military-service"],
        "artifact_type": "journey-map",
        "original_url": "https://example.gov/va/transition-journey-map",
        "exemplifies": "journey-mapping-workshop",
        "body": [
            (
                "image",
                {
                    "image": "transition-journey-map",
                    "caption": "The map as shared with program offices. The full version adds quotes for each stage.",
                },
            ),
            (
                "paragraph",
                "<p>What makes this map useful to others is its honesty about the low points: the team kept "
                "the moments where the agency's own process caused confusion at the center of the map, rather "
                "than smoothing them over.</p>",
            ),
            (
                "table",
                {
                    "caption": "Pain points the map identified and who took them on",
                    "rows": [
                        ["Stage", "Pain point", "Owner"],
                        ["File for benefits", "Unclear which form comes first", "Digital team"],
                        ["Wait for a decision", "No status updates for weeks", "Claims office"],
                        ["First payment", "Amount not explained", "Communications"],
                    ],
                },
            ),
        ],
    },
    {
        "slug": "retirement-applicant-personas",
        "title": "Persona set: people applying for retirement benefits",
        "summary": "Four research-based personas describing how people prepare for and apply for retirement "
        "benefits, used to prioritize changes to online and field office services.",
        "published": "2023-09-12",
        "review_in_days": -3,
        "agencies": ["ssa"],
        "topics": ["human-centered-research", "service-design"],
        "life_events": ["approaching-retirement"],
        "artifact_type": "personas",
        "original_url": "https://example.gov/ssa/retirement-personas",
        "exemplifies": "customer-interview-guide",
        "body": [
            ("heading", "The four personas"),
            (
                "table",
                {
                    "caption": "Summary of the retirement applicant personas",
                    "rows": [
                        ["Persona", "Situation", "Biggest need"],
                        [
                            "The planner",
                            "Researches for years; applies online early",
                            "Confidence the numbers are right",
                        ],
                        ["The surprised", "Leaves work suddenly through illness or layoff", "Fast, clear first steps"],
                        ["The helper", "An adult child applying on behalf of a parent", "To know what they may do"],
                        ["The spouse", "Applying on a partner's record", "Which documents prove the marriage"],
                    ],
                },
            ),
            (
                "alert",
                {
                    "kind": "info",
                    "heading": "Personas are summaries, not people",
                    "text": "<p>Each persona combines several interviews. Quotes come from real sessions; "
                    "names and details are invented.</p>",
                },
            ),
        ],
    },
    {
        "slug": "disaster-assistance-service-blueprint",
        "title": "Service blueprint: disaster assistance, the first 30 days",
        "summary": "A blueprint of the first month of disaster assistance, from registration to appeal, showing "
        "the staff work and systems behind each step a survivor sees.",
        "published": "2024-02-13",
        "review_in_days": 90,
        "agencies": ["fema"],
        "topics": ["service-design", "journey-mapping"],
        "life_events": ["recovering-from-a-disaster"],
        "artifact_type": "service-blueprint",
        "original_url": "https://example.gov/fema/assistance-blueprint",
        "exemplifies": "service-blueprint-template",
        "body": [
            ("image", {"image": "disaster-service-blueprint"}),
            (
                "paragraph",
                "<p>The blueprint was built in two sessions with helpline agents, inspectors and caseworkers. "
                "It led directly to the rewrite of decision letters described in a related case study.</p>",
            ),
            (
                "related_links",
                {
                    "links": [
                        {"title": "Testing disaster assistance decision letters", "page": "disaster-decision-letters"}
                    ]
                },
            ),
        ],
    },
    {
        "slug": "post-call-survey-question-set",
        "title": "Post-call survey question set",
        "summary": "The six questions offered to callers at the end of a pilot phone line call, with the "
        "response options and the rules for who is asked.",
        "published": "2024-07-16",
        "review_in_days": 220,
        "agencies": ["irs"],
        "topics": ["customer-feedback", "contact-centers", "measurement"],
        "artifact_type": "survey",
        "original_url": "https://example.gov/irs/post-call-survey",
        "exemplifies": "post-transaction-survey",
        "body": [
            (
                "document",
                {
                    "document": "survey-question-bank",
                    "title": "The toolkit's question bank this survey started from",
                    "description": "Compare it with the keypad version described below.",
                },
            ),
            (
                "steps",
                {
                    "heading": "How callers are asked",
                    "steps": [
                        {
                            "title": "Offer at the start",
                            "text": "<p>Callers opt in before they reach an agent, "
                            "so agents cannot choose who is surveyed.</p>",
                        },
                        {
                            "title": "Survey after the agent hangs up",
                            "text": "<p>Six keypad questions, under two minutes.</p>",
                        },
                        {
                            "title": "One open question by text",
                            "text": "<p>Optional, sent only if the caller agreed.</p>",
                        },
                    ],
                },
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Why ask for consent before the call?",
                            "content": "<p>Asking afterwards lets frustrated callers who hung up drop out, "
                            "which skews results upward.</p>",
                        }
                    ]
                },
            ),
        ],
    },
    {
        "slug": "service-request-dashboard",
        "title": "Service request performance dashboard",
        "summary": "A public-facing dashboard showing how quickly service requests are closed and how often "
        "residents are told the outcome, by department and by quarter.",
        "published": "2025-01-14",
        "review_in_days": 12,
        "agencies": ["philadelphia-311"],
        "topics": ["measurement", "customer-feedback"],
        "artifact_type": "dashboard",
        "original_url": "https://example.gov/311/performance",
        "exemplifies": "cx-measurement-dashboard",
        "body": [
            ("image", {"image": "closure-notice-trend"}),
            (
                "table",
                {
                    "caption": "Measures on the dashboard",
                    "rows": [
                        ["Measure", "Result"],
                        ["Median days to close", "6"],
                        ["Closed with a notice", "88 %"],
                        ["Repeat requests", "11 %"],
                    ],
                },
            ),
            (
                "related_links",
                {
                    "links": [
                        {
                            "title": "Closing the loop on 311 service requests",
                            "page": "closing-the-loop-service-requests",
                        }
                    ]
                },
            ),
        ],
    },
    {
        "slug": "county-office-research-plan",
        "title": "Research plan: producers' experience at county offices",
        "summary": "A two-page plan for interviewing farmers and ranchers about disaster assistance, covering "
        "goals, recruiting through county committees, consent and how findings would be shared.",
        "published": "2025-06-17",
        "review_in_days": 280,
        "agencies": ["usda-fsa"],
        "topics": ["human-centered-research"],
        "life_events": ["recovering-from-a-disaster"],
        "artifact_type": "research-plan",
        "original_url": "https://example.gov/fsa/county-office-research-plan",
        "exemplifies": "customer-interview-guide",
        "body": [
            ("heading", "What the plan covers"),
            (
                "paragraph",
                "<ul><li>Three research questions, agreed with the county executive directors</li>"
                "<li>Recruiting through county committees and extension agents</li>"
                "<li>Interviews at the producer's home or by phone, never at the office</li>"
                "<li>A consent script and a rule that no case details are recorded</li>"
                "<li>A findings session with staff from both offices</li></ul>",
            ),
            (
                "related_links",
                {
                    "links": [
                        {
                            "title": "Mapping a farm family's road back after a flood",
                            "page": "farm-family-flood-recovery-journey",
                        }
                    ]
                },
            ),
        ],
    },
    {
        "slug": "appointment-booking-usability-test-plan",
        "title": "Usability test plan: online appointment booking",
        "summary": "The plan for three rounds of testing an appointment booking page, with tasks, recruiting "
        "criteria including assistive technology users, and a same-day debrief.",
        "published": "2025-11-04",
        "review_in_days": 330,
        "agencies": ["colorado-dmv"],
        "topics": ["human-centered-research", "digital-services", "accessibility-plain-language"],
        "artifact_type": "research-plan",
        "original_url": "https://example.gov/dmv/booking-test-plan",
        "exemplifies": "usability-testing-basics",
        "body": [
            (
                "table",
                {
                    "caption": "Tasks used in the first round",
                    "rows": [
                        ["Task", "What we learned"],
                        ["Book a license renewal for next week", "Service names were unclear"],
                        ["Find what documents to bring", "The list was below the fold on phones"],
                        ["Change the appointment", "Most looked in the reminder text, not the site"],
                    ],
                },
            ),
            ("document", {"document": "usability-test-plan", "title": "Blank test plan in the same format"}),
        ],
    },
    {
        "slug": "wic-notice-plain-language-review",
        "title": "Plain language review of WIC appointment notices",
        "summary": "Before-and-after versions of three WIC notices, reviewed against a plain language checklist "
        "and tested with parents in three languages.",
        "published": "2026-03-10",
        "review_in_days": 360,
        "agencies": ["guam-dphss"],
        "topics": ["accessibility-plain-language"],
        "life_events": ["having-a-child"],
        "artifact_type": "other",
        "original_url": "https://example.gov/guam/wic-notices",
        "exemplifies": "plain-language-checklist",
        "body": [
            (
                "table",
                {
                    "caption": "Notice changes at a glance",
                    "rows": [
                        ["Notice", "Before", "After"],
                        ["Appointment reminder", "Full page, date in paragraph three", "Text message; date first"],
                        ["Documents to bring", "Program rules quoted", "A checklist with pictures"],
                        ["Missed appointment", "Warning about losing benefits", "How to rebook today"],
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "The new one I can read to my mother, and she understands it too.",
                    "attribution": "Parent, 28, Yigo",
                },
            ),
        ],
    },
    {
        "slug": "clinic-call-listening-log",
        "title": "Call listening log for a clinic scheduling line",
        "summary": "How a clinic scheduling team records monthly call listening sessions, with the top reasons for "
        "calling and the fixes each session produced.",
        "published": "2026-09-01",
        "review_in_days": 365,
        "agencies": ["cherokee-nation-health-services"],
        "topics": ["contact-centers", "human-centered-research"],
        "life_events": ["having-a-child"],
        "artifact_type": "other",
        "original_url": "https://example.gov/clinic/call-listening-log",
        "exemplifies": "call-listening-sessions",
        "body": [
            (
                "table",
                {
                    "caption": "Three months of sessions (sample)",
                    "rows": [
                        ["Month", "Top reason for calling", "Fix agreed"],
                        ["Month 1", "Confirming an appointment time", "Add time to the reminder text"],
                        ["Month 2", "Asking about rides", "Mention rides in the reminder"],
                        ["Month 3", "Rescheduling prenatal visits", "Let families reply to reschedule"],
                    ],
                },
            ),
            (
                "related_links",
                {
                    "links": [
                        {
                            "title": "Prenatal appointment reminders the way families prefer",
                            "page": "prenatal-reminders-families-prefer",
                        }
                    ]
                },
            ),
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Home page and section introductions
# ---------------------------------------------------------------------------------------------

HOME_INTRO = (
    "<p>Case studies, tools and real artifacts from teams improving government services at every level: "
    "federal, state, local, tribal and territorial. Search or browse by practice area to find a method you "
    "can use this week.</p>"
    "<p><i>This site is loaded with demonstration content. The agencies are real; the stories, figures and "
    "artifacts are illustrative.</i></p>"
)

SECTION_INTROS = {
    "CaseStudyIndexPage": "<p>How teams found a problem customers faced, what they did about it and what "
    "changed, with the numbers.</p>",
    "ToolIndexPage": "<p>Methods, templates, checklists, guides and training you can pick up and use, with "
    "downloadable files.</p>",
    "AgencyExampleIndexPage": "<p>Journey maps, surveys, blueprints and other artifacts agencies have made, "
    "shown as models for your own.</p>",
}

# Slugs of the pages the home page features, in order.
FEATURED = [
    "trust-survey-newly-enrolled-veterans",
    "disaster-survivors-asked-once",
    "journey-mapping-workshop",
    "military-to-civilian-journey-map",
]
