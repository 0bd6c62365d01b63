from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from casework.templatetags.pagination import page_url
from records.my_work.lists import page_number, pages_of
from records.my_work.sections import sections_for


@login_required
def my_work(request):
    """The home page after sign-in (issue 16): what waits on this user, by role, each list paged."""
    sections = sections_for(request.user)
    wanted = [(work_list, page_number(request.GET.get(work_list.key))) for section in sections
              for work_list in section.lists]
    pages = iter(pages_of(wanted, timezone.localdate()))
    for section in sections:
        section.pages = [next(pages) for _ in section.lists]
        for page in section.pages:
            key = page.work_list.key
            if page.has_previous:
                page.previous_url = page_url(request, key, page.number - 1, key)
            if page.has_next:
                page.next_url = page_url(request, key, page.number + 1, key)
    return render(request, "records/my_work/my_work.html", {"sections": sections, "nav": "my_work"})
