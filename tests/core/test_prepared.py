"""``core.prepared``: a queryset compiled once per shape answers exactly as the ORM does."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q

from stegvis.core.prepared import prepared
from stegvis.people.models import Employment, Person
from tests import factories as f

pytestmark = pytest.mark.django_db

built: list[tuple] = []


@prepared
def employments(person_ids, on, *, related=("unit__municipality",)):
    built.append((person_ids, on, related))
    return (
        Employment.objects.filter(person_id__in=person_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)
        .select_related(*related)
        .order_by("person_id", "id")
    )


@prepared
def names(person_ids, last_name):
    return (
        Person.objects.filter(pk__in=person_ids, last_name=last_name)
        .order_by("pk")
        .values_list("pk", "first_name")
    )


@prepared
def people_with_employments(person_ids):
    return (
        Person.objects.filter(pk__in=person_ids)
        .order_by("pk")
        .prefetch_related(Prefetch("employments", queryset=Employment.objects.order_by("id")))
    )


@prepared
def ignores_its_value(person_id):
    return Person.objects.order_by("pk")


@pytest.fixture
def staff():
    unit = f.UnitFactory()
    people = [f.PersonFactory(municipality=unit.municipality) for _ in range(4)]
    for person in people:
        f.EmploymentFactory(person=person, unit=unit, start_date=datetime.date(2020, 1, 1))
    f.EmploymentFactory(
        person=people[0],
        unit=unit,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    return people


def _orm(person_ids, on):
    return list(
        Employment.objects.filter(person_id__in=person_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)
        .select_related("unit__municipality")
        .order_by("person_id", "id")
    )


def test_the_rows_are_the_orms_for_every_set_of_values(staff, django_assert_num_queries):
    ids = [p.pk for p in staff]
    built.clear()
    for chosen, on in (
        (ids[:2], datetime.date(2021, 1, 1)),
        (ids[2:], datetime.date(2021, 1, 1)),  # same shape, other values
        (ids[:2], datetime.date(2019, 6, 1)),  # the ended employment, the others not yet
        ({ids[1], ids[0], ids[0]}, datetime.date(2019, 6, 1)),  # a set, a duplicate
    ):
        with django_assert_num_queries(1):
            got = employments(chosen, on)
            assert [e.unit.municipality.name for e in got]  # joined, no query
        assert got == _orm(chosen, on)
    assert len(built) == 1  # one shape (two ids and a date): built and compiled once


def test_another_list_length_or_structure_is_another_statement(staff):
    ids = [p.pk for p in staff]
    built.clear()
    on = datetime.date(2021, 1, 1)
    assert employments(ids, on) == _orm(ids, on)
    assert employments(ids[:1], on) == _orm(ids[:1], on)
    assert employments(ids[:3], on) == _orm(ids[:3], on)  # padded to four: the same statement
    by_title = employments(ids, on, related=("job_title",))
    assert [e.job_title.name for e in by_title] == [e.job_title.name for e in _orm(ids, on)]
    assert len(built) == 3


def test_values_lists_and_strings(staff):
    ids = [p.pk for p in staff]
    wanted = staff[2]
    assert names(ids, wanted.last_name) == [(wanted.pk, wanted.first_name)]
    assert names(ids, "nobody") == []


def test_prefetches_are_done(staff, django_assert_num_queries):
    ids = [p.pk for p in staff]
    with django_assert_num_queries(2):
        people = people_with_employments(ids)
        counts = [len(p.employments.all()) for p in people]
    assert counts == [2, 1, 1, 1]


def test_an_empty_list_runs_through_the_orm():
    assert employments([], datetime.date(2021, 1, 1)) == []


def test_a_value_the_statement_does_not_use_is_refused(staff):
    with pytest.raises(ImproperlyConfigured, match="each of its values"):
        ignores_its_value(staff[0].pk)


def test_values_of_other_kinds_are_refused():
    with pytest.raises(TypeError):
        names([1], 2.5)
    with pytest.raises(TypeError):
        employments([1], datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC))


@prepared
def frameworks_by_identifier(identifiers):
    from stegvis.competences.models import Framework

    return Framework.objects.filter(identifier__in=identifiers).order_by("pk")


def test_uuids_are_values_too(cast):
    from stegvis.competences.models import Framework

    first = Framework.objects.create(municipality=cast.uddevalla, title="Ett")
    second = Framework.objects.create(municipality=cast.uddevalla, title="Två")
    Framework.objects.create(municipality=cast.uddevalla, title="Tre")
    assert frameworks_by_identifier([second.identifier]) == [second]
    assert frameworks_by_identifier({first.identifier, second.identifier}) == [first, second]


@prepared
def person_by_pk(pk, *, label: str):
    return Person.objects.filter(pk=pk)


def test_the_statements_kept_are_bounded(staff):
    from stegvis.core.prepared import MAX_SHAPES

    for n in range(MAX_SHAPES + 10):
        assert person_by_pk(staff[0].pk, label=f"shape {n}") == [staff[0]]
    assert person_by_pk.compiled_here() == MAX_SHAPES
    assert person_by_pk(staff[1].pk, label="shape 0") == [staff[1]]  # dropped, compiled again


@pytest.mark.django_db(transaction=True)
def test_threads_each_compile_on_their_own_connection_and_agree():
    import threading

    from django.db import connections

    unit = f.UnitFactory()
    people = [f.PersonFactory(municipality=unit.municipality) for _ in range(2)]
    answers: dict[int, list] = {}
    failures: list[BaseException] = []

    def ask(person):
        try:
            answers[person.pk] = [names([person.pk], person.last_name) for _ in range(30)]
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for person in people:
        assert answers[person.pk] == [[(person.pk, person.first_name)]] * 30


def test_none_in_a_list_is_left_out_as_the_orm_leaves_it_out(staff):
    ids = [p.pk for p in staff]
    on = datetime.date(2021, 1, 1)
    assert employments([None, ids[0]], on) == _orm([ids[0]], on)
    assert employments([None], on) == []  # nothing left: the plain ORM answers
