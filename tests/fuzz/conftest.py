"""Hypothesis profiles. "ci" (chosen when CI=true, or with HYPOTHESIS_PROFILE=ci) is
derandomized, so a run is reproducible and its time bounded; "dev" explores more at random."""

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=8, derandomize=True, database=None, **COMMON)
settings.register_profile("dev", max_examples=25, **COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)
