import factory
from django.db import transaction

from bosetting.audit.actions import record_event
from bosetting.audit.models import AuditEvent, EventType


class AuditEventFactory(factory.django.DjangoModelFactory):
    """Events are only ever appended through `record_event`, so the factory appends through it too."""

    class Meta:
        model = AuditEvent

    by = None
    event_type = EventType.USER_CREATED
    summary = factory.Sequence(lambda n: f"Hendelse nummer {n}")
    obj = None
    municipality = None
    details = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class: type[AuditEvent], *args: object, **kwargs: object) -> AuditEvent:
        with transaction.atomic():
            return record_event(**kwargs)  # type: ignore[arg-type]
