import factory
from django.utils import timezone

from alumni.models import AlumniEntry, EntryKind
from talents.models import Enrollment
from tests.factories.films import FilmFactory


class AlumniEntryFactory(factory.django.DjangoModelFactory):
    """An approved, consented festival selection of a director's program film."""

    class Meta:
        model = AlumniEntry

    film = factory.SubFactory(FilmFactory)
    talent = factory.LazyAttribute(lambda o: o.film.director)
    cohort = factory.LazyAttribute(lambda o: o.film.cohort)
    kind = EntryKind.SELECTION
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    festival_en = "Short Film Festival"
    festival_zh = "短片电影节"
    section_en = "International Competition"
    status = AlumniEntry.Status.APPROVED
    publish = True


def graduate(film) -> None:
    """The film's director graduated from the film's cohort: an alumnus."""
    Enrollment.objects.filter(talent=film.director, cohort=film.cohort).update(
        status=Enrollment.Status.GRADUATED
    )
