import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.models import ApiToken, User, email_refuse_lookalike
from tests.factories import MentorFactory, TalentFactory, UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def api_token(**fields) -> ApiToken:
    now = timezone.now()
    defaults = {
        "user": UserFactory(),
        "name": "Sync",
        "prefix": "abc",
        "token_hash": "0" * 64,
        "scopes": [ApiToken.Scope.READ_ENROLLMENTS],
        "created_at": now,
        "expires_at": now + datetime.timedelta(days=30),
    }
    return ApiToken(**(defaults | fields))


@pytest.mark.parametrize(
    "spelling", ["vıctım@example.org", "ſtaff@example.org", "josé@example.org"]
)
def test_lookalike_spellings_are_refused_at_sign_up(spelling):
    with pytest.raises(ValidationError):
        User.objects.create_user(spelling, PASSWORD, full_name="X")


def test_addresses_are_stored_normalised():
    user = User.objects.create_user("  Dana@Example.ORG ", PASSWORD, full_name="Dana")

    assert user.email == "dana@example.org"


def test_email_refuse_lookalike_names_the_part_before_the_at_sign():
    with pytest.raises(ValidationError) as error:
        email_refuse_lookalike("vıctım@example.org")

    assert error.value.messages == [
        "Write the address in plain letters: vıctım holds a lookalike letter."
    ]


def test_email_refuse_lookalike_lets_a_plain_address_and_an_empty_one_pass():
    email_refuse_lookalike("dana@例子.example")
    email_refuse_lookalike("")


def test_normalize_email_folds_compatibility_forms_and_case():
    assert User.objects.normalize_email(" ＤＡＮＡ@Example.org ") == "dana@example.org"
    assert User.objects.normalize_email(None) == ""


def test_create_user_without_an_address_is_refused():
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", PASSWORD, full_name="X")


def test_create_superuser_is_staff_and_superuser_whatever_is_passed():
    user = User.objects.create_superuser(
        "root@example.org", PASSWORD, full_name="Root", is_staff=False
    )

    assert (user.is_staff, user.is_superuser, user.check_password(PASSWORD)) == (True, True, True)


def test_create_user_is_neither_staff_nor_superuser_by_default():
    user = User.objects.create_user("dana@example.org", PASSWORD, full_name="Dana")

    assert (user.is_staff, user.is_superuser) == (False, False)


def test_get_by_natural_key_finds_the_account_by_any_case_of_its_address():
    user = UserFactory(email="dana@example.org")

    assert User.objects.get_by_natural_key(" DANA@example.org") == user


def test_user_with_the_address_of_another_in_other_case_is_refused():
    UserFactory(email="dana@example.org")
    duplicate = UserFactory.build(email="Dana@Example.org")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["password"])

    # clean() normalises first, so the plain unique check on the address catches it.
    assert duplicate.email == "dana@example.org"
    assert list(error.value.message_dict) == ["email"]


def test_sessions_end_changes_the_session_hash():
    user = UserFactory()
    before = user.get_session_auth_hash()

    user.sessions_end()

    user.refresh_from_db()
    assert user.session_epoch != ""
    assert user.get_session_auth_hash() != before


def test_session_hash_without_an_epoch_is_djangos_own():
    user = UserFactory()

    ours = user.get_session_auth_hash()

    assert ours == super(User, user).get_session_auth_hash()


def test_user_roles_come_from_the_linked_profiles():
    director, mentor, nobody = UserFactory(), UserFactory(), UserFactory()
    TalentFactory(user=director)
    MentorFactory(user=mentor)

    roles = [
        (u.is_director, u.is_mentor)
        for u in User.objects.filter(pk__in=[director.pk, mentor.pk, nobody.pk]).order_by("pk")
    ]

    assert roles == [(True, False), (False, True), (False, False)]


def test_user_names_are_the_full_name():
    user = UserFactory.build(full_name="Dana Li", email="dana@example.org")

    assert (user.get_full_name(), user.get_short_name(), str(user)) == (
        "Dana Li",
        "Dana Li",
        "Dana Li <dana@example.org>",
    )


def test_api_token_with_an_unknown_or_no_scope_is_refused():
    with pytest.raises(ValidationError) as unknown:
        api_token(scopes=["read:everything"]).clean()
    with pytest.raises(ValidationError) as empty:
        api_token(scopes=[]).clean()

    assert unknown.value.message_dict == {"scopes": ["Unknown scope."]}
    assert empty.value.message_dict == {"scopes": ["Choose at least one scope."]}


def test_api_token_expiring_before_it_is_made_is_refused():
    token = api_token()
    token.expires_at = token.created_at

    with pytest.raises(ValidationError) as error:
        token.clean()

    assert error.value.message_dict == {"expires_at": ["The expiry must be in the future."]}


def test_api_token_is_usable_until_revoked_or_expired():
    now = timezone.now()

    usable = api_token()
    revoked = api_token(revoked_at=now)
    expired = api_token(expires_at=now - datetime.timedelta(seconds=1))

    assert [t.is_usable for t in (usable, revoked, expired)] == [True, False, False]


def test_api_token_allows_only_its_scopes():
    token = api_token(scopes=[ApiToken.Scope.WRITE_FILMS])

    assert token.allows(ApiToken.Scope.WRITE_FILMS)
    assert not token.allows(ApiToken.Scope.WRITE_LINEUPS)
