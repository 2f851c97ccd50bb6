"""Fuzz targets of the forms for after the film (issue 18): licences, the alumni record (staff's
and the alumnus's), joined to TARGETS in targets.py; `alumni_world` adds what they need."""

from alumni.models import AlumniEntry
from portal.alumni_forms import AlumniConsentForm, AlumniProposalForm
from tests.factories.alumni import AlumniEntryFactory, graduate
from tests.factories.rights import LicenceFactory
from tests.fuzz.targets import FormTarget
from workspace.alumni_forms import AlumniDecisionForm, AlumniEntryEditForm, AlumniEntryForm
from workspace.licence_forms import LicenceForm

ALUMNI_WATCHED = ("rights.Licence", "alumni.AlumniEntry")


def alumni_world(world) -> None:
    """The world's director graduated, with one proposed entry; the film has a licence."""
    graduate(world.film)
    world.alumni_entry = AlumniEntryFactory(
        film=world.film, status=AlumniEntry.Status.PROPOSED, publish=False
    )
    world.licence = LicenceFactory(film=world.film)


def cohort(world) -> dict:
    return {"slug": world.cohort.slug}


def entry(world) -> dict:
    return {"entry_id": world.alumni_entry.pk}


ALUMNI_TARGETS = [
    FormTarget("workspace:licence_create", lambda world: {}, "staff", (LicenceForm,)),
    FormTarget(
        "workspace:licence_edit",
        lambda world: {"licence_id": world.licence.pk},
        "staff",
        (LicenceForm,),
    ),
    FormTarget("workspace:alumni_entry_create", cohort, "staff", (AlumniEntryForm,)),
    FormTarget("workspace:alumni_entry_edit", entry, "staff", (AlumniEntryEditForm,)),
    FormTarget("workspace:alumni_entry_decide", entry, "staff", (AlumniDecisionForm,)),
    FormTarget("portal:alumni", lambda world: {}, "director", (AlumniProposalForm,)),
    FormTarget("portal:alumni_consent", entry, "director", (AlumniConsentForm,)),
]
