from django.contrib.auth import views as auth_views

from access.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """POST only (Django's rule): a link cannot sign anyone out behind their back."""
