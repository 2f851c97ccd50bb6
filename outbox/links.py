"""Secret links (a password reset, an invitation) are made when a message is sent, never when it
is written: the stored row, the staff outbox and the admin hold only LINK_PLACEHOLDER, so nobody
who can read the outbox can use the link. The app that owns the secret registers a maker for its
kind (accounts does, in its AppConfig.ready): called at each send, it issues a fresh token and
voids the one before, so a resend is a new link and the old one stops working.

The outbox stays below the apps whose links it sends: it knows kinds, not accounts."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

# Plain letters and dashes: unchanged by HTML escaping, safe inside an href.
LINK_PLACEHOLDER = "OUTBOX-SECRET-LINK"

# maker(ref, recipient) -> the absolute link; raises LinkUnavailable when there is nothing to
# send (the invitation was used, the address has no account).
LinkMaker = Callable[[str, str], str]
_makers: dict[str, LinkMaker] = {}


class LinkUnavailable(Exception):
    """No link can be made for this message any more: it fails without being sent."""


def link_maker_register(kind: str, maker: LinkMaker) -> None:
    _makers[kind] = maker


def link_make(*, secret_link: str, recipient: str) -> str:
    """`secret_link` is "<kind>" or "<kind>:<ref>", as stored on the message."""
    kind, _sep, ref = secret_link.partition(":")
    return _makers[kind](ref, recipient)


def link_fill(text: str, link: str) -> str:
    return text.replace(LINK_PLACEHOLDER, link)


def link_redacted(text: str) -> str:
    """What staff read in place of a secret link."""
    return text.replace(LINK_PLACEHOLDER, _("[link withheld: made anew when the email is sent]"))
