"""Email alerts end to end: the sign-up link in both themes, and `newsroom publish --notify`
against a real SMTP server (aiosmtpd) on the loopback, read back with the `email` package."""

from __future__ import annotations

import email
import socket
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import SAMPLE_SIGNUP_URL, THEMES, run_cli, write_release
from tests.publishing import TITLE, holding, poll, schedule

# The test server takes a password without TLS (a real one would refuse): aiosmtpd warns of it.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
PASSWORD = "s3cret-Pa55-from-env"
SUBSCRIBERS = ["ann@example.com", "bob@example.org"]


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message) each."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login, data.password))
        return AuthResult(success=data.login == b"newsroom" and data.password == PASSWORD.encode())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_server(inbox: Inbox, port: int) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    return controller


def configure_alerts(root: Path, port: int) -> None:
    (root / "subscribers.txt").write_text(f"# investors\n{SUBSCRIBERS[0]}\n\n{SUBSCRIBERS[1]}  # by phone too\n")
    with open(root / "newsroom.toml", "a", encoding="utf-8") as config:
        config.write(f"""
[alerts]
signup_url = "{SAMPLE_SIGNUP_URL}"
host = "127.0.0.1"
port = {port}
tls = "none"
sender = "alerts@ascentsolar.example"
recipients_file = "subscribers.txt"
username = "newsroom"
password_env = "NEWSROOM_TEST_SMTP_PASSWORD"
""")


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Inbox:
    monkeypatch.setenv("NEWSROOM_TEST_SMTP_PASSWORD", PASSWORD)  # the publish processes inherit it
    return Inbox()


@pytest.fixture
def server(inbox: Inbox) -> Iterator[int]:
    port = free_port()
    controller = smtp_server(inbox, port)
    yield port
    controller.stop()


def test_a_release_is_alerted_once_at_its_time_and_never_a_draft(project: Path, publish, inbox: Inbox,
                                                                  server: int) -> None:
    configure_alerts(project, server)
    write_release(project, "2017/walrus.md", "title: Draft Walrus Deal\ndate: 2017-01-05\ndraft: true")
    schedule(project, 7)
    running = publish("--notify")
    running.wait_for("deployed: exit status 0")
    assert "alerts: the 2 releases published before the first run are not alerted" in running.log()
    assert inbox.messages == [], "nothing is sent before a release's time"
    running.wait_for("email alert sent: ")
    poll(lambda: inbox.messages, what="the alert to arrive")
    assert holding(project / "site", b"Zebra")
    (recipients, message), = inbox.messages
    assert sorted(recipients) == SUBSCRIBERS
    assert inbox.logins == [(b"newsroom", PASSWORD.encode())]
    assert message["Subject"] == TITLE
    assert message["From"].addresses[0].addr_spec == "alerts@ascentsolar.example"
    assert message["Message-ID"].startswith("<alert.")
    assert message.get_content_type() == "multipart/alternative"
    url = f"https://newsroom.ascentsolar.example/releases/2026/{message['Date'].datetime:%m}/ascent-solar-reports-zebra-quarter/"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert TITLE in part and "The Zebra quarter beat every estimate." in part and url in part
        assert SAMPLE_SIGNUP_URL.replace("&", "&amp;" if part is html else "&") in part
    assert "<" not in text
    assert "Walrus" not in text + html
    # An old release added to the archive is published, but investors are not mailed about it.
    write_release(project, "2016/backfill.md", "title: Archive Walrus Notice\ndate: 2016-05-02")
    running.wait_for("not sent for 1 release(s) dated more than a day before the last publish")
    running.wait_for("deployed: exit status 0", 3)
    assert running.stop() == 0
    # A restart sends nothing again; the password was never printed or stored.
    again = publish("--notify")
    again.wait_for("next: nothing scheduled")
    again.wait_for("deploy: nothing new since the last deploy")
    assert again.stop() == 0
    assert len(inbox.messages) == 1
    stored = b"".join(p.read_bytes() for p in (project / ".newsroom-publish").rglob("*") if p.is_file())
    assert PASSWORD not in running.log() + again.log() and PASSWORD.encode() not in stored
    assert b"Zebra" in stored  # the sent alert is kept as the record of it
    assert "Traceback" not in running.log() + again.log()


