"""What the demo practitioners write: answers by question key, for `_seed_caseload`.

Written as a social worker would write for a child who may read the record one day (§11, §12): plain
English, facts apart from analysis (only the design's analysis questions give an opinion), the
child's and the parents' own words in quotation marks, what came from someone else said so, no
acronyms and nothing from the words-to-avoid list (so "family time", never "contact").

Each text is a template filled with the child's details (`story_context`): names, pronouns, age.
A question this file does not know (a newer design version may add one) gets a short text made from
its label by `generic_answer`, so the demo never fails on a design it has not seen.
"""

from datetime import date

from casework.banner.selectors import age_on
from casework.models import Child

PRONOUNS = {
    Child.Gender.FEMALE: ("she", "her", "her"),
    Child.Gender.MALE: ("he", "him", "his"),
}
SCHOOL = "Riverside Academy"


def story_context(child, worker, today: date) -> dict:
    he, him, his = PRONOUNS.get(child.gender, ("they", "them", "their"))
    members = list(child.household.members.order_by("pk")) if child.household_id else []
    mother = next((m for m in members if m.relationship == "Mother"), members[0] if members else None)
    other = next((m for m in members if m is not mother), None)
    age = age_on(child.date_of_birth, today)
    case = child.cases.order_by("-referral_date").first()
    return {
        "name": child.first_name, "full_name": child.full_name, "age": age,
        "he": he, "him": him, "his": his, "He": he.capitalize(), "His": his.capitalize(),
        "is": "are" if he == "they" else "is", "was": "were" if he == "they" else "was",
        "mother": mother.full_name if mother else "the child's mother",
        "mum": mother.full_name.split()[0] if mother else "Mum",
        "other_adult": f"{other.full_name} ({other.relationship.lower()})" if other else "nobody else",
        "worker": worker.get_full_name(), "worker_first": worker.first_name, "school": SCHOOL,
        "referral": (case.referral_reason if case else "").rstrip("."),
        "language": child.preferred_language or "English",
    }


def fill(texts: dict, ctx: dict) -> dict:
    return {key: text.format(**ctx) for key, text in texts.items()}


def child_views(ctx: dict, older: str, young: str) -> str:
    """A baby or toddler cannot say what they think: the worker writes what they saw instead."""
    return (older if ctx["age"] >= 4 else young).format(**ctx)


def generic_answer(question, ctx: dict):
    """An answer for a question the demo's stories do not cover, from the question itself."""
    kind = question.answer_type
    if kind == "yes_no":
        return False
    if kind == "date":
        return ctx["today"].isoformat()
    if kind == "choice":
        return question.options[0]
    label = question.label.strip().rstrip("?.:")
    if question.is_analysis:
        return (f"{label}: in my view the plan is still the right one for {ctx['name']}. "
                f"I will look at this again at my next visit.")
    return f"{label}: nothing more to add to what is written above on {ctx['today']:%-d %B %Y}."


# --- Visits (§5.2): purpose, information_exchanged, discussion, child_views, parent_carer_views,
# change_of_circumstances, analysis, actions ------------------------------------------------------

VISIT_HOME_RECENT = {
    "purpose": "Planned home visit to see how the morning routine is going, as the plan says: {name} "
               "getting to school every day, having had breakfast.",
    "information_exchanged": "I gave {mum} the timetable for the school's breakfast club, which starts at 8am. "
                             "{mum} showed me a letter from the school saying {name}'s attendance this half term "
                             "is 91%, up from 78% last term.",
    "discussion": "{mum} said mornings are easier since {name} started going to breakfast club on Tuesdays "
                  "and Thursdays. She said the hardest day is Monday, because the weekend routine is later. "
                  "We talked about setting out clothes and the school bag on Sunday evening.",
    "change_of_circumstances": "No one has joined or left the household since my last visit. {mum} said she "
                               "has started a part-time job on Saturday mornings.",
    "analysis": "In my view, the changes {mum} has made are working: attendance is going up and {name} "
                "looked rested and relaxed. Mondays are still a risk to the plan, and the Sunday evening "
                "routine should help. The outcome is not yet achieved, but it is moving the right way.",
    "actions": "I will ask the school for Monday attendance figures before the next review (Priya, within "
               "two weeks). {mum} will try the Sunday evening routine and tell me how it went at my next visit.",
}
VISIT_HOME_RECENT_CHILD = (
    "I spoke to {name} alone in {his} bedroom. {He} said: \"Breakfast club is good, we get toast and "
    "sometimes pancakes.\" When I asked about Mondays {he} said: \"I'm tired on Mondays, I don't want to get up.\" "
    "{He} showed me a certificate from school for good reading.",
    "{name} is too young to tell me what {he} thinks. {He} played with building bricks on the floor, went to "
    "{mum} for a cuddle when the doorbell rang, and smiled when {mum} sang to {him}.",
)
VISIT_HOME_RECENT_PARENT = (
    "{mum} said: \"I feel like I'm getting on top of things. I didn't think breakfast club would make "
    "this much difference.\" She said she would like help to get {name} to bed earlier on Sundays."
)

