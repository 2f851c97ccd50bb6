"""Sent when a person opens one message in the outbox (the staff workspace or the admin), with
`message` and `request`: accounts records it as a security event. A signal, because the outbox
sits below accounts and must not import it."""

from django.dispatch import Signal

message_viewed = Signal()
