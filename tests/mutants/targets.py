"""What `./dev mutants` mutates, and the fast tests that concern each module (issue 15: access
checks, uploads, outbox, throttle, privacy, public cache, publishing, reminders; and the modules
of the mutations the issue found unnoticed). The tool runs each test once first and then gives
each mutant only the tests that reached its function."""

TARGETS = {
    "films/access.py": [
        "tests/films/test_access.py",
        "tests/portal/test_submissions.py",
        "tests/portal/test_reviews.py",
    ],
    "core/uploads.py": [
        "tests/core/test_uploads.py",
        "tests/hardening/test_hostile_uploads.py",
        "tests/hardening/test_active_content.py",
        "tests/core/test_admin_uploads.py",
    ],
    "core/active_content.py": [
        "tests/hardening/test_active_content.py",
        "tests/core/test_uploads.py",
    ],
    "outbox/services.py": [
        "tests/outbox/test_services.py",
        "tests/outbox/test_claim_limits.py",
        "tests/outbox/test_sweep.py",
        "tests/outbox/test_attachments.py",
        "tests/outbox/test_secret_links.py",
        "tests/outbox/test_digests.py",
        "tests/portal/test_review_digest.py",
    ],
    "accounts/throttle.py": [
        "tests/accounts/test_throttle.py",
        "tests/accounts/test_lookalike_addresses.py",
    ],
    "privacy/services.py": ["tests/privacy"],
    "workspace/privacy.py": ["tests/privacy"],
    "core/public_cache.py": [
        "tests/core/test_public_cache.py",
        "tests/core/test_public_cache_keys.py",
        "tests/core/test_public_cache_versions.py",
    ],
    "films/publishing.py": ["tests/workspace/test_publishing.py"],
    "films/reminders.py": ["tests/films/test_reminders.py"],
    "films/services/submissions.py": [
        "tests/films/services/test_submissions.py",
        "tests/portal/test_submissions.py",
        "tests/portal/test_video_uploads.py",
        "tests/portal/test_reviews.py",
        "tests/portal/test_review_digest.py",
        "tests/portal/test_deactivated_accounts.py",
    ],
    "films/services/retention.py": ["tests/films/services/test_retention.py"],
    "films/services/posters.py": [
        "tests/films/services/test_posters.py",
        "tests/films/test_poster_worker.py",
        "tests/films/test_poster_replacement.py",
    ],
    "core/backup.py": ["tests/core/test_backup.py"],
    "workspace/exports.py": ["tests/workspace/test_exports.py"],
}


def tests_for(modules: list[str]) -> list[str]:
    paths = []
    for module in modules:
        paths += [path for path in TARGETS[module] if path not in paths]
    return paths


if __name__ == "__main__":
    # `python -m tests.mutants.targets [module …]`: the pytest arguments for ./dev mutants.
    import sys

    chosen = sys.argv[1:] or list(TARGETS)
    unknown = [module for module in chosen if module not in TARGETS]
    if unknown:
        sys.exit(f"not a mutation target: {', '.join(unknown)} (see tests/mutants/targets.py)")
    print(" ".join(f"--mutate {module}" for module in chosen), *tests_for(chosen))
