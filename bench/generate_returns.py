"""What the statutory returns read (issue 17), added to the bench council's children ("BX-") with set-based SQL, so
that timing the returns times real work: the children's return details, and on their cases assessments, section 47
enquiries with conferences, child protection plans with reviews, child in need plans, and for one child in eight a
period of care (legal statuses with their codes and placements, some moving on). Every date is today or earlier.
bench/run.py adds it to a dataset that lacks it; the cases stay open (other measurements rely on them).
"""

from django.db import connection, transaction

from casework.basic_record.models import LegalStatus, Placement
from casework.cin.models import Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry
from casework.models import Case, Child

PREFIX = "BX-"
ETHNICITIES = ["WBRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "CHNE", "OOTH", "WIRI"]


def has_returns_data() -> bool:
    return LegalStatus.objects.filter(child__local_id__startswith=PREFIX).exclude(ls_code="").exists()


def _table(model) -> str:
    return model._meta.db_table


def generate_returns_data(log=print) -> None:
    recorded = ("'Bench Worker', 'Social Worker', NULL::timestamptz, NULL::timestamptz, NULL::varchar, NULL::varchar, "
                "NULL::timestamptz")
    recorded_columns = ("recorded_name, recorded_post_title, late_entry_recorded_at, late_update_recorded_at, "
                        "updated_name, updated_post_title, updated_at")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"""
            CREATE TEMP TABLE bench_case ON COMMIT DROP AS
            SELECT k.id, k.child_id, k.referral_date AS r, k.recorded_by_id AS by, row_number() OVER (ORDER BY k.id) AS n
            FROM {_table(Case)} k JOIN {_table(Child)} c ON c.id = k.child_id WHERE c.local_id LIKE '{PREFIX}%'
        """)
        cursor.execute(f"""
            UPDATE {_table(Child)} c SET sex = CASE WHEN c.gender = 'female' THEN 'F' ELSE 'M' END,
                ethnicity = ({"ARRAY[" + ",".join(f"'{e}'" for e in ETHNICITIES) + "]"})[1 + c.id % {len(ETHNICITIES)}],
                disabilities = CASE WHEN c.id % 12 = 0 THEN '["LD"]'::jsonb ELSE '["NONE"]'::jsonb END,
                upn_unknown_reason = 'UN2'
            WHERE c.local_id LIKE '{PREFIX}%' AND c.upn = ''
        """)
        cursor.execute(f"UPDATE {_table(Case)} k SET primary_need = 'N' || (1 + k.id % 8), referral_nfa = false "
                       f"FROM bench_case b WHERE b.id = k.id")
        # Every case assessed; three in four assessments authorised.
        cursor.execute(f"""
            INSERT INTO {_table(Assessment)} (case_id, start_date, recorded_by_id, recorded_at, authorised_on, factors)
            SELECT id, r + 1, by, now(), CASE WHEN n % 4 <> 0 AND r + 20 <= current_date THEN r + 20 END, '["3B", "4B"]'
            FROM bench_case WHERE r + 1 <= current_date
        """)
        # One case in five: a child in need plan; another one in five: a section 47 enquiry whose conference
        # (one in ten cases) made a child protection plan, reviewed three months on.
        cursor.execute(f"""
            INSERT INTO {_table(CinPlan)} (case_id, start_date, recorded_by_id, recorded_at, end_date)
            SELECT id, r + 22, by, now(), NULL FROM bench_case WHERE n % 5 = 1 AND r + 22 <= current_date
        """)
        cursor.execute(f"""
            INSERT INTO {_table(Section47Enquiry)} (case_id, start_date, recorded_by_id, recorded_at, icpc_needed,
                icpc_target_date, icpc_date)
            SELECT id, r + 25, by, now(), n % 10 = 0, CASE WHEN n % 10 = 0 THEN r + 40 END,
                   CASE WHEN n % 10 = 0 AND r + 39 <= current_date THEN r + 39 END
            FROM bench_case WHERE n % 5 = 0 AND r + 25 <= current_date
        """)
        cursor.execute(f"""
            INSERT INTO {_table(ChildProtectionPlan)} (case_id, start_date, recorded_by_id, recorded_at, end_date,
                initial_category, latest_category)
            SELECT id, r + 39, by, now(), NULL, (ARRAY['NEG', 'EMO', 'PHY', 'SAB'])[1 + n % 4], 'NEG'
            FROM bench_case WHERE n % 10 = 0 AND r + 39 <= current_date
        """)
        cursor.execute(f"""
            INSERT INTO {_table(ProtectionPlanReview)} (plan_id, review_date, recorded_by_id, recorded_at)
            SELECT id, start_date + 90, recorded_by_id, now() FROM {_table(ChildProtectionPlan)}
            WHERE case_id IN (SELECT id FROM bench_case) AND start_date + 90 <= current_date
        """)
        # One child in eight looked after: accommodated (V2) in foster care; half of them then under a care order
        # (C2), and a third moved to a children's home.
        item_columns = f"child_id, start_date, end_date, end_reason, restriction_id, recorded_by_id, recorded_at, ended_by_id, {recorded_columns}"
        cursor.execute(f"""
            INSERT INTO {_table(LegalStatus)} ({item_columns}, status, details, ls_code, category_of_need, reason_ceased)
            SELECT child_id, r + 30, CASE WHEN n % 16 = 0 AND r + 120 <= current_date THEN r + 120 END,
                   CASE WHEN n % 16 = 0 AND r + 120 <= current_date THEN 'Care order made' ELSE '' END,
                   NULL::bigint, by, now(), NULL::bigint, {recorded}, 's20', '', 'V2', 'N1', ''
            FROM bench_case WHERE n % 8 = 0 AND r + 30 <= current_date
            UNION ALL
            SELECT child_id, r + 120, NULL, '', NULL::bigint, by, now(), NULL::bigint, {recorded}, 'care_order', '', 'C2', 'N1', ''
            FROM bench_case WHERE n % 16 = 0 AND r + 120 <= current_date
        """)
        placement = ("placement_type, carer_or_provider, address, long_term, place_code, provider_code, postcode, ofsted_urn, "
                     "change_reason, la_code")
        cursor.execute(f"""
            INSERT INTO {_table(Placement)} ({item_columns}, {placement})
            SELECT child_id, r + 30, CASE WHEN n % 24 = 0 AND r + 200 <= current_date THEN r + 200 END,
                   CASE WHEN n % 24 = 0 AND r + 200 <= current_date THEN 'Moved' ELSE '' END,
                   NULL::bigint, by, now(), NULL::bigint, {recorded}, 'foster_la', 'Bench carers', 'Leeds', false, 'U6', 'PR1',
                   'LS6 1AA', 'SC111111', CASE WHEN n % 24 = 0 AND r + 200 <= current_date THEN 'CARPL' ELSE '' END, '383'
            FROM bench_case WHERE n % 8 = 0 AND r + 30 <= current_date
            UNION ALL
            SELECT child_id, r + 200, NULL, '', NULL::bigint, by, now(), NULL::bigint, {recorded}, 'childrens_home', 'Bench home',
                   'Leeds', false, 'K2', 'PR4', 'LS1 7AB', 'SC123456', '', '383'
            FROM bench_case WHERE n % 24 = 0 AND r + 200 <= current_date
        """)
        cursor.execute(f"SELECT count(*) FROM {_table(LegalStatus)} WHERE child_id IN (SELECT child_id FROM bench_case)")
        statuses = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        for model in (Assessment, Section47Enquiry, ChildProtectionPlan, ProtectionPlanReview, CinPlan, LegalStatus,
                      Placement, Case, Child):
            cursor.execute(f"ANALYZE {_table(model)}")
    log(f"  return details: assessments, enquiries, plans and reviews on the cases; {statuses} legal statuses")
