"""The record banner on every page of a child's record (templates/base.html, templates/casework/child_page.html)."""

from django import template

from access.staff import roles
from casework.banner.selectors import banner_for, recently_viewed as recent_children

register = template.Library()


@register.inclusion_tag("casework/_banner.html", takes_context=True)
def child_banner(context, child, heading=False):
    user = context["request"].user
    return {"banner": banner_for(user, child), "heading": heading, "can_write": roles.can_write_records(user)}


@register.inclusion_tag("casework/_recently_viewed.html", takes_context=True)
def recently_viewed(context):
    return {"children": recent_children(context["request"].user)}
