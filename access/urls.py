from django.urls import path

from access.sign_in import views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("session/", views.session, name="session"),
    path("account/password/", views.change_password, name="change_password"),
    path("account/two-step-verification/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-step-verification/code/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-step-verification/recovery-code/", views.two_factor_recovery, name="two_factor_recovery"),
    path("account/two-step-verification/recovery-codes/", views.new_recovery_codes, name="new_recovery_codes"),
]
