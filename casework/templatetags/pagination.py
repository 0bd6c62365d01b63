"""GOV.UK pagination for a Django Page (templates/_pagination.html, the one pagination template): its number in
the query string under its own name, so that several lists on one page (a caseload and its overdue work) each
keep their page while another is turned."""

from urllib.parse import urlencode

from django import template

register = template.Library()


def page_url(request, param: str, number: int, anchor: str = "") -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")


@register.inclusion_tag("_pagination.html", takes_context=True)
def pagination(context, page, param: str, label: str, anchor: str = ""):
    request, pages = context["request"], page.paginator.num_pages
    links = {"label": label}
    if page.has_previous():
        links.update(previous_url=page_url(request, param, page.previous_page_number(), anchor),
                     previous_label=f"{page.previous_page_number()} of {pages}")
    if page.has_next():
        links.update(next_url=page_url(request, param, page.next_page_number(), anchor),
                     next_label=f"{page.next_page_number()} of {pages}")
    return links


@register.simple_tag
def cursor_url(cursor, param: str = "before") -> str:
    """The link to the next page of a keyset list (entries, history): "" at its end."""
    return f"?{urlencode({param: cursor})}" if cursor else ""
