"""The session store and the backend read by written-out statements, and answer exactly as
Django's database sessions and ``ModelBackend`` do."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.utils import timezone

from stegvis.accounts.backends import AuthenticationBackend
from stegvis.accounts.sessions import SessionStore
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_settings_use_them():
    assert settings.SESSION_ENGINE == "stegvis.accounts.sessions"
    assert settings.AUTHENTICATION_BACKENDS[-1] == "stegvis.accounts.backends.AuthenticationBackend"


def test_a_saved_session_comes_back_whole_in_one_query(django_assert_num_queries):
    store = SessionStore()
    store["answer"] = {"list": [1, 2], "text": "Vänersborg"}
    store.create()
    again = SessionStore(store.session_key)
    with django_assert_num_queries(1):
        assert again["answer"] == {"list": [1, 2], "text": "Vänersborg"}
    assert again.session_key == store.session_key


def test_an_expired_session_is_not_loaded_and_its_key_is_not_reused():
    store = SessionStore()
    store["who"] = "someone"
    store.create()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    again = SessionStore(store.session_key)
    assert "who" not in again
    assert again.session_key is None
    again["who"] = "someone else"
    again.save()
    assert again.session_key != store.session_key


def test_an_unknown_key_gives_an_empty_session_and_a_new_key():
    store = SessionStore("x" * 32)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_a_tampered_session_is_empty():
    store = SessionStore()
    store["who"] = "someone"
    store.create()
    Session.objects.filter(pk=store.session_key).update(session_data="not:signed")
    assert "who" not in SessionStore(store.session_key)


def test_the_backend_reads_the_whole_account(django_assert_num_queries):
    user = f.UserFactory(display_name="Åsa Öberg")
    with django_assert_num_queries(1):
        read = AuthenticationBackend().get_user(user.pk)
    assert read == user
    for field in type(user)._meta.concrete_fields:
        assert getattr(read, field.attname) == getattr(user, field.attname), field.name


def test_the_backend_refuses_inactive_and_unknown_accounts():
    user = f.UserFactory(is_active=False)
    assert AuthenticationBackend().get_user(user.pk) is None
    assert AuthenticationBackend().get_user(user.pk + 1000) is None


def test_a_signed_in_request_gets_its_user_and_a_changed_password_signs_it_out(client):
    user = f.UserFactory()
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert request.session[SESSION_KEY] == str(user.pk)
    assert get_user(request) == user
    user.set_password("another-long-passphrase")
    user.save()
    request.session = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert not get_user(request).is_authenticated
