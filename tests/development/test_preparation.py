"""Preparing the dialogue: the questions in use, the self-assessment pre-filled from the
competence profile, drafts that stay private until submitted, and HR's own question set."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from stegvis.competences.models import CompetenceRecord, Item, LadderPlacement, LadderStep
from stegvis.core.models import AuditEvent
from stegvis.development import questions
from stegvis.development.models import Preparation, QuestionSet
from stegvis.development.services import dialogues as service
from stegvis.development.services import preparations
from tests import factories as f
from tests.development.test_dialogues_scenario import book

pytestmark = pytest.mark.django_db
EMPLOYEE_ONLY = "Vad är du mest nöjd med i ditt arbete?"
MANAGER_ONLY = "Vilka styrkor ser jag som chef hos medarbetaren?"


def _profile(cast) -> dict:
    """The employee lacks the title's education, has an unconfirmed hygiene requirement, is on
    the first ladder step (the second needs dementia care) and has a course about to expire."""
    model = f.competence_model(cast)
    ladder = model["ladder"]
    dementia = Item.objects.create(
        framework=model["common"], kind="competence", code="2.1", title="Demensvård"
    )
    step = LadderStep.objects.create(ladder=ladder, position=2, name="Van")
    step.package.add(dementia)
    LadderPlacement.objects.create(
        person=cast.employee, step=ladder.steps.get(position=1), since=datetime.date(2024, 1, 1)
    )
    lifting = Item.objects.create(
        framework=model["common"], kind="competence", code="3.1", title="Förflyttningsteknik"
    )
    CompetenceRecord.objects.create(
        person=cast.employee,
        item=lifting,
        item_identifier=lifting.identifier,
        kind="course",
        achieved_on=datetime.date(2023, 1, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    return {**model, "dementia": dementia, "lifting": lifting}


def _prepare_url(dialogue, person=None):
    url = reverse("development:prepare", args=[dialogue.pk])
    return f"{url}?person={person.pk}" if person else url


# -- what is asked --------------------------------------------------------------------------------


def test_self_assessment_is_prefilled_with_what_is_missing_or_expiring(cast):
    model = _profile(cast)
    with translation.override("en"):
        lines = {line.label: line for line in questions.assessment_lines(cast.employee)}
    assert "Vård- och omsorgsprogrammet" in lines  # the title's basic competence
    assert "Basic competence for Undersköterska" in lines["Vård- och omsorgsprogrammet"].reason
    assert "Basala hygienrutiner" in lines  # a requirement not met (awaiting confirmation)
    assert "Demensvård" in lines  # the next ladder step
    assert "Van" in lines["Demensvård"].reason
    assert "Förflyttningsteknik" in lines  # expiring within 90 days
    assert "Expires on" in lines["Förflyttningsteknik"].reason
    assert lines["Demensvård"].key == f"item:{model['dementia'].identifier}"


def test_nothing_missing_means_no_assessment_lines(cast):
    assert questions.assessment_lines(cast.colleague) == []


def test_default_questions_follow_the_municipalitys_language(cast):
    assert questions.questions_for(cast.uddevalla)[0].text.startswith("Hur har det")
    assert questions.questions_for(cast.randers)[0].text.startswith("Hvordan har det")
    employee = questions.for_role(questions.questions_for(cast.uddevalla), "employee")
    manager = questions.for_role(questions.questions_for(cast.uddevalla), "manager")
    assert EMPLOYEE_ONLY in {q.text for q in employee} - {q.text for q in manager}
    assert MANAGER_ONLY in {q.text for q in manager} - {q.text for q in employee}


def test_the_preparation_page_asks_the_employees_questions_and_the_missing_items(cast, login):
    _profile(cast)
    dialogue = book(cast)
    content = login(cast.employee).get(_prepare_url(dialogue)).content.decode()
    assert EMPLOYEE_ONLY in content and MANAGER_ONLY not in content
    for label in ("Vård- och omsorgsprogrammet", "Basala hygienrutiner", "Demensvård"):
        assert label in content
    manager_page = login(cast.manager).get(_prepare_url(dialogue, cast.employee))
    assert MANAGER_ONLY in manager_page.content.decode()
    assert manager_page.context["role"] == "manager"


# -- drafts and submissions -----------------------------------------------------------------------


def test_a_draft_stays_private_until_it_is_submitted(cast, login):
    _profile(cast)
    dialogue = book(cast)
    employee = login(cast.employee)
    data = {"q_0": "Ett lärorikt år", "level_0": "2", "note_0": "Vill gå kursen i vår"}
    assert employee.post(_prepare_url(dialogue), {**data, "draft": "1"}).status_code == 302
    preparation = Preparation.objects.get()
    assert preparation.role == "employee" and preparation.submitted_at is None
    dialogue_url = reverse("development:dialogue", args=[dialogue.pk])
    manager_sees = login(cast.manager).get(dialogue_url).content.decode()
    assert "Ett lärorikt år" not in manager_sees
    employee = login(cast.employee)
    assert "Ett lärorikt år" in employee.get(dialogue_url).content.decode()
    employee.post(_prepare_url(dialogue), {**data, "submit": "1"})
    preparation.refresh_from_db()
    assert preparation.submitted_at is not None
    manager_sees = login(cast.manager).get(dialogue_url).content.decode()
    assert "Ett lärorikt år" in manager_sees and "Vill gå kursen i vår" in manager_sees
    assert AuditEvent.objects.filter(action="development.preparation.submitted").count() == 1


def test_the_managers_draft_is_not_shown_to_the_employee(cast, login):
    dialogue = book(cast)
    manager = login(cast.manager)
    manager.post(_prepare_url(dialogue, cast.employee), {"q_0": "Stark i teamet", "draft": "1"})
    assert Preparation.objects.get().role == "manager"
    url = reverse("development:dialogue", args=[dialogue.pk])
    assert "Stark i teamet" in login(cast.manager).get(url).content.decode()
    assert "Stark i teamet" not in login(cast.employee).get(url).content.decode()
    login(cast.manager).post(_prepare_url(dialogue, cast.employee), {"q_0": "Stark", "submit": "1"})
    assert "Stark" in login(cast.employee).get(url).content.decode()


def test_hr_reads_no_preparations(cast, login):
    dialogue = book(cast)
    preparations.preparation_save(
        actor=cast.employee.user,
        dialogue=dialogue,
        person=cast.employee,
        role="employee",
        answers={"Fråga": "Mitt hemliga svar"},
        assessment={},
        submit=True,
    )
    response = login(cast.hr).get(reverse("development:dialogue", args=[dialogue.pk]))
    assert response.status_code == 200
    assert "Mitt hemliga svar" not in response.content.decode()


def test_answers_are_encrypted_at_rest(cast):
    dialogue = book(cast)
    preparations.preparation_save(
        actor=cast.employee.user,
        dialogue=dialogue,
        person=cast.employee,
        role="employee",
        answers={"Fråga": "Klartext som inte får synas"},
        assessment={"item:x": {"level": "3", "note": "Anteckning"}},
        submit=False,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, assessment FROM development_preparation")
        answers, assessment = cursor.fetchone()
    assert "Klartext" not in answers and "Anteckning" not in assessment
    assert preparations.stored(Preparation.objects.get().answers) == {
        "Fråga": "Klartext som inte får synas"
    }


def test_only_the_employee_and_the_holding_manager_prepare(cast):
    dialogue = book(cast)
    for actor, role in ((cast.colleague.user, "employee"), (cast.hr.user, "manager")):
        with pytest.raises(ValidationError):
            preparations.preparation_save(
                actor=actor,
                dialogue=dialogue,
                person=cast.employee,
                role=role,
                answers={},
                assessment={},
                submit=False,
            )


def test_a_held_dialogue_can_no_longer_be_prepared(cast, login):
    dialogue = book(cast, days=-1)
    service.dialogue_mark_held(actor=cast.manager.user, dialogue=dialogue)
    response = login(cast.employee).get(_prepare_url(dialogue))
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        preparations.preparation_save(
            actor=cast.employee.user,
            dialogue=dialogue,
            person=cast.employee,
            role="employee",
            answers={},
            assessment={},
            submit=True,
        )


def test_earlier_answers_survive_a_changed_question_set(cast, login):
    dialogue = book(cast)
    preparations.preparation_save(
        actor=cast.employee.user,
        dialogue=dialogue,
        person=cast.employee,
        role="employee",
        answers={"En fråga som inte längre ställs": "Mitt svar"},
        assessment={"item:gone": {"label": "Gammal kurs", "reason": "", "level": "1", "note": ""}},
        submit=False,
    )
    content = login(cast.employee).get(_prepare_url(dialogue)).content.decode()
    assert "En fråga som inte längre ställs" in content and "Mitt svar" in content
    assert "Gammal kurs" in content


# -- HR's own question set ------------------------------------------------------------------------


def _formset(rows: list[dict], initial: int) -> dict:
    data = {
        "action": "save",
        "title": "Uddevallas frågor",
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{number}-{key}"] = value
    return data


def test_hr_copies_the_default_questions_edits_them_and_goes_back(cast, login):
    client = login(cast.hr)
    url = reverse("development:questions")
    assert client.get(url).context["own"] is None
    response = client.post(url, {"action": "copy", "title": "Uddevallas frågor"})
    assert response.status_code == 302
    own = QuestionSet.objects.get(municipality=cast.uddevalla, active=True)
    assert own.questions.count() == len(questions.DEFAULT_QUESTIONS["sv"])
    rows = [
        {"text": "Vad har du lärt dig i år?", "help_text": "", "audience": "both", "order": "1"},
        {"text": "Ta bort mig", "help_text": "", "audience": "both", "order": "2", "DELETE": "on"},
        {"text": "", "help_text": "", "audience": "both", "order": ""},
    ]
    response = client.post(url, _formset(rows, initial=2))
    assert response.status_code == 302
    assert list(own.questions.values_list("text", flat=True)) == ["Vad har du lärt dig i år?"]
    dialogue = book(cast)
    content = login(cast.employee).get(_prepare_url(dialogue)).content.decode()
    assert "Vad har du lärt dig i år?" in content and EMPLOYEE_ONLY not in content
    login(cast.hr).post(url, {"action": "retire", "municipality": cast.uddevalla.pk})
    assert questions.active_set(cast.uddevalla) is None
    assert questions.questions_for(cast.uddevalla)[1].text == EMPLOYEE_ONLY
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"development.questions.copied", "development.questions.saved"} <= actions


def test_hr_of_another_municipality_cannot_change_uddevallas_questions(cast, login):
    with pytest.raises(ValidationError):
        preparations.question_set_copy_default(
            actor=cast.hr_other.user, municipality=cast.uddevalla, title="Nej"
        )
    login(cast.hr_other).post(
        reverse("development:questions"),
        {"action": "copy", "title": "Våra", "municipality": cast.uddevalla.pk},
    )
    assert QuestionSet.objects.get().municipality == cast.vanersborg
