"""Invitations: a staff member invites a talent or a mentor to make an account."""

import datetime
import hashlib

import factory
from django.utils import timezone

from invitations.models import Invitation
from tests.factories.talents import TalentFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    """Pass `token=` to choose the raw token; only its hash is stored."""

    class Meta:
        model = Invitation
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    language = "en"
    talent = factory.SubFactory(TalentFactory)
    mentor = None
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
