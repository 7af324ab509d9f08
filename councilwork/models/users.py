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

    def __str__(self):
        """A person is shown by name wherever a login appears (history, reviews, selects)."""
        return self.get_full_name() or self.get_username()

    def get_full_name(self):
        """Vietnamese order: family and middle names (last_name, "Họ") before the given
        name (first_name, "Tên"): "Nguyễn Thị" + "Hoa" is "Nguyễn Thị Hoa"."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)
