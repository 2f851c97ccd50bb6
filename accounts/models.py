"""The custom user: one login by email for everybody (staff, directors, mentors). A person's
roles come from what they are linked to: a Talent profile makes a director, a Mentor profile a
mentor, `is_staff` a program staff member; one account may hold all three."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    CHINESE = "zh-hans", _("Simplified Chinese")
    ENGLISH = "en", _("English")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language, default=Language.CHINESE
    )
    is_staff = models.BooleanField(
        _("program staff"), default=False, help_text=_("Runs cohorts in the staff workspace.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    @property
    def is_director(self) -> bool:
        return hasattr(self, "talent_profile")

    @property
    def is_mentor(self) -> bool:
        return hasattr(self, "mentor_profile")


class SecurityEvent(models.Model):
    """One security-relevant event: who it concerns, who did it, when, from which address. Written
    by accounts.services.security_event_record only, never edited; staff read them in the
    workspace. Kept apart from the workspace's change history because it concerns people and
    their access, not the program's working data, and must outlive an erased account."""

    class Kind(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Sign-in locked after repeated failures")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by email link")
        TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication turned on")
        TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication turned off")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        ROLE_CHANGED = "role_changed", _("Roles or permissions changed")
        INVITATION_USED = "invitation_used", _("Invitation used")
        DELIVERABLE_DOWNLOADED = "deliverable_downloaded", _("Confidential deliverable downloaded")
        DATA_EXPORTED = "data_exported", _("Personal data exported")
        PERSON_ERASED = "person_erased", _("Person erased")
        DELIVERABLES_PURGED = "deliverables_purged", _("Deliverables purged after retention")

    recorded_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind, db_index=True)
    # The account the event concerns, and the person who caused it (staff changing a role, a
    # reviewer downloading a file); often the same. Kept as text too: erasure removes accounts.
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.CharField(_("account"), max_length=254, blank=True, db_index=True)
    actor_email = models.CharField(_("by"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M} {self.kind} {self.email}"
