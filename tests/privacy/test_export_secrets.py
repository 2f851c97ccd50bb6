"""The data export holds the person's invitations but none of their secrets: no token hash
(a mutation that exported it passed the suite), no reset nonce or session epoch."""

import hashlib

from tests.factories import InvitationFactory, UserFactory
from tests.privacy.test_export import exported


def test_data_export_holds_invitations_without_their_token_hash(client, db):
    user = UserFactory(email="dana@example.org")
    user.sessions_end()
    InvitationFactory(email="dana@example.org", token="raw-invitation-token")
    token_hash = hashlib.sha256(b"raw-invitation-token").hexdigest()

    archive = exported(client, user)
    data = archive.read("data.json").decode()

    assert '"invitations": [\n    {' in data
    assert token_hash not in data
    assert "token_hash" not in data
    assert user.session_epoch not in data
    assert "reset_link_nonce" not in data
