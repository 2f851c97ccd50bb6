"""The workspace's guest pages (issue 18) for the matrix: their URL arguments and staff's
answers (everybody else: 404, anonymous: sign in), joined in expectations.py."""

from tests.factories import RegistrationFactory, RegistrationPolicyFactory

REDIRECT = "redirect"


def registration(world) -> int:
    policy = RegistrationPolicyFactory(screening__cohort=world.cohort)
    return RegistrationFactory(screening=policy.screening).pk


GUEST_WORKSPACE_ARGUMENTS = {"registration_id": registration}

# Forms posted empty come back with their errors (400); one-button decisions redirect to the
# list with a message, also when the decision does not apply.
GUEST_WORKSPACE_STAFF_ANSWERS = {
    ("guests", "GET"): 200,
    ("guests", "POST"): 400,
    ("guests_csv", "GET"): 200,
    ("guests_email", "GET"): 200,
    ("guests_email", "POST"): 400,
    ("guests_badges", "GET"): 200,
    ("check_in", "GET"): 200,
    ("check_in", "POST"): 400,
    ("guest_approve", "POST"): REDIRECT,
    ("guest_decline", "POST"): REDIRECT,
    ("guest_cancel", "POST"): REDIRECT,
}
