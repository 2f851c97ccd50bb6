from django.core.files.storage import storages


def private_storage():
    """Where confidential deliverables live: no public URL (see STORAGES["private"])."""
    return storages["private"]
