"""Logging in for real: Argon2 hashes, lockout, TOTP for administrators and HR, language."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from stegvis.accounts.services import person_grant_login
from tests import factories as f


def _login(client, email, password=f.PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_passwords_are_stored_as_argon2(db, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = f.UserFactory()
    assert identify_hasher(user.password).algorithm == "argon2"


def test_an_employee_logs_in_and_lands_on_the_start_page(cast, client):
    response = _login(client, cast.employee.email)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    page = client.get(reverse("portal:home"))
    assert "Anna" in page.content.decode()


def test_repeated_failures_lock_the_login(cast, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert _login(client, cast.employee.email, "wrong-password").status_code in (200, 429)
    locked = _login(client, cast.employee.email)  # right password, but locked now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_hr_must_give_a_totp_code_after_the_password(cast, client):
    response = _login(client, cast.hr.email)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(f.TOTP_SECRET, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.hr.user.pk)


def test_hr_without_a_second_factor_can_only_set_one_up(cast, client):
    user = f.UserFactory()
    f.grant(user, "hr", cast.uddevalla)
    assert _login(client, user.email).status_code == 302
    for url in (reverse("portal:home"), reverse("people:staff")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password once more before a second factor is set up.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": f.PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200 and b'name="code"' in page.content


def test_an_employee_is_not_asked_for_a_second_factor(cast, login):
    assert login(cast.employee).get(reverse("portal:home")).status_code == 200


def test_the_saved_language_follows_the_person_to_a_new_session(cast, client):
    cast.employee.preferred_language = "da"
    cast.employee.save()
    _login(client, cast.employee.email)
    page = client.get(reverse("people:me"))
    assert page["Content-Language"] == "da"
    assert "Min profil" in page.content.decode()  # Danish and Swedish agree on this one


def test_switching_language_is_remembered_for_anonymous_visitors(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get(reverse("account_login"))
    assert page["Content-Language"] == "en"
    assert "Log in to Stegvis" in page.content.decode()


def test_swedish_is_the_default_whatever_the_browser_asks(client, db):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "sv"


def test_a_person_from_hr_data_gets_a_login_and_an_invitation(
    cast, client, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(
        municipality=cast.uddevalla,
        first_name="Ny",
        last_name="Anställd",
        email="ny.anstalld@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        user = person_grant_login(actor=cast.hr.user, person=person, base_url="http://testserver/")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ny.anstalld@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if line.startswith("http"))
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    assert b'name="password1"' in response.content


def test_a_second_login_for_the_same_person_is_refused(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        person_grant_login(actor=cast.hr.user, person=cast.employee, base_url="http://x/")


def test_the_background_worker_delivers_queued_mail(cast, settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    person = f.PersonFactory(municipality=cast.uddevalla, email="kö@example.org")
    person_grant_login(actor=cast.hr.user, person=person, base_url="http://testserver/")
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert len(mail.outbox) == 1
