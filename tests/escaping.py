"""Check escaping the way a browser or feed reader would see it: parse, then look for injected markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
TRACKED = ("h1", "h2", "title", "a", "p", "li")


class _Page(HTMLParser):
    """Collects elements' text, attributes and script bodies of one HTML document or fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[str, str]] = []
        self.texts: dict[str, list[str]] = {name: [] for name in (*TRACKED, "meta description", "body")}
        self._open: list[tuple[str, list[str]]] = []
        self._script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.attrs += [(tag, name, value) for name, value in values.items()]
        if tag == "meta" and values.get("name") == "description":
            self.texts["meta description"].append(values.get("content", ""))
        if tag == "script":
            self._script = (values.get("type", ""), [])
        if tag in TRACKED:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                name, parts = self._open.pop(index)
                self.texts[name].append(" ".join("".join(parts).split()))
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
            return
        self.texts["body"].append(data)
        for _, parts in self._open:
            parts.append(data)


def parse_html(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def text_checks(html: str) -> dict[str, list[str]]:
    """Text of each h1, title, a, p… as a reader sees it (entities decoded, whitespace folded)."""
    return parse_html(html).texts


def html_injections(html: str, markers: list[str], where: str) -> list[str]:
    """Markup that came from data: an attribute set to a marker, an event handler, a script running it."""
    page = parse_html(html)
    found = [f"{where}: <{tag} {name}={value!r}>" for tag, name, value in page.attrs
             if name.startswith("on") or value in markers]
    for kind, body in page.scripts:
        # JSON-LD holds the title as data by design; it is parsed and checked as JSON elsewhere.
        if kind != "application/ld+json" and any(m in body for m in markers):
            found.append(f"{where}: marker inside <script type={kind!r}>")
        if "json" in kind:
            try:
                json.loads(body)
            except ValueError as exc:
                found.append(f"{where}: <script type={kind!r}> is not valid JSON ({exc}): data broke out")
    return found


def xml_injections(data: bytes, markers: list[str], where: str) -> list[str]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"{where}: not well-formed XML ({exc})"]
    found = [f"{where}: <{element.tag} {name}={value!r}>" for element in root.iter()
             for name, value in element.attrib.items() if value in markers]
    for element in html_payloads(root):
        found += html_injections(element.text or "", markers, f"{where} <{element.tag}>")
    return found


def html_payloads(root: ET.Element) -> list[ET.Element]:
    """Elements a feed reader renders as HTML: RSS item descriptions and content:encoded, and
    Atom's type="html". (Titles, names and categories are text in both formats.)"""
    return [*(d for item in root.iter("item") for d in item.findall("description")),
            *root.iter(f"{{{CONTENT_NS}}}encoded"),
            *(e for e in root.iter() if e.get("type") == "html")]


def injections(files: dict[str, bytes], markers: list[str]) -> list[str]:
    """Every place in a built site where hostile text became markup or broke its container."""
    found: list[str] = []
    for rel, data in files.items():
        if rel.endswith((".html", ".htm")):
            found += html_injections(data.decode("utf-8"), markers, rel)
        elif rel.endswith((".xml", ".rss", ".atom")):
            found += xml_injections(data, markers, rel)
        elif rel.endswith(".json"):
            try:
                json.loads(data)
            except ValueError as exc:
                found.append(f"{rel}: not valid JSON ({exc})")
    return found