def test_a_failed_send_is_retried_and_never_holds_up_the_publish(project: Path, publish, inbox: Inbox) -> None:
    port = free_port()  # nothing listens there yet
    configure_alerts(project, port)
    schedule(project, 6)
    running = publish("--notify", "--retry-delay", "0.5")
    running.wait_for("next: ")
    running.wait_for("deployed: exit status 0", 2)  # the site is published while mail fails
    assert holding(project / "site", b"Zebra")
    poll(lambda: "not sent (" in "".join(running.err), what=f"the failure reported:\n{running.log()}")
    assert f"error: email alert {TITLE!r} not sent (Connection refused, attempt 1); retrying in 0.5 s" in "".join(running.err)
    controller = smtp_server(inbox, port)
    try:
        running.wait_for("email alert sent: ")
        assert len(inbox.messages) == 1
        assert running.stop() == 0
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


@pytest.mark.parametrize("theme", THEMES)
def test_every_page_links_email_alerts_only_when_configured(theme_sites: dict[str, Path], project: Path, theme: str) -> None:
    site = theme_sites[theme]
    link = f'<a href="{SAMPLE_SIGNUP_URL.replace("&", "&amp;")}">Email alerts</a>'
    pages = sorted(site.rglob("*.html"))
    assert pages and all(link in page.read_text(encoding="utf-8") for page in pages)
    run_cli("build", "--theme", theme, "--output", "plain", cwd=project, check=True)
    assert not any("Email alerts" in page.read_text(encoding="utf-8") for page in (project / "plain").rglob("*.html"))


@pytest.mark.parametrize(("setting", "error"), [
    ('password = "hunter2"', "'alerts.password': never put the SMTP password in newsroom.toml"),
    ('tls = "maybe"', "'alerts.tls' must be one of starttls, ssl, none"),
    ('signup_url = "javascript:alert(1)"', "'alerts.signup_url' must be an http(s) or mailto: URL"),
    ('sender = "not an address"', "'alerts.sender' must be one email address"),
    ('hots = "smtp.example.com"', "unknown key 'alerts.hots'"),
])
def test_a_bad_alerts_setting_names_its_line(project: Path, setting: str, error: str) -> None:
    lines = (project / "newsroom.toml").read_text().count("\n")
    (project / "newsroom.toml").write_text((project / "newsroom.toml").read_text() + f"\n[alerts]\n{setting}\n")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: newsroom.toml:{lines + 3}: {error}"), result.stderr
    assert "hunter2" not in result.stderr


def test_notify_without_smtp_settings_is_an_error_at_the_alerts_line(project: Path) -> None:
    lines = (project / "newsroom.toml").read_text().count("\n")
    (project / "newsroom.toml").write_text((project / "newsroom.toml").read_text()
                                           + '\n[alerts]\nsignup_url = "https://lists.example.com/"\n')
    result = run_cli("publish", "--notify", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"error: newsroom.toml:{lines + 2}: --notify needs [alerts] host, sender, "
                                      "recipients_file or list_address")
    assert not (project / "site").exists()


@pytest.mark.parametrize("theme", THEMES)
def test_both_themes_make_an_alert_of_a_release_with_its_text_escaped_once(project: Path, theme: str) -> None:
    from dataclasses import replace

    from newsroom.build import Builder, find_theme
    from newsroom.project import BuildOptions
    from newsroom.publish.message import AlertWriter, alert_message

    hostile = 'Q3 <b>Record</b> & "Margins" </script>'
    write_release(project, "2017/hostile.md", f"title: '{hostile}'\ndate: 2017-08-01\nlocation: Thornton, CO",
                  "First paragraph & more.\n\n| Item | Q3 |\n| --- | ---: |\n| Revenue | $1 |\n")
    options = replace(BuildOptions(root=project), theme=theme)
    site = Builder(options).plan()[0]
    release = next(view for view in site.releases if view.title == hostile)
    message = alert_message(AlertWriter(site, find_theme(site.config, options)), release,
                            "alerts@example.com", "ir@lists.example.com")
    parsed = email.message_from_bytes(message.as_bytes(policy=policy.SMTP), policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert parsed["Subject"] == hostile and parsed["To"] == "ir@lists.example.com"
    assert hostile in text and "THORNTON, Colo., August 1, 2017" in text
    assert "First paragraph & more." in text and "Revenue | $1" in text
    assert "Q3 &lt;b&gt;Record&lt;/b&gt; &amp; &#34;Margins&#34; &lt;/script&gt;" in html and "<b>Record" not in html
