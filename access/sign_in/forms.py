from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Layout, Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK layout and messages that say what to do."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("username", field_width=Fixed.TWENTY, autocomplete="username", spellcheck="false"),
            Field.text("password", field_width=Fixed.TWENTY),
        )


class ChangePasswordForm(PasswordChangeForm):
    """§14: a new password, checked by every validator in AUTH_PASSWORD_VALIDATORS (history included)."""

    error_messages = {
        "password_mismatch": "The new passwords do not match. Enter the same password twice.",
        "password_incorrect": "Your current password is not right. Enter it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = (
            "At least 12 characters. Not a common password, not like your name or username, "
            "and not one of your last 5 passwords. A few unrelated words together work well."
        )
        self.fields["new_password2"].label = "Enter the new password again"
        self.fields["new_password2"].help_text = ""
        for name, message in (("old_password", "Enter your current password"),
                              ("new_password1", "Enter a new password"),
                              ("new_password2", "Enter the new password again")):
            self.fields[name].error_messages["required"] = message
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("old_password", field_width=Fixed.TWENTY),
            Field.text("new_password1", field_width=Fixed.TWENTY),
            Field.text("new_password2", field_width=Fixed.TWENTY),
        )

    def clean(self):
        # Django puts the validators' messages on the confirmation field; ours go on the new password.
        self.validate_passwords("new_password1", "new_password2")
        if "new_password2" not in self.errors:
            self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data


class TwoFactorCodeForm(forms.Form):
    """The 6-digit code from the authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 digits your app shows for Casework. It changes every 30 seconds.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("code", field_width=Fixed.FIVE, autocomplete="one-time-code", inputmode="numeric",
                       spellcheck="false"),
        )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code


class EnrolmentCodeForm(forms.Form):
    """The one-time code an administrator issued, before the set-up page shows the secret (issue 18)."""

    enrolment_code = forms.CharField(
        label="Enrolment code", max_length=40,
        help_text="12 letters and numbers, like ABCD-EFGH-JK23. Your administrator gave it to you. It lasts 72 hours.",
        error_messages={"required": "Enter the enrolment code your administrator gave you"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.text("enrolment_code", field_width=Fixed.TEN, autocomplete="off",
                                               spellcheck="false"))


class RecoveryCodeForm(forms.Form):
    """At sign-in, one of the person's recovery codes instead of the app's code (issue 18)."""

    recovery_code = forms.CharField(
        label="Recovery code", max_length=40,
        help_text="12 letters and numbers, like ABCD-EFGH-JK23, from the list you saved when you set up two-step "
                  "verification. Each code works once.",
        error_messages={"required": "Enter one of your recovery codes"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.text("recovery_code", field_width=Fixed.TEN, autocomplete="off",
                                               spellcheck="false"))

    def clean_recovery_code(self):
        typed = "".join(ch for ch in self.cleaned_data["recovery_code"] if ch.isalnum())
        if len(typed) != 12:
            raise forms.ValidationError("Enter the recovery code as 12 letters and numbers, like ABCD-EFGH-JK23")
        return typed
