"""The login forms: Django's, with the username's length checked like any other field's."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class _UsernameLengthChecked:
    """Django's login form puts the username's maximum length only on the input box.

    A longer name went on to the failed-login record of django-axes, whose column
    holds 255 characters, and PostgreSQL refused it with a 500. Now it is refused
    beside the field, before anyone looks the name up.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(_UsernameLengthChecked, AuthenticationForm):
    pass


class AdminLoginForm(_UsernameLengthChecked, AdminAuthenticationForm):
    pass
