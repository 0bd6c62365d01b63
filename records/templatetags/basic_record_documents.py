"""§5.1 on the child's basic record: orders, reports to court, education and health, with their copies.

A tag library, so that casework's record page shows them without casework's code importing records.
Four queries, however many rows; a fifth only when a copy is in the 'Restricted from user' section.
"""

from django import template

from access.staff import roles
from casework.children.selectors import may_see_restricted
from records.documents.services import basic_record_sections

register = template.Library()


@register.inclusion_tag("records/_basic_record_documents.html", takes_context=True)
def basic_record_documents(context, child):
    user = context["request"].user
    sections = basic_record_sections(child)
    rows = [row for rows in sections.values() for row in rows]
    restricted = any(row.document_id and row.document.is_restricted for row in rows)
    # §7: a copy in the restricted section is named only to those who may see it.
    sees_restricted = restricted and may_see_restricted(user, child)
    for row in rows:
        row.copy_hidden = bool(row.document_id and row.document.is_restricted and not sees_restricted)
    return {"child": child, **sections, "can_write": roles.can_write_records(user)}


@register.inclusion_tag("records/pdf/_documents.html")
def documents_for_pdf(child):
    """The documents on the record, listed in its PDF and in a subject access bundle: title, kind and date.
    Restricted (§7) and withdrawn documents are always left out, whoever the PDF is for."""
    from records.documents.services import documents_for_pdf as listed

    # §5.1, §9, §10: the basic record's orders, court reports, education and health too, each with who
    # recorded it (name, post title, when) and its late mark; the copy is named only when it is listed.
    sections = basic_record_sections(child)
    for rows in sections.values():
        for row in rows:
            row.copy_listed = bool(row.document_id and not row.document.is_restricted and not row.document.is_withdrawn)
    return {"documents": list(listed(child)), **sections}