VISIT_HOME_LATE = {
    "purpose": "Home visit after the school told us {name} had missed three days in a row, to find out "
               "why and to agree what would help.",
    "information_exchanged": "I told {mum} what the school had told us about the missed days. I gave her "
                             "the leaflet about the Family Support Service and explained how to ask for help "
                             "with money through Citizens Advice.",
    "discussion": "{mum} said {name} had a cough and she kept {him} at home, but she did not ring the school. "
                  "She said money has been tight since her hours were cut and that the electricity meter "
                  "ran out twice last month. The kitchen cupboards had bread, cereal and tinned food; the "
                  "fridge had milk and some vegetables.",
    "change_of_circumstances": "{mum} said her working hours were cut from 30 to 16 a week last month. "
                               "No one has joined or left the household.",
    "analysis": "My view is that the missed days came from illness and from {mum} being overwhelmed by money "
                "worries, not from a lack of care: {name} was clean, well dressed and warm with {his} mother. "
                "The money worries are the main risk to the plan, so support with money should come first.",
    "actions": "Refer {mum} to the Family Support Service (Priya, this week). Ask Citizens Advice Bedford for "
               "a benefits check (Priya, within three weeks). {mum} agreed to ring the school on any day "
               "{name} is off sick.",
}
VISIT_HOME_LATE_CHILD = (
    "I saw {name} with {his} mother in the living room. {He} said: \"I was poorly, I had a cough.\" "
    "When I asked what {he} likes about school {he} said: \"Art, and my friend Maya.\"",
    "{name} was sitting on {mum}'s lap when I arrived and stayed close to her. {He} babbled and pointed at "
    "the cat, and took a biscuit from {mum}.",
)
VISIT_HOME_LATE_PARENT = (
    "{mum} said: \"I know I should have rung them. I'm doing my best, but everything costs more now.\" "
    "She said she wants help with the bills and does not want {name} to worry about money."
)

VISIT_SCHOOL = {
    "purpose": "Visit to {name} at school, as agreed in the plan, so that {he} could talk to me away from home.",
    "information_exchanged": "The head of year told me {name} has been on time every day this week. I told "
                             "{name} that I would write down what {he} said and that {he} can read it one day.",
    "discussion": "We met in the school library for 30 minutes. {name} talked about {his} friends, a trip to "
                  "the museum and what happens at home in the evenings. {He} said the shouting at home has "
                  "stopped since {his} dad moved out.",
    "change_of_circumstances": "{name} told me {his} father moved out two weeks ago and now lives in Kempston. "
                               "{mum} confirmed this on the phone afterwards. I have updated the household.",
    "analysis": "I think {name} feels safer at home now and is proud of being on time. {He} is still worried "
                "about seeing {his} dad, and the family time arrangements need to take that into account.",
    "actions": "Ask {mum} and {name}'s father what they want for family time, and write it down (Priya, by the "
               "next visit).",
}
VISIT_SCHOOL_CHILD = (
    "Seen alone. {name} said: \"It's quieter at home now. I like it better.\" About {his} dad {he} said: "
    "\"I want to see him, but not every weekend, because I have football.\"",
    "Seen alone in the nursery room. {name} showed me the painting {he} made and said \"Mummy\" and \"dog\".",
)
VISIT_SCHOOL_PARENT = (
    "{mum} was not at the visit. On the phone afterwards she said: \"I'm glad {name} talked to you. "
    "I want {him} to see {his} dad, as long as it's at the right times.\""
)

