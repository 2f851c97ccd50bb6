"""The custom user: one login by email for everybody (staff, directors, mentors). A person's
roles come from what they are linked to: a Talent profile makes a director, a Mentor profile a
mentor, `is_staff` a program staff member; one account may hold all three."""

import secrets
import unicodedata

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    CHINESE = "zh-hans", _("Simplified Chinese")
    ENGLISH = "en", _("English")


def email_refuse_lookalike(email: str) -> None:
    """Refuse an address whose name part is not plain ASCII. Django's email check matches
    case-insensitively, so `ı` (dotless i), `ſ` (long s) and `K` (Kelvin sign) pass as `i`, `s`
    and `k`, and a database's case-insensitive match takes them for the real account; the other
    non-ASCII letters the check refuses anyway."""
    name = (email or "").strip().rpartition("@")[0]
    if not name.isascii():
        raise ValidationError(
            _("Write the address in plain letters: %(name)s holds a lookalike letter.")
            % {"name": name},
            code="lookalike",
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """The one spelling of an address, used wherever one is looked up or stored (sign-in,
        reset, invitation, uniqueness): compatibility forms folded (`ſ` is `s`), lower case."""
        return unicodedata.normalize("NFKC", (email or "").strip()).lower()

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        email_refuse_lookalike(email)
        user = self.model(email=self.normalize_email(email), **extra)
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
        # Exact on the normalised spelling: iexact would match lookalikes on PostgreSQL.
        return self.get(email=self.normalize_email(username))


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
    # Changes each time a password reset link is sent (accounts.links): only the latest works.
    reset_link_nonce = models.CharField(max_length=32, blank=True, editable=False)
    # Part of the session hash with the password: changing it ends every session of the account
    # (turning on two-factor, accounts.two_factor); empty for accounts that never changed it.
    session_epoch = models.CharField(max_length=32, blank=True, editable=False)
    # Holds an active reviewer seat in an open call: the signed-in menu links /review/ without a
    # query on every page. Kept by calls.services.review (reviewer_add, reviewer_drop).
    reviews_calls = models.BooleanField(default=False, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("An account with this email address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        email_refuse_lookalike(self.email)
        self.email = self.__class__.objects.normalize_email(self.email)

    def _get_session_auth_hash(self, secret=None) -> str:
        # Django's own hash when the epoch is empty, so existing sessions survive the upgrade.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        value = f"{self.password}{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def sessions_end(self) -> None:
        """Every session of this account is signed out at its next request."""
        self.session_epoch = secrets.token_hex(16)
        self.save(update_fields=["session_epoch"])

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
        OUTBOX_MESSAGE_VIEWED = "outbox_message_viewed", _("Email opened in the outbox")
        API_TOKEN_CREATED = "api_token_created", _("API token created")
        API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
        API_TOKEN_USED = "api_token_used", _("API token used")
        API_TOKEN_REFUSED = "api_token_refused", _("API token refused")

    recorded_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind, db_index=True)
    # The account the event concerns, and the person who caused it (staff changing a role, a
    # reviewer downloading a file); often the same. Kept as text too: erasure removes accounts.
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    email = models.CharField(_("account"), max_length=254, blank=True, db_index=True)
    actor_email = models.CharField(_("by"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(
        pgettext_lazy("network", "address"), null=True, blank=True
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M} {self.kind} {self.email}"


class ThrottleEntry(models.Model):
    """The sign-in throttle's counts and locks while the shared cache is down (accounts.throttle):
    one row per failed sign-in of a key, or a lock with its end. Old rows are deleted as new ones
    come."""

    key = models.CharField(_("key"), max_length=100, db_index=True)
    failed_at = models.DateTimeField(_("failed at"), default=timezone.now)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle entry")
        verbose_name_plural = _("sign-in throttle entries")

    def __str__(self) -> str:
        return f"{self.key} {self.locked_until or self.failed_at}"


class ApiToken(models.Model):
    """A credential for the REST API (api/): it belongs to a person and acts as them, limited to
    its scopes. The raw token is shown once when it is made; only its SHA-256 is stored (a random
    256-bit token needs no slow hash: there is nothing to guess). Lives beside the user and the
    security trail because it is a way of signing in, not part of the program's data."""

    class Scope(models.TextChoices):
        READ_ENROLLMENTS = "read:enrollments", _("Read enrolments")
        WRITE_ENROLLMENTS = "write:enrollments", _("Change enrolments and their status")
        WRITE_FILMS = "write:films", _("Propose changes to films' public information")
        WRITE_LINEUPS = "write:lineups", _("Change screening lineups")
        READ_SUBMISSIONS = "read:submissions", _("Read milestone submissions and their reviews")
        READ_APPLICATIONS = (
            "read:applications",
            _("Read open-call applications and their submitted reviews"),
        )

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    # The first characters of the token, shown in lists so a person can tell tokens apart.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def clean(self) -> None:
        super().clean()
        unknown = set(self.scopes or []) - set(self.Scope.values)
        if not isinstance(self.scopes, list) or unknown:
            raise ValidationError({"scopes": _("Unknown scope.")})
        if not self.scopes:
            raise ValidationError({"scopes": _("Choose at least one scope.")})
        if self.expires_at and self.created_at and self.expires_at <= self.created_at:
            raise ValidationError({"expires_at": _("The expiry must be in the future.")})

    @property
    def is_usable(self) -> bool:
        return self.is_usable_at(timezone.now())

    def is_usable_at(self, moment) -> bool:
        # accounts.tokens writes a use in SQL on these same conditions: change both together.
        return self.revoked_at is None and self.expires_at > moment

    def allows(self, scope: str) -> bool:
        return scope in self.scopes
