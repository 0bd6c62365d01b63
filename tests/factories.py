"""factory_boy factories and a small builder for the standard cast of staff."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from access.staff import roles
from access.models import StaffProfile, Team
from casework.children.identity import generate_local_id
from casework.models import Case, Child, Household, HouseholdMember

PASSWORD = "Casework-Test-2026"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team group {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    group = factory.SubFactory(GroupFactory, name=factory.SelfAttribute("..name"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Fixed names, so that a test asserting a child's name is absent never meets a staff namesake.
    first_name = "Staff"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save()


def make_staff(username: str, *, role: str | None, team: Team | None = None, post_title: str = "Social Worker", **extra):
    """A staff member with a role (a group), a team (its group too) and a post title (§9)."""
    user = UserFactory(username=username, **extra)
    if role:
        # get_or_create: a transactional test before this one may have emptied the tables.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        if role == roles.ADMINISTRATOR:
            user.is_staff = True
            user.save()
    if team is not None:
        user.groups.add(team.group)
    StaffProfile.objects.create(user=user, post_title=post_title, team=team)
    return user


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    address_line_1 = factory.Faker("street_address", locale="en_GB")
    town = "Bedford"
    postcode = "MK40 1AA"


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    full_name = factory.Faker("name", locale="en_GB")
    relationship = "Mother"
    has_parental_responsibility = True


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    local_id = factory.LazyFunction(generate_local_id)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2016, 5, 17)
    gender = Child.Gender.FEMALE


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    child = factory.SubFactory(ChildFactory)
    referral_date = date(2026, 1, 12)
    referral_source = Case.ReferralSource.SCHOOL
    referral_reason = "School concerned about attendance."
    recorded_by = factory.SubFactory(UserFactory)