VISIT_CARER = {
    "purpose": "Statutory visit to {name} in {his} foster home, to see how {he} is settling and to hear "
               "{his} wishes about family time.",
    "information_exchanged": "I gave {name} the leaflet about having an advocate, someone who can help "
                             "{him} say what {he} wants. The foster carers gave me the dates of the next "
                             "dentist and school appointments.",
    "discussion": "Mrs Adeyemi said {name} is eating well and sleeping through most nights. Twice last week "
                  "{he} woke up upset after family time with {his} mother. {name} showed me {his} bedroom, "
                  "which {he} has decorated with football posters.",
    "change_of_circumstances": "No change: the foster carers' household is the same as at my last visit.",
    "analysis": "My view is that {name} is settling well and has a good bond with the foster carers. The "
                "upset after family time is understandable and should be talked about at the review, with "
                "{name}'s own views at the centre.",
    "actions": "Tell the independent reviewing officer (who chairs the review) about {name}'s wish to talk "
               "to {his} mother on the phone (Hannah, this week).",
}
VISIT_CARER_CHILD = (
    "Seen alone in {his} bedroom. {name} said: \"I like it here, they're kind. I miss my mum but I don't "
    "want to go back yet.\" {He} said {he} would like to phone {his} mum on Wednesdays.",
    "Seen alone while {he} played. {name} is too young to say what {he} thinks; {he} went to Mrs Adeyemi "
    "for comfort when {he} bumped {his} knee.",
)
VISIT_CARER_PARENT = (
    "Mrs Adeyemi said: \"{name}'s a lovely child, and we're happy for the phone calls if the social worker "
    "agrees.\" {mum} was not present."
)

VISIT_CLOSING = {
    "purpose": "Last home visit before the case closes, to check the family have what they need and to say "
               "goodbye.",
    "information_exchanged": "I gave {mum} the phone number of the Family Hub and explained she can ask "
                             "for help again at any time. I told {name} that {his} record will be kept and "
                             "that {he} can ask to read it.",
    "discussion": "{mum} said the family support worker had helped her to make a weekly budget and to "
                  "sort out her rent. {name} has been to school every day for six weeks.",
    "change_of_circumstances": "None. The household is the same.",
    "analysis": "In my view the reasons for our involvement have been dealt with: {name} is in school, the "
                "home is warm and stocked with food, and {mum} knows where to get help. The case can close.",
    "actions": "Write the closing summary and ask the team manager to close the case (Priya, this week).",
}
VISIT_CLOSING_CHILD = (
    "Seen alone in the garden. {name} said: \"Mum is less stressed now. I'm OK.\" {He} said {he} would like "
    "to keep going to breakfast club.",
    "{name} was happy and chatty, in {his} own way, and showed me {his} new shoes.",
)
VISIT_CLOSING_PARENT = "{mum} said: \"Thank you. I didn't want a social worker at first, but it has helped.\""

VISIT_HOME_CONDITIONS = {
    "purpose": "Home visit after the health visitor told us she was worried about the state of the flat and "
               "about {name}'s eating.",
    "information_exchanged": "I told {mum} what the health visitor had told us. {mum} showed me the letter "
                             "from her landlord about the damp, and the red book with {name}'s weights.",
    "discussion": "The living room and kitchen were tidy. There was black mould on the bedroom wall and the "
                  "room was cold; {mum} said the heater broke three weeks ago and the landlord has not fixed "
                  "it. {name} eats toast and cereal but refuses most vegetables, {mum} said. I saw fruit, "
                  "bread and pasta in the kitchen.",
    "change_of_circumstances": "No one has joined or left the household.",
    "analysis": "My view is that the cold, damp bedroom is the main risk to {name}'s health, more than the "
                "eating, which sounds like many children of {his} age. {mum} is doing what she can but "
                "needs help with the landlord.",
    "actions": "Write to the landlord about the heater and the damp, with {mum}'s agreement (Priya, this "
               "week). Ask the health visitor to weigh {name} again in a month.",
}
VISIT_HOME_CONDITIONS_CHILD = (
    "I saw {name} with {his} mother. {He} said: \"My room is cold, I sleep in Mum's bed.\" {He} said "
    "{his} favourite food is \"pasta with cheese\".",
    "{name} was bright and curious, climbed onto the sofa beside me and showed me a picture book. {He} ate "
    "a banana while I was there.",
)
VISIT_HOME_CONDITIONS_PARENT = (
    "{mum} said: \"I keep ringing the landlord and nothing happens. I'm not going to let {name} sleep in "
    "a cold room.\""
)

