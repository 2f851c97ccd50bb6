"""Writes of the films app, one module per subdomain: the film's own record (`films`), posters
and their thumbnails (`posters`), milestone submissions and reviews (`submissions`), changes to
published information (`revisions`), video files arriving in chunks and their checks
(`deliverables`) and the retention of confidential files (`retention`).

Every service is importable from `films.services` too, so callers need not know the split."""

from films.services.deliverables import (
    deliverable_part_urls,
    deliverable_parts,
    deliverable_upload_append,
    deliverable_upload_cancel,
    deliverable_upload_finish,
    deliverable_upload_start,
    deliverable_uploads_sweep,
    direct_upload_available,
    submission_checksum,
    submission_inspect,
)
from films.services.films import (
    credit_add,
    credits_replace,
    film_create,
    film_publish,
    film_unpublish,
    film_update,
    still_add,
)
from films.services.posters import (
    film_clear_poster,
    film_set_poster,
    poster_enqueue_thumbnails,
    poster_make_thumbnails,
    poster_retry_thumbnails,
)
from films.services.retention import deliverables_purge
from films.services.revisions import (
    director_change_headshot,
    director_change_profile,
    film_add_still,
    film_change_credits,
    film_change_poster,
    film_change_public_info,
    revision_approve,
    revision_reject,
)
from films.services.submissions import (
    milestone_submit,
    submission_comment_add,
    submission_recipients,
    submission_reopen,
    submission_review,
)

__all__ = [
    "credit_add",
    "credits_replace",
    "deliverable_part_urls",
    "deliverable_parts",
    "deliverable_upload_append",
    "deliverable_upload_cancel",
    "deliverable_upload_finish",
    "deliverable_upload_start",
    "deliverable_uploads_sweep",
    "deliverables_purge",
    "direct_upload_available",
    "director_change_headshot",
    "director_change_profile",
    "film_add_still",
    "film_change_credits",
    "film_change_poster",
    "film_change_public_info",
    "film_clear_poster",
    "film_create",
    "film_publish",
    "film_set_poster",
    "film_unpublish",
    "film_update",
    "milestone_submit",
    "poster_enqueue_thumbnails",
    "poster_make_thumbnails",
    "poster_retry_thumbnails",
    "revision_approve",
    "revision_reject",
    "still_add",
    "submission_checksum",
    "submission_comment_add",
    "submission_inspect",
    "submission_recipients",
    "submission_reopen",
    "submission_review",
]
