"""Email alerts over SMTP: each queued in an outbox on disk, sent by a thread of its own, so a
slow or failing mail server never holds up the site's publish; a failure is reported and the
outbox tried again later (deploy.Backoff). A sent alert moves to sent/, the record of it.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import threading
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Callable

from newsroom.errors import ConfigError, NewsroomError
from newsroom.project import BuildOptions
from newsroom.publish.deploy import Backoff
from newsroom.publish.message import AlertWriter, alert_message, message_id
from newsroom.publish.record import record_folder
from newsroom.stages.config import Config, read_config
from newsroom.stages.site import ReleaseView, Site
from newsroom.stages.theme import Theme

Say = Callable[[str], None]
Report = Callable[[NewsroomError], None]
ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+|[^@\s<>,;]+@localhost")
TIMEOUT = 30.0
RECIPIENTS_PER_MESSAGE = 50  # mail servers refuse more than about 100 recipients a message


@dataclass(frozen=True)
class Smtp:
    """Where and how alerts are sent; the password was read from the environment."""

    host: str
    port: int
    tls: str
    sender: str
    username: str
    password: str
    list_address: str
    recipients_file: Path | None

    def __repr__(self) -> str:  # never the password, whatever prints this
        return f"Smtp({self.host}:{self.port}, tls={self.tls}, from {self.sender})"

    def recipients(self) -> list[str]:
        """The list address, or the addresses in the recipients file (one a line, # comments)."""
        if self.recipients_file is None:
            return [self.list_address]
        try:
            lines = self.recipients_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise NewsroomError(f"{self.recipients_file}: cannot read the alert recipients ({exc})") from None
        found = []
        for number, line in enumerate(lines, 1):
            address = line.split("#", 1)[0].strip()
            if address and not ADDRESS.fullmatch(address):
                raise NewsroomError(f"{self.recipients_file}:{number}: not an email address: {address!r}")
            if address:
                found.append(address)
        return found


def smtp_settings(config: Config) -> Smtp:
    """[alerts] as needed to send: anything missing is an error at newsroom.toml's [alerts] line."""
    alerts = config.alerts
    where = f"{config.path}:{config.alerts_line}" if config.alerts_line else f"{config.path}"
    missing = [key for key in ("host", "sender") if not getattr(alerts, key)]
    if not alerts.recipients_file and not alerts.list_address:
        missing.append("recipients_file or list_address")
    if missing:
        raise ConfigError(f"{where}: --notify needs [alerts] {', '.join(missing)}")
    password = ""
    if alerts.username:
        if not alerts.password_env:
            raise ConfigError(f"{where}: [alerts] username is set: set password_env to the name of the "
                              "environment variable holding the SMTP password")
        if alerts.password_env not in os.environ:
            raise ConfigError(f"{where}: [alerts] the environment variable {alerts.password_env} "
                              "(password_env) is not set")
        password = os.environ[alerts.password_env]
    folder = config.path.parent if config.path else config.root
    smtp = Smtp(alerts.host, alerts.smtp_port, alerts.tls, alerts.sender, alerts.username, password,
                alerts.list_address, folder / alerts.recipients_file if alerts.recipients_file else None)
    smtp.recipients()  # an unreadable or bad list is said at the start, not at the first alert
    return smtp


def open_alerts(options: BuildOptions, backoff: Backoff) -> Alerts:
    config, _ = read_config(options)
    if config.path is None:
        raise ConfigError(f"{options.config_file}: --notify needs a newsroom.toml with [alerts]")
    return Alerts(record_folder(options.root), smtp_settings(config), backoff)


class Alerts:
    """The outbox, and the thread that empties it: it tries again after each failure (with
    backoff) until the outbox is empty or publishing stops."""

    def __init__(self, folder: Path, smtp: Smtp, backoff: Backoff) -> None:
        self.outbox, self.sent = folder / "outbox", folder / "sent"
        self.smtp, self.backoff = smtp, backoff
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def queue(self, site: Site, theme: Theme, releases: list[ReleaseView]) -> None:
        """Write each release's alert into the outbox (renamed into place: whole or absent)."""
        writer = AlertWriter(site, theme)
        to = self.smtp.list_address or "undisclosed-recipients:;"
        self.outbox.mkdir(parents=True, exist_ok=True)
        for release in releases:
            data = alert_message(writer, release, self.smtp.sender, to).as_bytes(policy=policy.SMTP)
            name = message_id(site.config, release).strip("<>").split("@")[0] + ".eml"
            temporary = self.outbox / f".{name}.tmp"
            temporary.write_bytes(data)
            os.replace(temporary, self.outbox / name)

    def waiting(self) -> list[Path]:
        return sorted(self.outbox.glob("*.eml")) if self.outbox.is_dir() else []

    def send(self, say: Say, report: Report) -> None:
        """Send what the outbox holds, in a thread of its own; returns at once."""
        with self.lock:
            if self.thread is not None or not self.waiting():
                return  # a thread at work looks at the outbox again before it ends
            self.thread = threading.Thread(target=self.empty, args=(say, report), name="newsroom-alerts", daemon=True)
            self.thread.start()

    def close(self, timeout: float = 10.0) -> None:
        """Stop retrying; let a send under way finish (what is not sent stays in the outbox)."""
        self.stopping.set()
        thread = self.thread
        if thread is not None:
            thread.join(timeout)

    def empty(self, say: Say, report: Report) -> None:
        failures = 0
        try:
            while not self.stopping.is_set():
                with self.lock:
                    waiting = self.waiting()
                    if not waiting:
                        return
                subject, problem = self.send_one(waiting[0], say)
                if problem is None:
                    failures = 0
                    continue
                failures += 1
                delay = self.backoff.delay(failures)
                report(NewsroomError(f"email alert {subject!r} not sent ({problem}, attempt {failures}); "
                                     f"retrying in {delay:g} s"))
                self.stopping.wait(delay)
        finally:
            with self.lock:
                self.thread = None

    def send_one(self, path: Path, say: Say) -> tuple[str, str | None]:
        """Send one alert and move it to sent/: its subject, and why it failed (None: it did not)."""
        data = path.read_bytes()
        subject = str(BytesParser(policy=policy.default).parsebytes(data, headersonly=True)["subject"])
        try:
            recipients = self.smtp.recipients()
            self.deliver(data, recipients)
        except (smtplib.SMTPException, OSError, NewsroomError) as exc:
            return subject, describe(exc)
        self.sent.mkdir(parents=True, exist_ok=True)
        os.replace(path, self.sent / path.name)
        say(f"email alert sent: {subject!r} to {len(recipients)} recipient(s)")
        return subject, None

    def deliver(self, data: bytes, recipients: list[str]) -> None:
        smtp = self.smtp
        if smtp.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
        with client:
            if smtp.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.username:
                client.login(smtp.username, smtp.password)
            for start in range(0, len(recipients), RECIPIENTS_PER_MESSAGE):
                client.sendmail(smtp.sender, recipients[start:start + RECIPIENTS_PER_MESSAGE], data)


def describe(error: Exception) -> str:
    """A failure in one line, without anything a server echoed of the credentials."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"SMTP {error.smtp_code} {error.smtp_error.decode('utf-8', 'replace')[:200]}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
