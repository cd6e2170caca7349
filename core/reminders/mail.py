"""The ``mail`` channel: one plain-text mail per person through the company's SMTP server.

Only the standard library (smtplib, email): cron's run must start fast and a mail is simple text.
The server is ``General.mail`` in settings.toml; its password is never written there but read
from the environment variable ``password_env`` names, so the file can be shared and versioned.
Every failure — refused, timed out, no server, a person with no address — is one
:class:`DeliveryFailed` line; the outbox keeps the claim and the next run tries again.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from zizhi.core.errors import ConfigError
from zizhi.core.reminders.channels import DeliveryFailed


def password(config) -> str | None:
    """The password from the environment, checked before a run claims anything (a crontab without
    the variable is a configuration mistake, exit 78, not a failed delivery to retry)."""
    if not config.password_env:
        return None
    found = os.environ.get(config.password_env)
    if not found:
        raise ConfigError("remind.mail_password_missing", env=config.password_env)
    return found


def compose(config, person: dict, subject: str, body: str, message_id: str, when) -> EmailMessage:
    """The mail: UTF-8 plain text, the person's name in the To line, a Date in the company's zone."""
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = formataddr((person["name"], person["email"]))
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(when)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    message.set_content(body)
    return message


def send(config, message: EmailMessage) -> None:
    """Hand ``message`` to the server, or raise :class:`DeliveryFailed` with the server's reason."""
    where = f"{config.host}:{config.port}"
    try:
        with _connect(config) as server:
            secret = password(config)
            if config.user and secret is not None:
                server.login(config.user, secret)
            server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:  # a setting to mend, not a server to wait for
        from zizhi.core.i18n import t

        raise DeliveryFailed(t("remind.mail_auth", where=where, reason=_reason(exc), user=config.user,
                               env=config.password_env)) from None
    except smtplib.SMTPException as exc:
        raise DeliveryFailed(f"{where}: {_reason(exc)}") from None
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryFailed(f"{where}: {exc.strerror or exc}" if isinstance(exc, OSError) else f"{where}: {exc}") \
            from None


def domain(config) -> str:
    """The domain Message-IDs are made in: the sender's."""
    return config.sender.rpartition("@")[2] or "zizhi.invalid"


def _connect(config) -> smtplib.SMTP:
    if config.security == "tls":
        return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout_seconds,
                                context=ssl.create_default_context())
    server = smtplib.SMTP(config.host, config.port, timeout=config.timeout_seconds)
    if config.security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server


def _reason(exc: smtplib.SMTPException) -> str:
    """The server's own words, on one line."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {' '.join(text.split())}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{who}: {code} {err.decode('utf-8', 'replace')}" for who, (code, err) in exc.recipients.items())
    return " ".join(str(exc).split()) or type(exc).__name__
