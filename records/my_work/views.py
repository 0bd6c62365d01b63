from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from casework.templatetags.pagination import page_url
from records.my_work.lists import page_number, page_of
from records.my_work.sections import sections_for


@login_required
def my_work(request):
    """The home page after sign-in (issue 16): what waits on this user, by role, each list paged."""
    today = timezone.localdate()
    sections = sections_for(request.user)
    for section in sections:
        section.pages = []
        for work_list in section.lists:
            page = page_of(work_list, page_number(request.GET.get(work_list.key)), today)
            if page.has_previous:
                page.previous_url = page_url(request, work_list.key, page.number - 1, work_list.key)
            if page.has_next:
                page.next_url = page_url(request, work_list.key, page.number + 1, work_list.key)
            section.pages.append(page)
    return render(request, "records/my_work/my_work.html", {"sections": sections, "nav": "my_work"})
