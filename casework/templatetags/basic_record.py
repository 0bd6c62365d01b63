"""The basic record (§5.1) and sibling links (§5.3) in the record PDF (records/pdf/record.html)."""

from django import template

from casework.basic_record.selectors import basic_record

register = template.Library()


@register.inclusion_tag("casework/pdf/_basic_record.html")
def basic_record_for_pdf(child, prepared_for, sar=None):
    """Items in the 'Restricted from user' section are always left out here (§7), whoever the PDF is for;
    a subject access bundle (`sar`) leaves out sibling links too: they identify another child's record."""
    record = basic_record(prepared_for, child, sees_restricted=False)
    return {"child": child, **record, "siblings": [] if sar else record["siblings"], "sar": sar}


@register.inclusion_tag("casework/_restricted_basic_record_items.html")
def restricted_basic_record_items(child, restriction):
    """On the 'Restricted from user' section (§7, §8; shown only to those who may see it): the basic record's
    items a restriction covers, with a link to each."""
    from casework.basic_record.selectors import RESTRICTABLE, SECTIONS, title_of

    items = []
    for key in sorted(RESTRICTABLE):
        for item in SECTIONS[key].model.objects.filter(child=child, restriction=restriction):
            items.append({"key": key, "item": item, "title": f"{SECTIONS[key].singular.capitalize()}: {title_of(item)}"})
    return {"child": child, "items": items}
