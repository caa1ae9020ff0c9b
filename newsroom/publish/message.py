"""An email alert of one release, made from the theme's own templates.

alert_email.html and alert_email.txt get what a release page gets (site, company, release…),
plus `story_text`, the story as plain paragraphs. The plain-text part is rendered without HTML
escaping (it is no HTML); titles still cannot inject a header: the email package refuses
line breaks in headers, and titles have none.
"""

from __future__ import annotations

import hashlib
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import jinja2

from newsroom.errors import ThemeError
from newsroom.stages.config import Config
from newsroom.stages.render import common_context, page_environment, template_location
from newsroom.stages.site import ReleaseView, Site
from newsroom.stages.theme import Theme

HTML_TEMPLATE, TEXT_TEMPLATE = "alert_email.html", "alert_email.txt"
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote", "div", "table", "ul", "ol"}


class _Text(HTMLParser):
    """HTML to plain paragraphs: each block on its own line, a blank line between paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []

    def break_line(self, blank: bool) -> None:
        text = re.sub(r"\s+", " ", "".join(self.line)).strip()
        if text:
            self.lines.append(text)
            if blank:
                self.lines.append("")
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.break_line(blank=tag not in ("li", "tr"))
        if tag == "li":
            self.line.append("- ")
        elif tag in ("td", "th") and self.line:
            self.line.append(" | ")
        elif tag == "br":
            self.break_line(blank=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.break_line(blank=tag not in ("li", "tr"))

    def handle_data(self, data: str) -> None:
        self.line.append(data)


def html_paragraphs(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.break_line(blank=False)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(parser.lines)).strip()


class AlertWriter:
    """The theme's alert templates, ready to render any release of the site."""

    def __init__(self, site: Site, theme: Theme) -> None:
        self.site = site
        env = page_environment(site.config, theme, {})
        self.html = env.overlay(cache_size=0)  # overlay: the same loader, helpers and filters
        self.text = env.overlay(autoescape=False, cache_size=0)
        self.common = common_context(site)

    def render(self, release: ReleaseView) -> tuple[str, str]:
        """(plain text, HTML) of `release`'s alert."""
        context = {**self.common, "release": release, "story_text": html_paragraphs(release.story_html),
                   "page": {"url": release.url, "kind": "alert", "title": release.title}}
        try:
            html = self.html.get_template(HTML_TEMPLATE).render(context)
            text = self.text.get_template(TEXT_TEMPLATE).render(context)
        except jinja2.TemplateNotFound as exc:
            raise ThemeError(f"template '{exc.name}' not found (needed for email alerts); "
                             "the theme must provide it") from None
        except jinja2.TemplateError as exc:
            raise ThemeError(f"{template_location(exc)}: template error: {exc} (email alert of "
                             f"/{release.url})") from None
        return text, html


def message_id(config: Config, release: ReleaseView) -> str:
    """The same for the same release whatever sends it, so a mail server or reader can tell a
    repeat (after a crash at the worst moment) from a new alert."""
    digest = hashlib.sha256(f"{release.url}\0{release.date.isoformat()}".encode()).hexdigest()[:24]
    return f"<alert.{digest}@{urlsplit(config.site.base_url).hostname or 'newsroom.invalid'}>"


def alert_message(writer: AlertWriter, release: ReleaseView, sender: str, to: str) -> EmailMessage:
    """The alert as a multipart/alternative message: plain text first, HTML preferred."""
    config = writer.site.config
    text, html = writer.render(release)
    message = EmailMessage()
    message["Subject"] = release.title
    message["From"] = Address(config.site.title, addr_spec=sender)
    message["To"] = to
    message["Date"] = format_datetime(release.date)
    message["Message-ID"] = message_id(config, release)
    if config.alerts.signup_url.startswith(("http://", "https://", "mailto:")):
        message["List-Unsubscribe"] = f"<{config.alerts.signup_url}>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