VISIT_EVENING = {
    "purpose": "Visit at 7pm, without an appointment, after a neighbour told us the children were being left "
               "on their own in the evenings.",
    "information_exchanged": "I explained why I had come and what the neighbour had told us, without saying "
                             "who the neighbour was. I gave {mum} the leaflet about leaving children at home.",
    "discussion": "{mum} opened the door. {name} was in the living room watching a film. {mum} said she goes "
                  "to the corner shop for about ten minutes some evenings and leaves {name} with a neighbour's "
                  "teenage son. She said she had not thought of it as leaving {him} alone.",
    "change_of_circumstances": "No one has joined or left the household.",
    "analysis": "In my view {name} has been left for short times, not for whole evenings, and {mum} "
                "understood why it matters once we talked. The risk is low now, if she keeps to what she "
                "agreed.",
    "actions": "{mum} agreed to take {name} with her or to ask her sister to sit with {him}. I will visit "
               "again in two weeks (Priya).",
}
VISIT_EVENING_CHILD = (
    "{name} said: \"Mum only goes to the shop. I'm not scared, I have the phone.\" When I asked who looks "
    "after {him} then, {he} said: \"Jayden from next door, sometimes.\"",
    "{name} was in {his} pyjamas, sleepy and calm, and went to {mum} for a cuddle.",
)
VISIT_EVENING_PARENT = "{mum} said: \"I'd never leave {him} for long. But I get it, I won't do it again.\""

VISIT_NEW_CARERS = {
    "purpose": "Visit to {name} in the foster home two days after {he} came into care, with {mum}'s agreement.",
    "information_exchanged": "I told {name} why {he} is staying with foster carers for now and when {he} will "
                             "see {mum}. The foster carer gave me the list of things {name} needs from home.",
    "discussion": "{name} showed me {his} room and the garden. The foster carer said {name} ate a little at "
                  "tea and slept with the light on. {mum} rang while I was there and spoke to {name} for five "
                  "minutes; this was planned.",
    "change_of_circumstances": "{name} now lives with foster carers. I will record the placement on the "
                               "basic record.",
    "analysis": "In my view {name} is frightened but coping, and the phone call with {mum} helped. {He} "
                "will need a worker who knows children in care, so the case should transfer soon.",
    "actions": "Take {name}'s things from home to the foster home tomorrow (Priya). Ask for the case to be "
               "transferred to the Children in Care Team (team manager).",
}
VISIT_NEW_CARERS_CHILD = (
    "Seen alone in {his} room. {name} said: \"It's nice here but it's not my house. When can I see Mum?\"",
    "Seen with the foster carer nearby. {name} held a soft toy from home and watched me quietly, then smiled "
    "when the foster carer sang.",
)
VISIT_NEW_CARERS_PARENT = "{mum} said on the phone: \"Tell {him} I love {him} and I'll see {him} on Saturday.\""

# (answers, (older child's views, young child's views), parent's views) for each visit story.
VISITS = {
    "home_recent": (VISIT_HOME_RECENT, VISIT_HOME_RECENT_CHILD, VISIT_HOME_RECENT_PARENT),
    "home_late": (VISIT_HOME_LATE, VISIT_HOME_LATE_CHILD, VISIT_HOME_LATE_PARENT),
    "school": (VISIT_SCHOOL, VISIT_SCHOOL_CHILD, VISIT_SCHOOL_PARENT),
    "carer": (VISIT_CARER, VISIT_CARER_CHILD, VISIT_CARER_PARENT),
    "closing": (VISIT_CLOSING, VISIT_CLOSING_CHILD, VISIT_CLOSING_PARENT),
    "home_conditions": (VISIT_HOME_CONDITIONS, VISIT_HOME_CONDITIONS_CHILD, VISIT_HOME_CONDITIONS_PARENT),
    "evening": (VISIT_EVENING, VISIT_EVENING_CHILD, VISIT_EVENING_PARENT),
    "new_carers": (VISIT_NEW_CARERS, VISIT_NEW_CARERS_CHILD, VISIT_NEW_CARERS_PARENT),
}


def visit_answers(story: str, ctx: dict) -> dict:
    texts, (older, young), parent = VISITS[story]
    return {**fill(texts, ctx), "child_views": child_views(ctx, older, young), "parent_carer_views": parent.format(**ctx)}


