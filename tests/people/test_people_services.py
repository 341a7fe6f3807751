import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.people import services
from stegvis.people.models import Person

D = datetime.date


def test_person_without_login_is_created_with_an_encrypted_identity_number(cast):
    person = services.person_create(
        actor=cast.hr.user,
        region=cast.region,
        municipality=cast.uddevalla,
        first_name="Ebba",
        last_name="Ström",
        identity_number="199001020016",
    )
    assert person.user is None
    assert person.identity_number == "19900102-0016"
    assert person.masked_identity_number == "19900102-****"
    with connection.cursor() as cursor:
        cursor.execute("SELECT identity_number FROM people_person WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert "19900102" not in stored and len(stored) > 40
    event = AuditEvent.objects.get(action="people.person.created", target_id=person.pk)
    assert "0016" not in str(event.data)


def test_duplicate_identity_numbers_are_refused(cast):
    with translation.override("en"), pytest.raises(ValidationError, match="already"):
        services.person_create(
            actor=cast.hr.user,
            region=cast.region,
            municipality=cast.uddevalla,
            first_name="A",
            last_name="B",
            identity_number="19900101-0017",
        )


def test_bad_identity_number_is_a_clear_error_and_nothing_is_saved(cast):
    before = Person.objects.count()
    with translation.override("en"), pytest.raises(ValidationError, match="check digit"):
        services.person_create(
            actor=cast.hr.user,
            region=cast.region,
            municipality=cast.uddevalla,
            first_name="A",
            last_name="B",
            identity_number="19900101-0018",
        )
    assert Person.objects.count() == before


def test_moving_an_employment_keeps_both_rows_and_records_who(cast):
    employment = cast.employee.employments.get()
    moved = services.employment_move(
        actor=cast.hr.user, employment=employment, unit=cast.linden, on=D(2025, 3, 1)
    )
    employment.refresh_from_db()
    assert employment.end_date == D(2025, 2, 28)
    assert (moved.unit, moved.start_date, moved.job_title) == (
        cast.linden,
        D(2025, 3, 1),
        employment.job_title,
    )
    event = AuditEvent.objects.get(action="people.employment.moved")
    assert event.actor == cast.hr.user
    with translation.override("en"):
        assert event.describe() == "Moved from Solgården to Gruppbostad Linden on 2025-03-01"


def test_employment_cannot_end_before_it_starts(cast):
    employment = cast.employee.employments.get()
    with pytest.raises(ValidationError):
        services.employment_end(actor=cast.hr.user, employment=employment, end_date=D(2000, 1, 1))


def test_person_update_records_which_fields_changed_without_values_of_the_number(cast):
    services.person_update(
        actor=cast.hr.user,
        person=cast.employee,
        phone="0701-234567",
        identity_number="19900102-0016",
    )
    event = AuditEvent.objects.get(action="people.person.updated")
    assert event.data["fields"] == "personal identity number, phone"
    assert "0016" not in str(event.data)


def test_identity_numbers_never_reach_the_log(caplog):
    from stegvis.core.logging import RedactIdentityNumbers

    logger = logging.getLogger("stegvis.test")
    handler_filter = RedactIdentityNumbers()
    record = logger.makeRecord(
        "x", logging.INFO, "f", 1, "lookup %s failed", ("19900101-0017",), None
    )
    handler_filter.filter(record)
    assert "0017" not in record.getMessage()
    assert "[redacted]" in record.getMessage()


def test_language_choice_is_saved_on_the_person(cast, login):
    client = login(cast.employee)
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    cast.employee.refresh_from_db()
    assert cast.employee.preferred_language == "da"


def test_person_page_shows_who_changed_roles_and_employments(cast, login):
    from stegvis.organisations.services import role_grant

    role_grant(
        actor=cast.admin.user,
        user=cast.employee.user,
        role="course_leader",
        scope_object=cast.uddevalla,
    )
    services.employment_move(
        actor=cast.hr.user,
        employment=cast.employee.employments.get(),
        unit=cast.linden,
        on=D(2025, 3, 1),
    )
    page = login(cast.hr).get(f"/people/{cast.employee.pk}/").content.decode()
    assert "Alex Admin" in page and "Hanna Ek" in page  # the actors, by name
    assert "Gruppbostad Linden" in page
    # The employee sees their own page but not the audit history.
    own = login(cast.employee).get(f"/people/{cast.employee.pk}/").content.decode()
    assert "Alex Admin" not in own
