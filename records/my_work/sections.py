"""The sections of My work for a user's roles, in the order they use them."""

from access.staff import roles
from records.my_work import selectors, service, team
from records.my_work.lists import Section


def sections_for(user) -> list[Section]:
    names = roles.role_names(user)
    sections = []
    if names & {roles.PRACTITIONER, roles.TEAM_MANAGER}:  # a manager has work of their own too
        sections.append(Section("Your work", selectors.practitioner_lists(user)))
    if roles.TEAM_MANAGER in names:
        sections.append(Section("Waiting on you as team manager", team.manager_lists(user)))
    if roles.EMERGENCY_DUTY in names:
        sections.append(service.emergency_duty_section(user))
    if roles.SENIOR_LEADERSHIP in names:
        sections.append(service.senior_leadership_section(user))
    if roles.ADMINISTRATOR in names or user.is_superuser:
        sections.append(service.administrator_section(user))
    return sections