FAILED_VISIT_ACTIONS = (
    "No one answered the door at 4pm, although we had agreed the time by text on Monday. I left a card with "
    "my number and rang {mum} twice: no answer. The school confirmed {name} was in school today. I will try "
    "again tomorrow at 9am and tell my team manager if I cannot see {name} within three working days."
)

# --- Contacts (§5.3): people, discussion, actions_decisions, reasons -------------------------------

CONTACTS = {
    "phone_school": ("contact_phone", "Class teacher, {school}", {
        "people": "Mrs Patel, {name}'s class teacher at {school}.",
        "discussion": "Mrs Patel rang to say {name} was late twice this week, both on Mondays, by about 20 "
                      "minutes. She said {name} was settled once in class and had eaten at breakfast club. "
                      "This is what Mrs Patel told me; I have not seen the registers.",
        "actions_decisions": "Mrs Patel will send me the attendance figures every Friday until the review.",
        "reasons": "So that we can see whether the Monday routine is improving.",
    }),
    "professional_health": ("contact_professional", "Health visitor", {
        "people": "Jo Whitfield, health visitor, Bedford Community Health.",
        "discussion": "Jo said {name} was weighed at the clinic last week and has gained weight as expected. "
                      "She saw the flat and said it was warm and clean. She is worried that {mum} seemed "
                      "tired and low, and has suggested she talks to her family doctor.",
        "actions_decisions": "Jo will visit again in four weeks and tell me if she has any worries before then.",
        "reasons": "To share what each of us sees, so nothing is missed.",
    }),
    "meeting_school": ("contact_meeting", "Head of Year; {mum}", {
        "people": "{mum} ({name}'s mother); Mr Evans, Head of Year, {school}; Priya Shah, social worker.",
        "discussion": "We met at the school to agree how to help {name} with mornings. Mr Evans said a place at "
                      "breakfast club is free for {name} every day. {mum} said she would prefer Tuesdays and "
                      "Thursdays to start, because of her shifts.",
        "actions_decisions": "Breakfast club on Tuesdays and Thursdays from next week (Mr Evans). "
                             "Review in four weeks at the next meeting (Priya).",
        "reasons": "{mum}'s preferred choice was followed: two days fits her shifts and can grow later.",
    }),
    "letter_mother": ("contact_letter", "", {
        "people": "From Priya Shah, social worker, to {mum} ({name}'s mother).",
        "discussion": "Letter confirming the new date and time of my next visit, after the missed appointment, "
                      "and giving my phone number and the duty team's number.",
        "actions_decisions": "None.",
        "reasons": "",
    }),
    "office_mother": ("contact_office_visit", "{mum}", {
        "people": "{mum} ({name}'s mother), who came to the office without an appointment.",
        "discussion": "{mum} said she missed the visit because she was at the job centre and her phone had "
                      "no credit. She asked what would happen now. I explained that we still need to see "
                      "{name} at home and agreed a new time.",
        "actions_decisions": "New home visit agreed for Thursday at 4pm (Priya).",
        "reasons": "To see {name} at home, as the plan says.",
    }),
    "email_grandmother": ("contact_email", "", {
        "people": "From Margaret, {name}'s grandmother, to Priya Shah, social worker.",
        "discussion": "Margaret wrote that she is worried about {mum}'s new partner and asked us not to tell "
                      "{mum} she had written. This is what Margaret told me; I have not checked it.",
        "actions_decisions": "I talked to my team manager, who advised that this email is kept in the "
                             "'Restricted from user' section.",
        "reasons": "Margaret gave the information in the expectation that it would not be shared.",
    }),
    "phone_father": ("contact_phone", "{name}'s father", {
        "people": "{name}'s father, who lives apart from the family.",
        "discussion": "He asked about family time with {name}. He said: \"I just want to see my kid on "
                      "Saturdays.\" I told him what {name} had said about football.",
        "actions_decisions": "I will talk to {mum} and come back to him within a week.",
        "reasons": "To hear both parents before anything is agreed.",
    }),
}

