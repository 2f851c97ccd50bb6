import factory
from django.contrib.auth.models import Group

from tests.factories.accounts import UserFactory


def finance_user(**fields):
    """An account in the Finance group (made by grants' migration): money, nothing else."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name="Finance"))
    return user


class FinanceUserFactory(UserFactory):
    @factory.post_generation
    def finance(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Finance"))
