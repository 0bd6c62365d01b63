"""The tables whose rows are never deleted, or never changed at all, and the database triggers that say so.

This is the one list. Each table has one rule:

- NEVER_DELETED: rows may be updated through the services, never deleted (things are ended,
  withdrawn or closed instead, and simple-history keeps every version);
- APPEND_ONLY: rows are inserted and never updated or deleted (logs, and the history tables of the
  never-deleted models, whose rows are the record of every earlier version).

The rule is enforced by a database trigger, so that no route gets round it: Model.delete(),
QuerySet.delete() and .update(), bulk writes, raw SQL. The models carry no delete() of their own.
A refusal is an IntegrityError whose message names the table and the rule.

Tables are named by their database table, so that this app needs none of the others' models.
Each app's migration names the tables it protects and calls `create_triggers`; a table added
here later needs a migration of its own (tests/access/audit/test_protected_tables.py fails until then).
Tables whose rule was already enforced by an earlier trigger (`enforced_by`) get no second one.
TRUNCATE fires no row trigger: the test runner empties tables with it between tests.

One route may remove these rows, and only for one child: erasing a record at the end of its retention
(issue 18, records.retention.erasure), once a data protection officer has proposed it and a senior leader
(another person) has approved it, and no legal hold is on it. That transaction says so with
`SET LOCAL casework.erasure = '<proposal id>'`; every trigger's WHEN clause asks `casework_erasure_approved()`,
which checks that proposal in the database itself, so the setting alone opens nothing.

On SQLite (`make run`), a later migration that rebuilds one of these tables drops its triggers:
call `create_triggers` again after it.
"""

from dataclasses import dataclass

NEVER_DELETED = "NEVER_DELETED"
APPEND_ONLY = "APPEND_ONLY"

_REFUSED = {
    NEVER_DELETED: ("DELETE",),
    APPEND_ONLY: ("UPDATE", "DELETE"),
}
_WORDING = {
    NEVER_DELETED: "rows are never deleted",
    APPEND_ONLY: "rows are append-only: never changed or deleted",
}


@dataclass(frozen=True)
class Protected:
    table: str
    rule: str
    what_to_do: str = ""  # shown with the refusal: what to do instead
    enforced_by: str = ""  # the earlier migration whose trigger already refuses this

    @property
    def message(self) -> str:
        text = f"{self.table}: {_WORDING[self.rule]} ({self.rule})."
        return f"{text} {self.what_to_do}" if self.what_to_do else text


def _with_history(table: str, rule: str, what_to_do: str = "", enforced_by: str = "") -> tuple[Protected, ...]:
    """A model with a simple-history table: its history rows are the record, and are append-only."""
    app, _, model = table.partition("_")
    return (
        Protected(table, rule, what_to_do, enforced_by),
        Protected(f"{app}_historical{model}", APPEND_ONLY, "Earlier versions are kept as they were."),
    )