DECISIONS = {
    "child_in_need": ("Marcus Bennett", "Team Manager", {
        "decision": "{name} will have a child in need plan, with a home visit every two weeks and a review "
                    "in three months.",
        "basis": "The single assessment found that {name} needs support to get to school every day and that "
                 "{mum} needs help with money and the home. There is no evidence that {name} has been harmed.",
        "options": "Closing the case with a referral to early help was considered, but the money worries and "
                   "the missed school days need a social worker for now.",
        "preferred_choice": "{name} said: \"I want Priya to keep coming.\" {mum} wanted support but not "
                            "visits every week.",
        "preference_followed": "Both were followed: visits every two weeks rather than every week, as {mum} asked.",
    }),
    "family_time": ("Aisha Rahman", "Team Manager", {
        "decision": "Family time with {mum} stays at twice a week, supervised, and {name} may phone {his} "
                    "mother on Wednesday evenings.",
        "basis": "{name} asked for the phone calls, the foster carers agree, and the family time reports say "
                 "the time together goes well.",
        "options": "Unsupervised family time was considered and not chosen until the court has decided.",
        "preferred_choice": "{name} wanted phone calls. {mum} wanted more time at weekends.",
        "preference_followed": "{name}'s wish was followed. More time at weekends will be looked at after the "
                               "final hearing, which {mum} was told.",
    }),
}

# --- Summaries (§5.3, §5.5) ------------------------------------------------------------------------

SINGLE_ASSESSMENT = {
    "reason": "Referral: \"{referral}\". The assessment looked at {name}'s needs at home and at school.",
    "child_views": "{name} said: \"I like school when I'm not tired.\" {He} said home is \"OK, but Mum worries a lot.\"",
    "family_views": "{mum} said: \"I love my kids, I just need a hand with the bills.\" She agreed to the assessment.",
    "information": "First hand: two home visits and a visit to {name} at school. From others: the school "
                   "(attendance of 78% last term), the health visitor and {mum}'s own account of her money.",
    "strengths": "{name} and {mum} are close and affectionate. {mum} asks for help and keeps appointments. "
                 "{name} is doing well at reading.",
    "concerns": "Missed school days, {name} arriving hungry, and rent and fuel debts.",
    "analysis": "In my view {name} is a child in need: {his} needs are met at home most of the time, but "
                "money worries make mornings hard and school is suffering. With support, {mum} is likely to "
                "manage.",
    "recommendation": "A child in need plan: breakfast club, a benefits check and Family Support Service help "
                      "with money, with a home visit every two weeks (Priya).",
}

CASE_SUMMARY = {
    "pen_picture": "{name} is {age}, lives with {mum} and loves art and football. {He} says home is calmer now.",
    "reason_for_involvement": "Referral: \"{referral}\". Since then the work has been about school and money.",
    "relevant_history": "The family had help from early help services in 2022. There is an earlier paper file.",
    "purpose_and_focus": "In the last three months: breakfast club started, attendance rose from 78% to 91%, "
                         "and {mum} was referred to the Family Support Service. {mum} has kept every "
                         "appointment but one. Supervision last month agreed to keep visits every two weeks.",
    "intended_outcomes": "For the next three months: attendance above 95%, and the rent arrears paid off under "
                         "the plan agreed with the housing office.",
    "other_information": "{name} wants to join the after-school football club; the school is looking at help with the cost.",
}

TRANSFER_SUMMARY = {
    "reason_for_transfer": "{name} is moving to a long-term foster home; the Children in Care Team will hold "
                           "the case from now on.",
    "summary_of_work": "Assessment, weekly visits and two family meetings, linked to the plan's outcome "
                       "that {name} is safe and settled.",
    "current_plan": "Visit {name} in the foster home within a week of allocation (new social worker). "
                    "Book the first review (team manager, Children in Care Team).",
    "child_views": "{name} said: \"I want to stay where I am now and see Mum on Saturdays.\"",
    "family_views": "{mum} said she does not agree with the move, but wants {name} to be happy.",
    "analysis": "In my view {name} is settling well and the move is in {his} interests. The main risk is "
                "upset after family time, which the new worker should watch.",
}

CLOSING_SUMMARY = {
    "reason_for_closure": "The plan's outcomes have been met and the family no longer need a social worker.",
    "summary_of_work": "Twelve weeks of support: home visits every two weeks, breakfast club, a benefits check "
                       "and Family Support Service help with a budget.",
    "outcomes": "In my view life is better for {name}: {he} goes to school every day, has breakfast, and "
                "{his} mother is less worried about money.",
    "child_views": "{name} said: \"I'm OK with it stopping. Can I still go to breakfast club?\" (Yes.)",
    "family_views": "{mum} said: \"I know I can ring if things get hard again.\"",
    "ongoing_support": "The school and the Family Hub stay involved. {mum} has the Family Hub's number.",
}
