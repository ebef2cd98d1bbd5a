"""Forms of the work list, proposals, answers and settlement decisions."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosetting.cases.assessment import SpecialNeed
from bosetting.cases.forms import CentreChoiceField
from bosetting.cases.models import Case, CaseState, Category
from bosetting.core.forms import QuickSelect
from bosetting.organisations.fields import MunicipalityChoiceField
from bosetting.organisations.models import County, ReceptionCentre
from bosetting.planning.forms import date_field

from .models import Proposal, ProposedCase
from .queries import ProposalSort, WorkListSort

DEFAULT_ANSWER_DAYS = 7


class CountyChoiceField(forms.ModelChoiceField[County]):
    def label_from_instance(self, obj: County) -> str:
        return obj.name


class _ProposalOptions(forms.models.ModelChoiceIterator):
    """The open proposals as plain rows: a model instance and a translated state per option cost
    about 0.1 ms each, with hundreds of open proposals on the national work list."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        states = {value: str(label).lower() for value, label in Proposal.State.choices}
        template = str(_("%(reference)s til %(municipality)s (%(state)s)"))
        rows = self.queryset.values_list("pk", "municipality__name", "state")
        for pk, municipality, state in rows:
            yield (
                pk,
                template
                % {
                    "reference": Proposal(pk=pk).reference,
                    "municipality": municipality,
                    "state": states[state],
                },
            )


class ProposalChoiceField(forms.ModelChoiceField[Proposal]):
    iterator = _ProposalOptions
    widget = QuickSelect


class WorkListFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kategori"), choices=[("", _("Alle kategorier")), *Category.choices], required=False
    )
    household_size = forms.IntegerField(
        label=_("Antall personer"), min_value=1, max_value=30, required=False
    )
    special_need = forms.ChoiceField(
        label=_("Særskilte behov"),
        choices=[
            ("", _("Alle")),
            *[(value, label) for value, label in SpecialNeed.choices if value != SpecialNeed.NONE],
        ],
        required=False,
    )
    wished_county = CountyChoiceField(
        label=_("Ønsket fylke"),
        queryset=County.objects.order_by("number"),
        required=False,
        empty_label=_("Alle"),
    )
    wished_municipality = MunicipalityChoiceField(
        label=_("Ønsket kommune"),
        by_name=True,
        required=False,
        empty_label=_("Alle"),
    )
    min_days_waiting = forms.IntegerField(
        label=_("Ventet minst (dager)"), min_value=0, max_value=3650, required=False
    )
    centre = CentreChoiceField(
        label=_("Mottak"),
        queryset=ReceptionCentre.objects.order_by("name"),
        required=False,
        empty_label=_("Alle mottak"),
    )
    sort = forms.ChoiceField(label=_("Sorter etter"), choices=WorkListSort.choices, required=False)

    def query_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = ("category", "household_size", "special_need", "min_days_waiting", "centre", "sort")
        arguments: dict[str, Any] = {
            key: data[key] for key in keys if data.get(key) not in (None, "")
        }
        if data.get("wished_county"):
            arguments["wished_county"] = data["wished_county"].number
        if data.get("wished_municipality"):
            arguments["wished_municipality"] = data["wished_municipality"].number
        return arguments


def default_deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DEFAULT_ANSWER_DAYS)


class ProposalBuildForm(forms.Form):
    """The work list's selection: into a new proposal to a municipality, or an open one."""

    cases = forms.ModelMultipleChoiceField(
        label=_("Saker"),
        queryset=Case.objects.filter(state=CaseState.READY),
        error_messages={"required": _("Velg minst én sak i listen.")},
    )
    proposal = ProposalChoiceField(
        label=_("Legg til i åpen forespørsel"),
        queryset=Proposal.objects.filter(state__in=[Proposal.State.DRAFT, Proposal.State.SENT])
        .select_related("municipality")
        .order_by("-pk"),
        required=False,
        empty_label=_("Ny forespørsel"),
    )
    municipality = MunicipalityChoiceField(
        label=_("Kommune (ny forespørsel)"),
        by_name=True,
        required=False,
        empty_label=_("Velg kommune"),
    )
    deadline = date_field(_("Svarfrist (ny forespørsel)"), required=False)
    message = forms.CharField(
        label=_("Melding til kommunen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skriv ikke navn eller andre personopplysninger: meldingen går på e-post."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deadline"].initial = default_deadline

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("proposal") is None:
            if data.get("municipality") is None:
                self.add_error("municipality", _("Velg kommunen forespørselen skal til."))
            deadline = data.get("deadline")
            if deadline is None:
                self.add_error("deadline", _("Skriv svarfristen."))
            elif deadline < timezone.localdate():
                self.add_error("deadline", _("Svarfristen kan ikke være tilbake i tid."))
        return data


class SendForm(forms.Form):
    confirm_over_capacity = forms.BooleanField(
        label=_("Send likevel, selv om kommunen ikke har ledige plasser til alle"), required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor trekkes saken tilbake?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProposalListForm(forms.Form):
    """The municipality's proposals: which to show and in what order. Drafts are never shown."""

    state = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Alle")),
            *[(value, label) for value, label in Proposal.State.choices if value != "draft"],
        ],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sorter etter"), choices=ProposalSort.choices, required=False)

    def query_arguments(self) -> dict[str, Any]:
        """The valid choices for `queries.own_proposals`: an invalid one is shown with its
        message next to its field and left out."""
        self.is_valid()
        return {key: value for key, value in getattr(self, "cleaned_data", {}).items() if value}


ANSWER_CHOICES = [("ja", _("Ja, vi kan bosette husstanden")), ("nei", _("Nei"))]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Svar"), choices=ANSWER_CHOICES, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label=_("Begrunnelse for nei"),
        choices=[("", _("Velg begrunnelse")), *ProposedCase.DeclineReason.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Utdyping"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Må fylles ut ved «Annen grunn»."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "nei":
            if not data.get("reason"):
                self.add_error("reason", _("Velg en begrunnelse når dere svarer nei."))
            elif (
                data["reason"] == ProposedCase.DeclineReason.OTHER
                and not data.get("comment", "").strip()
            ):
                self.add_error("comment", _("Skriv hvilken annen grunn det er."))
        return data


class DecideForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("Saker"),
        queryset=ProposedCase.objects.filter(answer=ProposedCase.Answer.ACCEPTED),
        error_messages={"required": _("Velg minst én sak.")},
    )
    decided_on = date_field(_("Vedtaksdato"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate

    def clean_decided_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["decided_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Vedtaksdatoen kan ikke være frem i tid."))
        return value
