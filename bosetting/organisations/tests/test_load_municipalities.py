from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.actions import LoadResult, load_municipalities
from bosetting.organisations.models import County, Municipality, Organisation


def test_loads_every_municipality_and_county(db):
    result = load_municipalities()

    assert result == LoadResult(
        counties_created=15, municipalities_created=357, municipalities_renamed=0
    )
    assert Municipality.objects.count() == 357
    assert County.objects.count() == 15
    bergen = Municipality.objects.select_related("county", "organisation").get(number="4601")
    assert bergen.name == "Bergen"
    assert (bergen.county.number, bergen.county.name) == ("46", "Vestland")
    assert bergen.organisation.kind == Organisation.Kind.MUNICIPALITY
    assert Municipality.objects.get(number="0301").county.number == "03"


def test_running_twice_changes_nothing_and_is_logged_once(db):
    load_municipalities()
    snapshot = list(Municipality.objects.values_list("pk", "number", "name", "county_id"))

    second = load_municipalities()

    assert second == LoadResult(
        counties_created=0, municipalities_created=0, municipalities_renamed=0
    )
    assert list(Municipality.objects.values_list("pk", "number", "name", "county_id")) == snapshot
    assert Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count() == 357
    assert AuditEvent.objects.filter(event_type=EventType.MUNICIPALITIES_LOADED).count() == 1
