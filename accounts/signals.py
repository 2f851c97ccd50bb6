"""Security events that every door passes through Django's own signals: sign-ins (the login
page, an accepted invitation, the two-factor step) and changes to a person's roles and
permissions (the admin, the shell, a command). Recording them here, rather than in each view,
is what makes the trail complete."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save

from accounts.models import SecurityEvent, User
from accounts.security import remember_device, staff_session_begin
from accounts.services import security_event_record
from outbox.signals import message_viewed

ROLE_FIELDS = ("is_staff", "is_superuser")


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="security-login")
    user_login_failed.connect(_login_failed, dispatch_uid="security-login-failed")
    pre_save.connect(_remember_roles, sender=User, dispatch_uid="security-roles-pre")
    post_save.connect(_record_role_change, sender=User, dispatch_uid="security-roles-post")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _record_membership_change, sender=through, dispatch_uid=f"security-{through.__name__}"
        )
    message_viewed.connect(_outbox_message_viewed, dispatch_uid="security-outbox-viewed")


def _outbox_message_viewed(sender, message, request, **kwargs) -> None:
    security_event_record(
        kind=SecurityEvent.Kind.OUTBOX_MESSAGE_VIEWED,
        email=message.recipient,
        details={"message": message.pk, "cause": message.cause},
        request=request,
    )


def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        remember_device(request, user)
        staff_session_begin(request)
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_SUCCEEDED, user=user, actor=user, request=request
    )


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    email = str(credentials.get("username", ""))[:254]
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_FAILED,
        user=User.objects.filter(email=User.objects.normalize_email(email)).first()
        if email
        else None,
        email=email,
        request=request,
    )


def _remember_roles(sender, instance: User, raw=False, update_fields=None, **kwargs) -> None:
    # A save of other fields (last_login on every sign-in) cannot change a role: no query.
    touches_roles = update_fields is None or set(update_fields) & set(ROLE_FIELDS)
    if raw or instance.pk is None or not touches_roles:
        instance._roles_before = None
        return
    instance._roles_before = User.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()


def _record_role_change(sender, instance: User, created, raw=False, **kwargs) -> None:
    before = getattr(instance, "_roles_before", None)
    after = {field: getattr(instance, field) for field in ROLE_FIELDS}
    if raw or (before is None and not created):
        return
    before = before or dict.fromkeys(ROLE_FIELDS, False)
    changes = {
        field: [before[field], after[field]]
        for field in ROLE_FIELDS
        if before[field] != after[field]
    }
    if changes:
        security_event_record(
            kind=SecurityEvent.Kind.ROLE_CHANGED, user=instance, details={"changes": changes}
        )


def _record_membership_change(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # Changed from the other side (group.user_set.add(...)): one event per person concerned.
    users = User.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    names = (
        [str(obj) for obj in model.objects.filter(pk__in=pk_set or ())]
        if not reverse
        else [str(instance)]
    )
    relation = "groups" if sender is User.groups.through else "permissions"
    for user in users:
        security_event_record(
            kind=SecurityEvent.Kind.ROLE_CHANGED,
            user=user,
            details={"changes": {relation: {action.removeprefix("post_"): names}}},
        )
