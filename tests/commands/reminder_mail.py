"""A real SMTP server on loopback (aiosmtpd) and the settings that point `zizhi remind --mail` at it."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
import time
from pathlib import Path

from zizhi.core.paths import SHIPPED_CONFIG


def free_port() -> int:
    """A port nobody listens on: aiosmtpd's Controller cannot take port 0 and report the one it got."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The server's handler: every mail received, parsed as a mail program would."""

    def __init__(self) -> None:
        self.mails: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.mails.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                   policy=email.policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class MailServer:
    """Start and stop a loopback server on one port, as an admin would restart the real one."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller = None

    def start(self) -> "MailServer":
        from aiosmtpd.controller import Controller

        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def write_mail_settings(config: Path, port: int, extra: str = "") -> None:
    """settings.toml as shipped, with a [mail] section for the loopback server (no password)."""
    config.mkdir(exist_ok=True)
    shipped = (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
    (config / "settings.toml").write_text(
        shipped + f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                  f'sender = "zizhi@huaxin-zizhi.cn"\ntimeout_seconds = 5\n{extra}', encoding="utf-8")


def start_zizhi(*args: str, env_root: Path, extra_env: dict | None = None) -> subprocess.Popen:
    """The console script started as cron starts it, left running (to race or to kill)."""
    from tests.commands.conftest import console_script

    command, environment = console_script(env_root, extra_env)
    return subprocess.Popen([*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=environment)


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
