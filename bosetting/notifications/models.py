"""In-app notifications. E-mail copies are sent by the task worker (tasks.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    url = models.CharField(_("lenke"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    read_at = models.DateTimeField(_("lest"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sendt på e-post"), null=True, blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
