"""The append-only audit log. Each event carries the hash of the one before it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    LOGIN = "login", _("Innlogging")
    LOGIN_FAILED = "login_failed", _("Mislykket innlogging")
    LOCKOUT = "lockout", _("Bruker sperret etter mislykkede innlogginger")
    LOGOUT = "logout", _("Utlogging")
    SESSION_EXPIRED = "session_expired", _("Økten utløp")
    TOTP_ENROLLED = "totp_enrolled", _("Tofaktor aktivert")
    TOTP_FAILED = "totp_failed", _("Feil engangskode")
    RECOVERY_CODES_GENERATED = "recovery_codes_generated", _("Gjenopprettingskoder laget")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Tilbakestilling av passord bedt om")
    PASSWORD_CHANGED = "password_changed", _("Passord endret")
    USER_CREATED = "user_created", _("Bruker opprettet")
    USER_INVITED = "user_invited", _("Bruker invitert")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitasjon tatt i bruk")
    USER_ROLES_CHANGED = "user_roles_changed", _("Roller endret")
    USER_DEACTIVATED = "user_deactivated", _("Bruker deaktivert")
    USER_REACTIVATED = "user_reactivated", _("Bruker reaktivert")
    AGREEMENT_PUBLISHED = "agreement_published", _("Databehandleravtale publisert")
    AGREEMENT_SIGNED = "agreement_signed", _("Signert databehandleravtale registrert")
    ORGANISATION_CREATED = "organisation_created", _("Organisasjon opprettet")
    MUNICIPALITIES_LOADED = "municipalities_loaded", _("Kommuner lastet inn")
    # Annual requests and municipal decisions (planning).
    REQUEST_PREPARED = "request_prepared", _("Anmodning forberedt")
    REQUEST_SENT = "request_sent", _("Anmodning sendt")
    REQUEST_ADJUSTED = "request_adjusted", _("Anmodning justert")
    REQUEST_REMINDER_SENT = "request_reminder_sent", _("Påminnelse om vedtak sendt")
    REQUEST_LETTER_DOWNLOADED = "request_letter_downloaded", _("Anmodningsbrev lastet ned")
    REQUEST_LETTER_MADE_AGAIN = "request_letter_made_again", _("Anmodningsbrev lages på nytt")
    DECISION_DRAFT_SAVED = "decision_draft_saved", _("Utkast til vedtak lagret")
    DECISION_APPROVED = "decision_approved", _("Vedtak godkjent og sendt til IMDi")
    DECISION_ACKNOWLEDGED = "decision_acknowledged", _("Vedtak kvittert ut av IMDi")
    # Persons, cases and assessments (cases).
    PERSON_REGISTERED = "person_registered", _("Person registrert")
    PERSON_CHANGED = "person_changed", _("Personopplysninger endret")
    CASE_CREATED = "case_created", _("Sak opprettet")
    CASE_MEMBER_ADDED = "case_member_added", _("Person lagt til i sak")
    CASE_MEMBER_REMOVED = "case_member_removed", _("Person fjernet fra sak")
    CASE_STATE_CHANGED = "case_state_changed", _("Sakens status endret")
    ASSESSMENT_SAVED = "assessment_saved", _("Kartlegging lagret")
    HEALTH_CONSENT_RECORDED = (
        "health_consent_recorded",
        _("Samtykke til helseopplysninger registrert"),
    )
    HEALTH_DETAILS_READ = "health_details_read", _("Helseopplysninger lest")
    HEALTH_DETAILS_ERASED = "health_details_erased", _("Helseopplysninger slettet")
    PERSON_SEARCHED = "person_searched", _("Søk etter person")
    PERSON_FILE_VIEWED = "person_file_viewed", _("Personmappe åpnet")
    DOCUMENT_UPLOADED = "document_uploaded", _("Dokument lastet opp")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Dokument lastet ned")
    NOTE_ADDED = "note_added", _("Notat skrevet")
    # Distribution: proposals, answers, settlement decisions.
    PROPOSAL_CREATED = "proposal_created", _("Forespørsel opprettet")
    PROPOSAL_CHANGED = "proposal_changed", _("Forespørsel endret")
    PROPOSAL_SENT = "proposal_sent", _("Forespørsel sendt til kommunen")
    PROPOSAL_CASE_WITHDRAWN = "proposal_case_withdrawn", _("Sak trukket fra forespørsel")
    PROPOSAL_CASE_ANSWERED = "proposal_case_answered", _("Kommunen svarte på en sak")
    PROPOSAL_ANSWERED = "proposal_answered", _("Forespørsel besvart")
    PROPOSAL_EXPIRED = "proposal_expired", _("Svarfristen for forespørsel gikk ut")
    PROPOSAL_REMINDER_SENT = "proposal_reminder_sent", _("Påminnelse om forespørsel sendt")
    SETTLEMENT_DECIDED = "settlement_decided", _("Vedtak om bosettingskommune fattet")
    DECISION_LETTER_DOWNLOADED = "decision_letter_downloaded", _("Vedtaksbrev lastet ned")
    DECISION_LETTER_MADE_AGAIN = "decision_letter_made_again", _("Vedtaksbrev lages på nytt")
    # Distribution plans (matching).
    PLAN_RUN_STARTED = "plan_run_started", _("Fordelingsforslag startet")
    PLAN_RUN_FINISHED = "plan_run_finished", _("Fordelingsforslag beregnet")
    PLAN_RUN_FAILED = "plan_run_failed", _("Fordelingsforslag feilet")
    PLAN_ASSIGNMENT_MOVED = "plan_assignment_moved", _("Sak flyttet i fordelingsforslag")
    PLAN_PROPOSALS_MADE = "plan_proposals_made", _("Forespørsler laget fra fordelingsforslag")
    # Letter templates (letters).
    LETTER_TEMPLATE_SAVED = "letter_template_saved", _("Brevmal lagret i ny versjon")
    LETTER_TRANSLATION_ADDED = "letter_translation_added", _("Oversettelse av brevmal lagt til")
    # Settlement and reports.
    SETTLEMENT_REGISTERED = "settlement_registered", _("Bosettingsdato registrert")
    SETTLEMENT_CORRECTED = "settlement_corrected", _("Bosettingsdato rettet")
    SETTLEMENT_REMINDER_SENT = "settlement_reminder_sent", _("Påminnelse om bosettingsdato sendt")
    REPORT_EXPORTED = "report_exported", _("Rapport eksportert")
    # Integration API.
    API_CLIENT_CREATED = "api_client_created", _("API-klient opprettet")
    API_CLIENT_REVOKED = "api_client_revoked", _("API-klient tilbakekalt")
    # Transfer from the old system.
    LEGACY_IMPORTED = "legacy_imported", _("Data overført fra det gamle systemet")
    # Archive packages (archive).
    ARCHIVE_PACKAGE_DOWNLOADED = "archive_package_downloaded", _("Arkivpakke lastet ned")
    # Distribution plans (matching), added later.
    NEEDS_PROFILE_SAVED = "needs_profile_saved", _("Kommunens profil for særskilte behov lagret")
    PLAN_RUN_INTERRUPTED = "plan_run_interrupted", _("Fordelingsforslag avbrutt")
    PLAN_RUN_RESTARTED = "plan_run_restarted", _("Fordelingsforslag startet på nytt")
    # The request formula (requestformula).
    POPULATION_LOADED = "population_loaded", _("Folketall lastet inn")
    NATIONAL_NUMBERS_SAVED = "national_numbers_saved", _("Nasjonale tall for anmodninger lagret")
    REQUEST_FORMULA_SAVED = "request_formula_saved", _("Ny versjon av formelen for anmodninger")
    # Login with Ansattporten (accounts.ansattporten).
    ANSATTPORTEN_LOGIN = "ansattporten_login", _("Innlogging med Ansattporten")
    ANSATTPORTEN_REFUSED = "ansattporten_refused", _("Innlogging med Ansattporten avvist")
    ORGANISATION_NUMBER_CHANGED = "organisation_number_changed", _("Organisasjonsnummer endret")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("Hendelsesloggen kan ikke endres.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Hendelsesloggen kan ikke slettes.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruker"),
    )
    # The name as it was, so the log reads right after a user is renamed; also names systems.
    actor_label = models.CharField(_("utført av"), max_length=200)
    actor_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # No `choices` here: new event types must not need a migration. record_event takes an EventType.
    event_type = models.CharField(_("hendelse"), max_length=40)
    summary = models.CharField(_("sammendrag"), max_length=500)
    object_type = models.CharField(_("objekttype"), max_length=60, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=60, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
    )
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    # The case an event is about, also when its object is a person, document or note in it:
    # the log follows one case by this column («Saksnummer»). Empty for events about no case.
    case_reference = models.CharField(_("saksnummer"), max_length=12, blank=True, default="")
    details = models.JSONField(_("detaljer"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    # Unique by a constraint rather than `unique=True`: on PostgreSQL that would add a second,
    # pattern-matching index of the same size (156 MB for 1.3 million events) that no query uses.
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["municipality", "-occurred_at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["event_type", "-occurred_at"]),
            # Most events are about no case: only those about one are indexed.
            models.Index(
                fields=["case_reference", "-id"],
                condition=~models.Q(case_reference=""),
                name="auditevent_case_idx",
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="auditevent_hash_unique")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d.%m.%Y %H:%M} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("Hendelsesloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Hendelsesloggen kan ikke slettes.")

    @property
    def event_type_label(self) -> str:
        try:
            return str(EventType(self.event_type).label)
        except ValueError:
            return self.event_type

    def compute_hash(self) -> str:
        return chain_hash(self.previous_hash, self.canonical_content())

    def canonical_content(self) -> str:
        """Every field that matters, in a fixed form: what the hash seals."""
        return canonical_content(
            occurred_at=self.occurred_at.isoformat(),
            actor=self.actor_id,
            actor_label=self.actor_label,
            actor_organisation=self.actor_organisation_id,
            event_type=self.event_type,
            summary=self.summary,
            object_type=self.object_type,
            object_id=self.object_id,
            municipality=self.municipality_id,
            ip_address=self.ip_address,
            details=self.details,
            case_reference=self.case_reference,
        )


def canonical_content(*, case_reference: str, **fields: Any) -> str:
    """The sealed form of an event's fields (named as in AuditEvent.canonical_content): also for
    writers that chain events without a model instance per event."""
    content: dict[str, Any] = fields
    # Sealed when set. Events about no case, and every event written before the column
    # existed, keep the content they were sealed with, so existing chains still verify (ADR 4).
    if case_reference:
        content["case_reference"] = case_reference
    return json.dumps(
        content,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


GENESIS_HASH = "0" * 64


def chain_hash(previous_hash: str, content: str) -> str:
    return hashlib.sha256(f"{previous_hash}\n{content}".encode()).hexdigest()
