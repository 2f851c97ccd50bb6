"""The open call's roles in the permission matrix (issue 16); their people come from
tests.factories.calls.call_world, built into the matrix's world by expectations_calls."""

CALL_ROLES = ("applicant", "co_applicant", "reviewer", "conflicted_reviewer", "outside_juror")
