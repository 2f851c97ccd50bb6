"""The development mail backend: each message printed as a person reads it (headers decoded,
the plain-text body as is, Chinese included) rather than as its MIME encoding, in which
Chinese is base64 or quoted-printable and the links cannot be clicked."""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message) -> None:
        headers = {
            "From": message.from_email,
            "To": ", ".join(message.to),
            "Subject": message.subject,
            "Message-ID": message.extra_headers.get("Message-ID", ""),
        }
        lines = [f"{name}: {value}" for name, value in headers.items() if value]
        alternatives = [mimetype for _content, mimetype in getattr(message, "alternatives", [])]
        if alternatives:
            lines.append(f"(also as {', '.join(alternatives)})")
        self.stream.write("\n".join(lines) + "\n\n" + message.body.rstrip() + "\n")
        self.stream.write("-" * 79 + "\n")
