"""The old system's ids, kept beside what an import created from them, so a re-run finds its rows."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyReference(models.Model):
    """One row of the old system (`entity`, `legacy_id`) and the row it became here.

    Other apps' models carry no legacy id: the mapping lives here, so the import is the only
    code that knows the old system existed.
    """

    entity = models.CharField(_("fil"), max_length=40)  # the file's name without ".csv"
    legacy_id = models.CharField(_("id i det gamle systemet"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(_("importert"))

    class Meta:
        verbose_name = _("referanse til det gamle systemet")
        verbose_name_plural = _("referanser til det gamle systemet")
        constraints = [
            models.UniqueConstraint(fields=["entity", "legacy_id"], name="legacy_id_once_per_file")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.entity}:{self.legacy_id}"
