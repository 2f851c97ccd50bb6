"""Deploy checks of account security (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def staff_second_factor_check(app_configs=None, **kwargs) -> list[Warning]:
    if settings.STAFF_REQUIRE_2FA:
        return []
    return [
        Warning(
            "STAFF_REQUIRE_2FA is off: staff reach the workspace and the admin with a password "
            "alone.",
            hint="Leave STAFF_REQUIRE_2FA unset (on when DEBUG is off) or set it to true.",
            id="accounts.W001",
        )
    ]
