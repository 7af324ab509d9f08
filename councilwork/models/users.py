"""Logins. A user's role is a Django group (see councilwork.roles)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Council


class User(AbstractUser):
    """A login; ward staff are bound to the council whose records they keep."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("council"),
        help_text=_("For ward staff: the only council whose records they may see."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
