"""``own_person``: the signed-in user's own record, read once per user object."""

from __future__ import annotations

import pytest

from stegvis.accounts.models import User
from stegvis.people.selectors import forget_own_person, own_person
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_own_person_is_read_once_per_user_object(cast, django_assert_num_queries):
    user = User.objects.get(pk=cast.employee.user_id)
    with django_assert_num_queries(1):
        first = own_person(user)
        again = own_person(user)
    assert first == again == cast.employee
    assert first is again
    with django_assert_num_queries(1):  # read when first used, then kept
        assert first.municipality == cast.employee.municipality
        assert own_person(user).municipality.name == "Uddevalla"


def test_own_person_has_every_field_as_the_model_reads_it(cast):
    cast.employee.identity_number = "19800101-1234"  # encrypted at rest
    cast.employee.save()
    user = User.objects.get(pk=cast.employee.user_id)
    expected = type(cast.employee).objects.get(pk=cast.employee.pk)
    mine = own_person(user)
    for field in type(expected)._meta.concrete_fields:
        assert getattr(mine, field.attname) == getattr(expected, field.attname), field.name
    assert mine.identity_number == "19800101-1234"


def test_a_user_without_a_personal_record_has_none_and_asks_once(django_assert_num_queries):
    user = f.UserFactory()
    with django_assert_num_queries(1):
        assert own_person(user) is None
        assert own_person(user) is None


def test_forgetting_reads_the_record_again(cast, django_assert_num_queries):
    person = f.PersonFactory(municipality=cast.uddevalla)
    user = f.UserFactory()
    assert own_person(user) is None
    person.user = user
    person.save(update_fields=["user"])
    forget_own_person(user)
    with django_assert_num_queries(1):
        assert own_person(user) == person
