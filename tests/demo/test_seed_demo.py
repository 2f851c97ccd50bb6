import pytest
from django.core.management import call_command

from accounts.models import User
from films.models import Film
from guests.models import Registration, ScreenerView
from mentors.models import PanelMembership
from programs.models import CohortPartner, MilestoneDefinition
from screenings.models import Screening

pytestmark = pytest.mark.django_db


def table_counts() -> dict[str, int]:
    models = [Film, Screening, User, CohortPartner, MilestoneDefinition, PanelMembership]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_loads_the_article_program(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    archive = Film.objects.filter(cohort__slug="11th-bjiff").select_related("director", "producer")
    films = {
        f.title_en: (f.director.name_latin, f.producer and f.producer.name_latin) for f in archive
    }
    assert films == {
        "The Cage": ("Chen Linpeng", "Yang Cheng"),
        "Angle": ("Chen Yujia", None),
        "The Tiger Within": ("Huang Xiaopeng", "Chen Jie"),
        "Lausanne": ("Zhou Jinghao", "Fu Jia"),
    }
    assert set(archive.values_list("poster_status", flat=True)) == {Film.PosterStatus.READY}
    supervisor = PanelMembership.objects.get(cohort__slug="11th-bjiff", role="supervisor")
    assert supervisor.mentor.name_latin == "Leste Chen"
    partners = set(
        CohortPartner.objects.filter(cohort__slug="11th-bjiff").values_list(
            "partner__name_en", flat=True
        )
    )
    assert partners == {
        "CINERENT",
        "SOUNDFIRM",
        "Image Forestt",
        "Hao Vision",
        "Universal Production Music",
    }
    kinds = set(Screening.objects.filter(cohort__slug="11th-bjiff").values_list("kind", flat=True))
    assert kinds == {"premiere", "online"}
    assert "staff@talents.example" in capsys.readouterr().out


def test_seed_demo_invents_no_personal_facts_about_real_people(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")

    directors = Film.objects.filter(cohort__slug="11th-bjiff").values_list(
        "director__birth_year", "director__hometown_en", "director__hometown_zh"
    )
    assert set(directors) == {(None, "", "")}


def test_seed_demo_run_twice_creates_nothing_twice(capsys):
    call_command("seed_demo", "--no-posters")
    first = table_counts()

    call_command("seed_demo", "--no-posters")

    assert table_counts() == first
    assert "nothing created" in capsys.readouterr().out


def test_demo_premiere_has_registrations_in_every_state_and_a_waiting_list(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")
        call_command("seed_demo", "--no-posters")

    statuses = set(Registration.objects.values_list("status", flat=True))
    assert statuses == set(Registration.Status.values)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
    assert Registration.objects.filter(status=Registration.Status.WAITING).exists()
    assert Registration.objects.count() == 11
    assert ScreenerView.objects.count() == 4
