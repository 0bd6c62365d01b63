"""Django admin lists and history views for non-superusers go through the per-child rule."""

from django.contrib.auth.models import Permission

from tests.conftest import client_for


def _staff_with_casework_view_permissions(user):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="casework", codename__startswith="view_"))
    return user


def test_admin_child_list_shows_only_visible_children(cast, child, other_child, practitioner):
    client = client_for(_staff_with_casework_view_permissions(practitioner))
    body = client.get("/admin/casework/child/").content.decode()
    assert child.local_id in body
    assert other_child.local_id not in body


def test_admin_history_of_an_invisible_child_is_404(cast, other_child, practitioner):
    client = client_for(_staff_with_casework_view_permissions(practitioner))
    assert client.get(f"/admin/casework/child/{other_child.pk}/history/").status_code == 404
    assert client.get(f"/admin/casework/child/{other_child.pk}/change/").status_code in (302, 404)


def test_admin_history_of_a_visible_child_loads(cast, child, practitioner):
    client = client_for(_staff_with_casework_view_permissions(practitioner))
    response = client.get(f"/admin/casework/child/{child.pk}/history/")
    assert response.status_code == 200
    assert child.first_name in response.content.decode()


def test_superuser_sees_every_child_in_admin(cast, child, other_child, admin_user):
    body = client_for(admin_user).get("/admin/casework/child/").content.decode()
    assert child.local_id in body and other_child.local_id in body


def test_access_log_admin_is_for_superusers_only(cast, child, practitioner, admin_user):
    assert client_for(admin_user).get("/admin/access/accesslog/").status_code == 200
    staff = _staff_with_casework_view_permissions(practitioner)
    assert client_for(staff).get("/admin/access/accesslog/").status_code == 403
