"""factory_boy factories for the domain models."""

from __future__ import annotations

import datetime

import factory
from allauth.mfa.totp.internal.auth import TOTP

from stegvis.accounts.models import User
from stegvis.organisations.models import (
    Municipality,
    OperatingArea,
    Region,
    RoleAssignment,
    Unit,
    UnitPlacement,
)
from stegvis.people.identity import identity_number_hash
from stegvis.people.models import Employment, JobTitle, Person

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kommun {n}")
    code = factory.Sequence(lambda n: f"9{n:03d}")


class OperatingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatingArea
        django_get_or_create = ("municipality", "kind")

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = OperatingArea.Kind.ELDER_CARE
    name = factory.LazyAttribute(lambda o: str(OperatingArea.Kind(o.kind).label))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    operating_area = factory.SubFactory(OperatingAreaFactory)
    municipality = factory.LazyAttribute(lambda o: o.operating_area.municipality)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = Unit.Kind.CARE_HOME
    opened_on = datetime.date(2010, 1, 1)

    @factory.post_generation
    def placement(self, create, extracted, **kwargs):
        if create:
            UnitPlacement.objects.create(
                unit=self, operating_area=self.operating_area, valid_from=self.opened_on
            )


class JobTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobTitle
        django_get_or_create = ("region", "code")

    region = factory.SubFactory(RegionFactory)
    code = "underskoterska"
    name = "Undersköterska"
    area_kind = OperatingArea.Kind.ELDER_CARE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(
        lambda o: o.municipality.region if o.municipality else RegionFactory()
    )
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@example.org".lower())
    profession_start_date = datetime.date(2020, 1, 1)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    job_title = factory.LazyAttribute(lambda o: JobTitleFactory(region=o.unit.municipality.region))
    extent_percent = 100
    start_date = datetime.date(2021, 3, 1)


def with_identity_number(person: Person, number: str) -> Person:
    person.identity_number = number
    person.identity_number_hash = identity_number_hash(number)
    person.save()
    return person


def login_for(person: Person, email: str | None = None) -> User:
    user = UserFactory(email=email or person.email, display_name=person.full_name)
    person.user = user
    person.save(update_fields=["user"])
    return user


def grant(user: User, role: str, scope) -> RoleAssignment:
    field = {Unit: "unit", Municipality: "municipality", Region: "region"}[type(scope)]
    return RoleAssignment.objects.create(
        user=user, role=role, valid_from=datetime.date(2020, 1, 1), **{field: scope}
    )


def with_totp(user: User) -> User:
    TOTP.activate(user, TOTP_SECRET)
    return user


def competence_model(cast):
    """A small published regional framework, a municipal draft, a ladder and a record entry."""
    import datetime as dt

    from django.utils import timezone

    from stegvis.competences.models import CompetenceRecord, Framework, Item, Ladder, LadderStep

    common = Framework.objects.create(
        region=cast.region,
        title="Grundläggande kunskaper",
        published_at=timezone.now(),
        valid_from=dt.date(2024, 1, 1),
    )
    area = Item.objects.create(framework=common, kind="area", code="1", title="Hygien")
    hygiene = Item.objects.create(
        framework=common, parent=area, kind="competence", code="1.1", title="Basala hygienrutiner"
    )
    draft = Framework.objects.create(municipality=cast.uddevalla, title="Uddevallas tillägg")
    draft_item = Item.objects.create(framework=draft, kind="competence", code="U1", title="Lokalt")
    ladder = Ladder.objects.create(region=cast.region, title="Kompetenstrappa")
    step = LadderStep.objects.create(ladder=ladder, position=1, name="Nyexaminerad")
    step.package.add(hygiene)
    entry = CompetenceRecord.objects.create(
        person=cast.employee,
        item=hygiene,
        item_identifier=hygiene.identifier,
        kind="self_assessed",
        achieved_on=dt.date(2025, 1, 1),
    )
    from stegvis.competences.models import BasicCompetenceRule, Requirement
    from stegvis.people.models import JobTitle

    requirement = Requirement.objects.create(
        region=cast.region,
        item=hygiene,
        item_identifier=hygiene.identifier,
        applies_to="area",
        area_kind="elder_care",
        reason="law",
        valid_from=dt.date(2024, 1, 1),
    )
    title = JobTitle.objects.get(region=cast.region, code="underskoterska")
    rule = BasicCompetenceRule.objects.create(
        job_title=title,
        kind="education",
        code="vard-och-omsorgsprogrammet",
        description="Vård- och omsorgsprogrammet",
    )
    return {
        "common": common,
        "hygiene": hygiene,
        "draft": draft,
        "draft_item": draft_item,
        "ladder": ladder,
        "entry": entry,
        "requirement": requirement,
        "title": title,
        "rule": rule,
    }


def english(client):
    """Pages in English for a signed-in test client, whatever the person's saved language.

    Signing in restores the person's language into the session, which wins over a cookie and
    over ``translation.override``; tests that read English text set the session instead.
    """
    from stegvis.core.middleware import SESSION_LANGUAGE_KEY

    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client