PROTECTED: tuple[Protected, ...] = (
    # access: logs (their triggers came first, in access 0003, 0006 and 0008)
    Protected("access_accesslog", APPEND_ONLY, enforced_by="access 0003"),
    Protected("access_auditevent", APPEND_ONLY, enforced_by="access 0003"),
    Protected("access_disclosure", APPEND_ONLY, enforced_by="access 0006"),
    Protected("access_emergencyaccess", APPEND_ONLY, enforced_by="access 0006"),
    Protected("access_lossnotification", APPEND_ONLY, enforced_by="access 0008"),
    Protected("access_lossrecoveryaction", APPEND_ONLY, enforced_by="access 0008"),
    # access: losses (§15.1, §16)
    *_with_history("access_lossreport", NEVER_DELETED, "Close the report instead."),
    *_with_history("access_lossaffectedchild", APPEND_ONLY, "A loss report is not changed after the event."),
    # casework: the basic record (§5.1, §5.3)
    *_with_history("casework_householdmember", NEVER_DELETED, "Record that they left the household instead."),
    *_with_history("casework_closeperson", NEVER_DELETED, "End it instead."),
    *_with_history("casework_contactarrangement", NEVER_DELETED, "End it instead."),
    *_with_history("casework_placement", NEVER_DELETED, "End it instead."),
    *_with_history("casework_legalstatus", NEVER_DELETED, "End it instead."),
    *_with_history("casework_providerarrangement", NEVER_DELETED, "End it instead."),
    *_with_history("casework_siblinglink", NEVER_DELETED, "End the link instead."),
    *_with_history("casework_alert", NEVER_DELETED, "End the alert instead: it stays in the alert history."),
    # casework: the plan (§5.4)
    *_with_history("casework_plan", NEVER_DELETED),
    *_with_history("casework_planoutcome", NEVER_DELETED, "Achieve, change or end the outcome instead."),
    *_with_history("casework_outcomechange", APPEND_ONLY),
    *_with_history("casework_keytask", NEVER_DELETED),
    *_with_history("casework_interventionoutcome", NEVER_DELETED, "Mark the link removed, by amending the entry."),
    # casework: transfers (§15.2)
    *_with_history("casework_pretransferaudit", NEVER_DELETED),
    *_with_history("casework_casetransfer", NEVER_DELETED),
    # casework: the DfE code lists of the statutory returns (issue 17)
    *_with_history("casework_codelist", NEVER_DELETED),
    *_with_history("casework_code", NEVER_DELETED, "Give a withdrawn code its last collection year instead."),
    # casework: each build of a statutory return, kept with who built it (issue 17)
    Protected("casework_returnbuild", NEVER_DELETED, "A build is kept: build the return again instead."),
    # casework: a case's assessments, section 47 enquiries, child protection and child in need plans (issue 17)
    *_with_history("casework_assessment", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_section47enquiry", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_childprotectionplan", NEVER_DELETED, "End the plan instead."),
    *_with_history("casework_protectionplanreview", NEVER_DELETED),
    *_with_history("casework_cinplan", NEVER_DELETED, "End the plan instead."),
    # casework: a looked-after child's reviews, missing episodes and UASC status (issue 17)
    *_with_history("casework_lookedafterreview", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_missingepisode", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_uascstatus", NEVER_DELETED, "Change it instead."),
    # casework: decisions to place for adoption and previous permanence options (issue 17)
    *_with_history("casework_adoptiondecision", NEVER_DELETED, "Record the decision reversed instead."),
    *_with_history("casework_previouspermanence", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_adoptionsiblinggroup", NEVER_DELETED,
                   "Take the children out of the group on their decisions instead."),
    # casework: contacts received about a child (issue 17, Annex A list 1)
    *_with_history("casework_frontdoorcontact", NEVER_DELETED, "Correct it instead."),
    # casework: care leavers (OC3) and the outcomes of children looked after for 12 months (OC2) (issue 17)
    *_with_history("casework_careleavercontact", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_lookedafteroutcomes", NEVER_DELETED, "Correct it instead."),
    *_with_history("casework_pathwayplanreview", NEVER_DELETED, "Correct it instead."),  # Annex A's list 9
    *_with_history("casework_earlyhelpassessment", NEVER_DELETED, "Correct it instead."),  # Annex A's list 2
    # records: designs and entries (§2, §12); their own triggers refuse deletes (records 0003, 0006)
    *_with_history("records_formdesign", NEVER_DELETED, "Leave a draft unsubmitted, or reject it.",
                   enforced_by="records 0003"),
    *_with_history("records_entry", NEVER_DELETED, "Amend a completed entry, giving a reason.",
                   enforced_by="records 0006"),
    *_with_history("records_entryamendment", APPEND_ONLY),
    Protected("records_entrydatechange", APPEND_ONLY, "A change of a visit's date is kept as it was made."),
    Protected("records_flag", NEVER_DELETED, enforced_by="records 0008"),
    # records: chronology, oversight, documents, paper files
    *_with_history("records_chronologyevent", NEVER_DELETED),
    *_with_history("records_auditsample", NEVER_DELETED),
    *_with_history("records_recordaudit", NEVER_DELETED),
    *_with_history("records_auditdeficiency", NEVER_DELETED),
    *_with_history("records_document", NEVER_DELETED, "Withdraw the document, giving a reason."),
    *_with_history("records_courtorder", NEVER_DELETED),
    *_with_history("records_courtreport", NEVER_DELETED),
    *_with_history("records_educationrecord", NEVER_DELETED),
    *_with_history("records_healthrecord", NEVER_DELETED),
    *_with_history("records_paperfilevolume", NEVER_DELETED),
    *_with_history("records_paperfilemove", APPEND_ONLY),
    Protected("records_paperfilearrival", APPEND_ONLY),  # §15.2: a confirmation is never changed
    *_with_history("records_paperfileremoval", NEVER_DELETED),
    # records: the form register (§2); a version never changes but for its approval (the model checks)
    *_with_history("records_fixedform", NEVER_DELETED),
    *_with_history("records_fixedformversion", NEVER_DELETED, "A change to a form is recorded as a new version."),
    # records: what each disclosure shared (§7), audit schedules and delegations (§13), progress in summaries (§5.5)
    Protected("records_discloseditem", APPEND_ONLY),
    *_with_history("records_auditschedule", NEVER_DELETED, "Change the number of records instead."),
    *_with_history("records_auditdelegation", NEVER_DELETED, "End the delegation instead."),
    *_with_history("records_outcomeprogress", NEVER_DELETED),
    # records: retention (issue 18): the rules are changed, never deleted; an erased record's tombstone never changes
    *_with_history("records_retentionrule", NEVER_DELETED, "Change the period instead."),
    Protected("records_erasedrecord", APPEND_ONLY, "The tombstone of an erased record is kept as it was made."),
)

BY_TABLE = {entry.table: entry for entry in PROTECTED}
assert len(BY_TABLE) == len(PROTECTED), "a table is listed twice"


def rule_of(table: str) -> str | None:
    entry = BY_TABLE.get(table)
    return entry.rule if entry else None


def _quoted(text: str) -> str:
    return text.replace("'", "''")


# Issue 18: true only inside the erasure of one approved record (see the module's docstring). plpgsql reads the
# retention tables when it runs, not when it is created, so access's migrations can create it before records'.
ERASURE_PERMIT_SQL = """CREATE OR REPLACE FUNCTION casework_erasure_approved() RETURNS boolean AS $$
    DECLARE
        proposal text := current_setting('casework.erasure', true);
    BEGIN
        IF proposal IS NULL OR proposal !~ '^[0-9]+$' THEN
            RETURN false;
        END IF;
        RETURN EXISTS (
            SELECT 1 FROM records_erasureproposal p
            WHERE p.id = proposal::bigint AND p.erased_at IS NULL AND p.withdrawn_at IS NULL
              AND p.approved_by_id IS NOT NULL AND p.approved_by_id <> p.proposed_by_id
              AND EXISTS (SELECT 1 FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id
                          WHERE ug.user_id = p.approved_by_id AND g.name = 'Senior leadership')
              AND EXISTS (SELECT 1 FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id
                          WHERE ug.user_id = p.proposed_by_id AND g.name = 'Data protection officer')
              AND NOT EXISTS (SELECT 1 FROM records_legalhold h WHERE h.child_id = p.child_id AND h.lifted_at IS NULL)
        );
    END;
    $$ LANGUAGE plpgsql STABLE"""
ERASURE_PERMIT = "casework_erasure_approved()"


def permitted_in_erasure(definition: str) -> str:
    """A trigger's definition (pg_get_triggerdef) with the erasure permit added to its WHEN clause."""
    if ERASURE_PERMIT in definition:
        return definition
    head, execute, tail = definition.partition(" EXECUTE FUNCTION ")
    if " WHEN (" in head:
        before, _, condition = head.partition(" WHEN (")
        head = f"{before} WHEN ((NOT {ERASURE_PERMIT}) AND ({condition})"
    else:
        head = f"{head} WHEN (NOT {ERASURE_PERMIT})"
    return head + execute + tail


# Row triggers on UPDATE or DELETE (pg_trigger.tgtype bits: 1 row, 8 delete, 16 update) written by the migrations.
REFUSING_TRIGGERS_SQL = """SELECT t.oid, t.tgname, c.relname, pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = current_schema() AND (t.tgtype & 1) = 1 AND (t.tgtype & 24) <> 0"""


def permit_erasure_in_every_trigger(schema_editor) -> None:
    """Issue 18: every refusing trigger already in the database learns the one exception (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(ERASURE_PERMIT_SQL, params=None)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(REFUSING_TRIGGERS_SQL)
        rows = cursor.fetchall()
    for _, name, table, definition in rows:
        if ERASURE_PERMIT in definition:
            continue
        schema_editor.execute(f'DROP TRIGGER "{name}" ON "{table}"', params=None)
        schema_editor.execute(permitted_in_erasure(definition), params=None)


def trigger_sql(vendor: str, table: str) -> list[str]:
    """The statements that make the database refuse what the table's rule forbids."""
    entry = BY_TABLE[table]
    if entry.enforced_by:
        raise ValueError(f"{table} is already protected by {entry.enforced_by}: no second trigger.")
    message = _quoted(entry.message)
    refused = _REFUSED[entry.rule]
    if vendor == "postgresql":
        return [
            ERASURE_PERMIT_SQL,
            f"""CREATE OR REPLACE FUNCTION {table}_protected() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{message}';
            END;
            $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {table}_protected BEFORE {" OR ".join(refused)} ON {table}
                FOR EACH ROW WHEN (NOT {ERASURE_PERMIT}) EXECUTE FUNCTION {table}_protected()""",
        ]
    if vendor == "sqlite":
        return [
            f"""CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END"""
            for action in refused
        ]
    raise NotImplementedError(f"No protected-table triggers for {vendor}: the rules would not be enforced.")


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_protected ON {table}", f"DROP FUNCTION IF EXISTS {table}_protected()"]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{action.lower()}" for action in ("UPDATE", "DELETE")]
    return []


def create_triggers(schema_editor, tables) -> None:
    for table in tables:
        for statement in trigger_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)  # no parameters: the text may hold a literal %


def drop_triggers(schema_editor, tables) -> None:
    for table in tables:
        for statement in drop_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)
