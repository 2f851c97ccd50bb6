"""One world for the whole matrix: built once per module inside a transaction that is rolled
back at the end, with a signed-in client per role. Each test (pytest-django's django_db) and
each request (test_matrix.answers_for) runs in a savepoint of its own, rolled back too, so no
request sees what another changed: a few hundred URLs × nine roles run in seconds, not minutes."""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from tests.factories import UserFactory, portal_world
from tests.factories.grants import finance_user
from tests.factories.portal import PortalWorld
from tests.permissions.expectations import ROLES
from tests.permissions.expectations_calls import extend_world as extend_world_with_calls
from tests.permissions.expectations_guests_workspace import add_guest_roles


@dataclass
class Matrix:
    world: PortalWorld
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = portal_world()
        world.superuser = UserFactory(is_staff=True, is_superuser=True)
        extend_world_with_calls(world)
        world.finance = finance_user()
        add_guest_roles(world)
        clients = {}
        for role in ROLES:
            clients[role] = Client()
            if world.user(role) is not None:
                clients[role].force_login(world.user(role))
        yield Matrix(world=world, clients=clients)
        transaction.set_rollback(True)
