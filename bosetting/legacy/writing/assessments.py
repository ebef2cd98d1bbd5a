"""Writing the assessment versions: numbered by saved date, the newest current, and no health
details kept in a version before the person withdrew their consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Subquery

from bosetting.cases.models import AssessmentVersion, Person

from .. import format as f
from ..models import LegacyReference
from ..states import at_noon, latest_assessments
from ..syncing import Item, chunks

if TYPE_CHECKING:
    from .writer import Writer

# Far above any real version number, so a shifted version meets no other on its way.
RENUMBERING_OFFSET = 1_000_000


def write_assessments(writer: Writer, persons: dict[str, int]) -> None:
    records = {record.legacy_id: record for record in writer.data.assessments}
    versions = latest_assessments(writer.data)
    items: list[Item] = []
    for person_id, history in versions.items():
        # As cases.actions.save_assessment does: a withdrawn consent takes the details of every
        # earlier version with it (docs/adr/0005), whatever the old system kept. So the history
        # is read from its newest version back.
        withdrawn_later = False
        newest_first: list[Item] = []
        for number in range(len(history), 0, -1):
            r = records[history[number - 1]]
            if r.health_details and withdrawn_later:
                writer.health_details_erased += 1
            newest_first.append(
                Item(
                    r.legacy_id,
                    {
                        "person_id": persons[person_id],
                        "number": number,
                        "saved_at": at_noon(r.saved_on),
                        "data": r.data,
                        "health_consent": r.health_consent,
                        "health_consent_date": r.health_consent_date,
                        "health_consent_taken_by": r.health_consent_taken_by,
                        "health_details": "" if withdrawn_later else r.health_details,
                    },
                )
            )
            withdrawn_later = withdrawn_later or not r.health_consent
        items += reversed(newest_first)
    _make_way_for_new_numbers(items)
    pks = writer.sync(f.ASSESSMENTS, AssessmentVersion, items)
    # Each person's newest version is their current one (cases.actions keeps it so too).
    current = {persons[p]: pks[history[-1]] for p, history in versions.items()}
    have = dict(
        Person.objects.filter(pk__in=list(current)).values_list("id", "current_assessment_id")
    )
    stale = [pk for pk, version in current.items() if have.get(pk) != version]
    newest = AssessmentVersion.objects.filter(person=OuterRef("pk")).order_by("-number")
    for chunk in chunks(stale):
        # One UPDATE per chunk; bulk_update would send a CASE with a branch per person.
        Person.objects.filter(pk__in=list(chunk)).update(
            current_assessment=Subquery(newest.values("pk")[:1])
        )


def _make_way_for_new_numbers(items: list[Item]) -> None:
    """Move the imported versions whose number changes out of the way of (person, number).

    A corrected saved date in a newer export reorders a person's versions: K1 becomes 1 while
    K1a, still 1, becomes 2. The update would meet the unique constraint half-way (per row on
    both databases), so those versions first step aside; the update then sets every number.
    """
    references = dict(
        LegacyReference.objects.filter(entity=f.ASSESSMENTS.entity).values_list(
            "legacy_id", "object_id"
        )
    )
    wanted = {
        references[item.legacy_id]: item.values["number"]
        for item in items
        if item.legacy_id in references
    }
    moving: list[int] = []
    for chunk in chunks(sorted(wanted)):
        moving += [
            pk
            for pk, number in AssessmentVersion.objects.filter(pk__in=list(chunk)).values_list(
                "pk", "number"
            )
            if number != wanted[pk]
        ]
    for chunk in chunks(moving):
        AssessmentVersion.objects.filter(pk__in=list(chunk)).update(
            number=F("number") + RENUMBERING_OFFSET
        )
