"""On PostgreSQL the audit table itself refuses UPDATE and DELETE, whoever asks.

The model refuses them too (AuditEvent.save/delete and its queryset), but that protects only the
application's own code paths. A trigger makes the database refuse a changed or removed event from
any client; only a superuser who disables the trigger gets past it, and the hash chain and its
signed checkpoint (verify_audit_log --checkpoint) then show what was done. TRUNCATE, which the
test suite uses to empty tables, fires no row trigger.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Hendelsesloggen kan ikke endres eller slettes (%%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_event_type_without_choices")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
