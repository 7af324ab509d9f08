"""The version of each council's figures, the key of every cached read about it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Council


class FiguresVersion(models.Model):
    """A counter per council, moved in the writer's transaction by any change to what
    its figures read (its own records or those of a council below it).

    Cached summaries are keyed by it, so they may expire or be evicted freely: the
    counter itself lives in the database, never in the cache, and cannot be lost.
    Not a record: it carries no history and is never exported.
    """

    council = models.OneToOneField(
        Council,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="figures_version",
        verbose_name=_("council"),
    )
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("figures version")
        verbose_name_plural = _("figures versions")

    def __str__(self) -> str:
        return f"{self.council_id}:{self.version}"
