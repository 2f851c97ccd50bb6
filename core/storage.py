from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """storages["private"], looked up when used rather than once at import: a FileField keeps
    the storage object it was given, and a changed STORAGES setting (each test's own folder)
    must still take effect."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private = PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        private._wrapped = empty


def private_storage():
    """Where confidential deliverables live: no public URL (see STORAGES["private"])."""
    return private
