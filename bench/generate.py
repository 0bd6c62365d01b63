"""Synthetic data at the size of a large council, generated in PostgreSQL with set-based SQL.

300 staff in 15 teams (through the ORM: they are few), then children, cases, allocations,
per-child permissions and entries with INSERT ... SELECT over generate_series (seconds, not hours).
One child has 5,000 entries of their own. Every generated child's local ID starts with "BX-".

`generate_dashboard_team` adds the team the dashboard is measured on (issue #10): 25 practitioners
and a manager with 3,000 open cases and 500,000 entries (scaled down with BENCH_SCALE), children
"BD-"; bench/run.py adds it to a dataset that lacks it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction

from access.staff import roles
from access.models import StaffProfile, Team
from records.models import FormDesign

TEAMS = 15
STAFF = 300
BIG_CHILD_ENTRIES = 5000
DASHBOARD_TEAM = "Bench dashboard team"
DASHBOARD_PRACTITIONERS = 25
DASHBOARD_CASES = 3000
DASHBOARD_ENTRIES = 500_000
FIRST_NAMES = ["Amara", "Jayden", "Zoë", "Oliver", "Siân", "Mohammed", "Lily", "Noah", "Chloé", "Ava",
               "Leo", "Isla", "Harry", "Freya", "Oscar", "Maya", "Rónán", "Ella", "Kai", "Aisha"]
LAST_NAMES = ["Okoye", "Clarke", "Smith", "Jones", "O'Brien", "Patel", "Nowak", "Evans", "Khan", "Taylor",
              "Brown", "Wilson", "Roberts", "Hughes", "Kowalczyk", "Walker", "Wright", "Green", "Hall", "Wood",
              "Thomas", "Lewis", "Ahmed", "Murphy", "Ali", "Edwards", "Young", "King", "Scott", "Baker"]


def _sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _approve_first_designs(log=print) -> None:
    """§2: a fresh install's first designs await senior leadership (records 0025): a bench senior leader approves
    them through the service a person uses, so that entries can be generated on approved designs."""
    from records.designs.services import approve_latest_submitted

    if not FormDesign.objects.filter(status=FormDesign.Status.SUBMITTED).exists():
        return
    leader, created = get_user_model().objects.get_or_create(
        username="bench_senior", defaults={"first_name": "Bench", "last_name": "Senior leader", "is_staff": True})
    if created:
        leader.groups.add(Group.objects.get(name=roles.SENIOR_LEADERSHIP))
    approved = approve_latest_submitted(by=leader, comment="Approved for the bench")
    log(f"  designs approved by a bench senior leader: {len(approved)}")


def generate(*, children: int, entries: int, log=print) -> None:
    _approve_first_designs(log=log)
    User = get_user_model()
    with transaction.atomic():
        practitioner = Group.objects.get(name=roles.PRACTITIONER)
        manager_role = Group.objects.get(name=roles.TEAM_MANAGER)
        staff_rows = []
        for t in range(TEAMS):
            group, _ = Group.objects.get_or_create(name=f"Team: Bench team {t + 1}")
            team, _ = Team.objects.get_or_create(name=f"Bench team {t + 1}", defaults={"group": group})
            for s in range(STAFF // TEAMS):
                username = f"bench{t + 1:02d}_{s + 1:02d}"
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = User.objects.create(username=username, first_name="Bench", last_name=f"Worker {t}-{s}")
                    user.groups.add(manager_role if s == 0 else practitioner, group)
                    StaffProfile.objects.create(user=user, post_title="Team Manager" if s == 0 else "Social Worker", team=team)
                if s == 0 and team.manager_id != user.pk:
                    team.manager = user
                    team.save()
                staff_rows.append((len(staff_rows), user.pk, team.pk, group.pk))
    log(f"  staff: {len(staff_rows)} in {TEAMS} teams")
    _fill(prefix="BX-", staff_rows=staff_rows, children=children, entries=entries, big_child_entries=BIG_CHILD_ENTRIES,
          log=log)
    _work_out_visit_clocks(log=log)
    vacuum_analyze()


def _fill(*, prefix: str, staff_rows, children: int, entries: int, big_child_entries: int, log=print) -> None:
    """Children (local IDs `prefix` + number), one open case each allocated round-robin to `staff_rows`
    (n, user_id, team_id, group_id), permissions, and entries, with set-based SQL."""
    view_child = Permission.objects.get(content_type__app_label="casework", codename="view_child").pk
    view_restricted = Permission.objects.get(content_type__app_label="casework", codename="view_restricted").pk
    designs = dict(FormDesign.objects.filter(status="approved").values_list("kind", "pk"))
    kinds = ["visit", "contact_phone", "contact_email", "decision", "visit", "case_summary"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_staff (n int PRIMARY KEY, user_id bigint, team_id bigint, group_id bigint) ON COMMIT DROP")
        cursor.executemany("INSERT INTO bench_staff VALUES (%s, %s, %s, %s)", staff_rows)
        cursor.execute("CREATE TEMP TABLE bench_kind (n int PRIMARY KEY, kind text, design_id bigint) ON COMMIT DROP")
        cursor.executemany("INSERT INTO bench_kind VALUES (%s, %s, %s)", [(i, k, designs[k]) for i, k in enumerate(kinds)])
        staff = len(staff_rows)
        cursor.execute(f"""
            INSERT INTO casework_child (local_id, first_name, middle_names, last_name, preferred_name, name_evidence,
                is_unborn, date_of_birth, gender, ethnicity, nhs_number, preferred_language, communication_method,
                interpreter_needed, search_name, created_at, advocate_needed, advocate_name, signer_needed, signer_name)
            SELECT '{prefix}' || lpad(i::text, 7, '0'), f, '', l, '', 'birth_certificate', false,
                   date '2009-01-01' + (i % 6200), CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, 'WBRI', '',
                   'English', '', false, lower(translate(f || ' ' || l, 'ëéóâ''', 'eeoa')), now(), false, '', false, ''
            FROM generate_series(1, {int(children)}) AS i,
                 LATERAL (SELECT ({_sql_array(FIRST_NAMES)})[1 + i % {len(FIRST_NAMES)}] AS f,
                                 ({_sql_array(LAST_NAMES)})[1 + (i / {len(FIRST_NAMES)}) % {len(LAST_NAMES)}] AS l) AS names
        """)
        cursor.execute(f"CREATE TEMP TABLE bench_child ON COMMIT DROP AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM casework_child WHERE local_id LIKE '{prefix}%'")
        cursor.execute("CREATE INDEX ON bench_child (n)")
        cursor.execute(f"""
            INSERT INTO casework_case (child_id, referral_date, referral_source, referral_reason, closure_reason,
                closure_notes, recorded_by_id, recorded_at)
            SELECT c.id, date '2024-06-01' + (c.n % 800)::int, '2A', 'Synthetic referral', '', '', s.user_id, now()
            FROM bench_child c JOIN bench_staff s ON s.n = c.n % {staff}
        """)
        cursor.execute(f"""
            INSERT INTO casework_allocation (case_id, team_id, worker_id, started_at, reason, allocated_by_id,
                sw_change_reason)
            SELECT k.id, s.team_id, s.user_id, now(), 'Synthetic allocation', s.user_id, ''
            FROM bench_child c JOIN bench_staff s ON s.n = c.n % {staff} JOIN casework_case k ON k.child_id = c.id
        """)
        for permission in (view_child, view_restricted):
            cursor.execute(f"""
                INSERT INTO access_childuserobjectpermission (user_id, permission_id, content_object_id, source, reason, granted_at)
                SELECT s.user_id, {int(permission)}, c.id, 'allocation', '', now() FROM bench_child c JOIN bench_staff s ON s.n = c.n % {staff}
            """)
        cursor.execute(f"""
            INSERT INTO access_childgroupobjectpermission (group_id, permission_id, content_object_id, source, reason, granted_at)
            SELECT s.group_id, {int(view_child)}, c.id, 'allocation', '', now() FROM bench_child c JOIN bench_staff s ON s.n = c.n % {staff}
        """)
        log(f"  children, cases, allocations, permissions: {children}")
        # Entries: most completed on time, 1 in 20 late, 1 in 50 a draft, 1 in 50 a visit without basic details.
        # Entry i belongs to child 1 + (i * 7919) mod N; child 1 also gets 5,000 of its own.
        for label, count, child_expr in (
            ("entries", entries, f"1 + ((i::bigint * 7919) % {children})"),
            ("the 5,000-entry child", big_child_entries, "1"),
        ):
            if not count:
                continue
            cursor.execute(f"""
                INSERT INTO records_entry (child_id, case_id, kind, form_design_id, answers, status, event_at,
                    recorded_by_id, created_at, completed_at, completed_by_id, planned_purpose, visit_outcome, who_was_seen,
                    child_seen, reason_child_not_seen, child_seen_alone, venue, others_present, interpreter_used,
                    basic_details_recorded_at, failed_visit_actions, decision_maker_name, decision_maker_role,
                    information_source, third_party_source, signed_name, signed_post_title, due_at, is_late_entry,
                    late_entry_recorded_at, significant, originator_name, originator_agency, advocate_present,
                    same_day_reason, section_sources)
                SELECT c.id, k.id, bk.kind, bk.design_id,
                       '{{"purpose": "Synthetic entry", "narrative": "Talked with the child about school."}}'::jsonb,
                       st.status, ev.at, s.user_id, ev.at,
                       CASE WHEN st.status = 'completed' THEN ev.at + st.lag END,
                       CASE WHEN st.status = 'completed' THEN s.user_id END,
                       '', CASE WHEN bk.kind = 'visit' THEN 'took_place' ELSE '' END, '', NULL, '', NULL, '', '', '',
                       CASE WHEN bk.kind = 'visit' AND i % 50 <> 1 THEN ev.at + interval '1 hour' END,
                       '', '', '', 'first_hand', '', 'Bench Worker', 'Social Worker', ev.at + interval '2 days',
                       st.late, CASE WHEN st.late THEN ev.at + st.lag END, i % 25 = 0, '', '', '', '', '{{}}'::jsonb
                FROM generate_series(1, {int(count)}) AS i
                JOIN bench_child c ON c.n = {child_expr}
                JOIN casework_case k ON k.child_id = c.id
                JOIN bench_staff s ON s.n = c.n % {staff}
                JOIN bench_kind bk ON bk.n = i % 6,
                LATERAL (SELECT now() - ((i % 730) * interval '1 day') - ((i % 9) * interval '1 hour') AS at) AS ev,
                LATERAL (SELECT CASE WHEN i % 50 = 0 THEN 'draft' WHEN i % 50 = 1 THEN (CASE WHEN bk.kind = 'visit' THEN 'planned' ELSE 'draft' END) ELSE 'completed' END AS status,
                                CASE WHEN i % 20 = 2 THEN interval '4 days' ELSE interval '1 day' END AS lag,
                                (i % 20 = 2 AND i % 50 > 1) AS late) AS st
            """)
            log(f"  {label}: {count}")


def has_dashboard_team() -> bool:
    return Team.objects.filter(name=DASHBOARD_TEAM).exists()


def generate_dashboard_team(*, scale: float, log=print) -> None:
    """The team of issue #10's dashboard target: 25 practitioners and their manager, 3,000 open cases
    and 500,000 entries at BENCH_SCALE=1 (fewer cases and entries at a smaller scale, never fewer people)."""
    User = get_user_model()
    with transaction.atomic():
        practitioner = Group.objects.get(name=roles.PRACTITIONER)
        manager_role = Group.objects.get(name=roles.TEAM_MANAGER)
        group, _ = Group.objects.get_or_create(name=f"Team: {DASHBOARD_TEAM}")
        team, _ = Team.objects.get_or_create(name=DASHBOARD_TEAM, defaults={"group": group})
        staff_rows = []
        for s in range(DASHBOARD_PRACTITIONERS + 1):
            username = f"benchdash_{s:02d}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create(username=username, first_name="Dashboard", last_name=f"Worker {s}")
                user.groups.add(manager_role if s == 0 else practitioner, group)
                StaffProfile.objects.create(user=user, post_title="Team Manager" if s == 0 else "Social Worker", team=team)
            if s == 0:
                if team.manager_id != user.pk:
                    team.manager = user
                    team.save()
            else:
                staff_rows.append((len(staff_rows), user.pk, team.pk, group.pk))
    cases = max(100, int(DASHBOARD_CASES * scale))
    entries = max(1_000, int(DASHBOARD_ENTRIES * scale))
    log(f"Adding {DASHBOARD_TEAM}: {DASHBOARD_PRACTITIONERS} practitioners, {cases} open cases, {entries} entries ...")
    _fill(prefix="BD-", staff_rows=staff_rows, children=cases, entries=entries, big_child_entries=0, log=log)
    _work_out_visit_clocks(log=log)
    vacuum_analyze()


def _work_out_visit_clocks(log=print) -> None:
    """Each open case's next statutory visit, stored as the services keep it (records.statutory_visits): worked
    out once in bulk for the generated cases, which no service opened."""
    from records.statutory_visits.services import refresh_all

    written, _ = refresh_all()
    log(f"  next statutory visits worked out: {written}")


def vacuum_analyze():
    """Statistics for the planner, and the visibility map that lets PostgreSQL answer from an index alone
    (what autovacuum keeps up to date on a live database; a freshly bulk-loaded one has none yet)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
