from django.urls import path

from access.losses import views as loss_views

from access.sign_in import views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("session/", views.session, name="session"),
    path("account/password/", views.change_password, name="change_password"),
    path("account/two-step-verification/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-step-verification/code/", views.two_factor_verify, name="two_factor_verify"),
    # Lost or mislaid files, documents and devices (§15.1, §16).
    path("losses/", loss_views.loss_list, name="losses"),
    path("losses/report/", loss_views.loss_report, name="loss_report"),
    path("losses/<int:loss_id>/", loss_views.loss_detail, name="loss_detail"),
    path("losses/<int:loss_id>/actions/new/", loss_views.loss_action, name="loss_action"),
    path("losses/<int:loss_id>/family-told/", loss_views.loss_family, name="loss_family"),
    path("losses/<int:loss_id>/close/", loss_views.loss_close, name="loss_close"),
]
