"""Read and validate newsroom.toml into a frozen Config."""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsroom.errors import ConfigError
from newsroom.project import CONFIG_NAME, BuildOptions
from newsroom.util.files import read_regular

DEFAULT_BASE_URL = "http://localhost:8000/"


@dataclass(frozen=True)
class Contact:
    role: str
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Newsroom"
    base_url: str = DEFAULT_BASE_URL
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    per_page: int = 10
    feed_items: int = 20
    description: str = ""
    logo: str = ""  # og:image of pages without a picture of their own: a theme static file or a URL
    masthead: str = "Newsroom"  # what the site is, beside the company's name: "Investor Relations"


@dataclass(frozen=True)
class CompanyConfig:
    name: str = ""
    tickers: tuple[str, ...] = ()
    description: str = ""
    website: str = ""


TLS_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class AlertsConfig:
    """[alerts]: the sign-up link every page shows, and the SMTP server `publish --notify` uses.
    The password is never here: `password_env` names the environment variable that holds it."""

    signup_url: str = ""
    host: str = ""
    port: int = 0  # 0: 587 with starttls, 465 with ssl, 25 with none
    tls: str = "starttls"
    sender: str = ""
    recipients_file: str = ""  # one address a line, relative to newsroom.toml
    list_address: str = ""  # or one address that reaches every subscriber (a mailing list)
    username: str = ""
    password_env: str = ""

    @property
    def smtp_port(self) -> int:
        return self.port or {"starttls": 587, "ssl": 465}.get(self.tls, 25)


@dataclass(frozen=True)
class Config:
    site: SiteConfig = field(default_factory=SiteConfig)
    company: CompanyConfig = field(default_factory=CompanyConfig)
    contacts: tuple[Contact, ...] = ()
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    alerts_line: int = field(default=0, compare=False)  # where [alerts] is: errors found when sending name it
    path: Path | None = None
    root: Path = Path(".")
    # False when a config file leaves out [site] base_url: the default would put localhost in feeds.
    base_url_set: bool = True

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.site.timezone)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. '/' or '/newsroom/'."""
        return urlsplit(self.site.base_url).path or "/"

    def with_overrides(self, **site: Any) -> "Config":
        """Apply command-line overrides to [site] (None means not given)."""
        given = {k: v for k, v in site.items() if v is not None}
        if not given:
            return self
        if "base_url" in given:
            given["base_url"] = _check_base_url(given["base_url"], "--base-url")
        return replace(self, site=replace(self.site, **given),
                       base_url_set=self.base_url_set or "base_url" in given)

    def require_base_url(self) -> None:
        """Feeds, sitemap and canonical links are absolute, so a config file must say where the site lives."""
        if not self.base_url_set:
            raise ConfigError(f"{self.path}: 'site.base_url' is not set: feeds, the sitemap and canonical "
                              f"links need absolute URLs; add base_url = \"https://…/\" under [site], "
                              f"or pass --base-url")


def default_config(root: Path) -> Config:
    """The configuration used when there is no newsroom.toml."""
    return Config(root=root)


def load_config(path: Path) -> Config:
    """Read newsroom.toml; every mistake is a ConfigError naming the key."""
    try:
        text = read_regular(path).decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not valid UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    where = _Locator(path, text)
    known = {"site", "company", "contacts", "alerts"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where(key)}: unknown section or key '{key}' "
                              f"(expected one of: {', '.join(sorted(known))})")
    site = _section(SiteConfig, data.get("site", {}), "site", where)
    company = _section(CompanyConfig, data.get("company", {}), "company", where)
    contacts_raw = data.get("contacts", [])
    if not isinstance(contacts_raw, list):
        raise ConfigError(f"{where('contacts')}: 'contacts' must be an array of tables ([[contacts]])")
    contacts = tuple(_section(Contact, c, "contacts", where) for c in contacts_raw)
    _validate_site(site, where)
    site = replace(site, base_url=_check_base_url(site.base_url, where("base_url")))
    alerts = _alerts(data.get("alerts", {}), where)
    line = where("alerts").rpartition(":")[2]
    return Config(site=site, company=company, contacts=contacts, alerts=alerts, path=path, root=path.parent,
                  alerts_line=int(line) if line.isdigit() else 0,
                  base_url_set="base_url" in data.get("site", {}))


def _alerts(raw: Any, where: _Locator) -> AlertsConfig:
    """[alerts], checked as far as it can be without sending (see publish/mailer.py for the rest)."""
    if isinstance(raw, dict) and "password" in raw:
        raise ConfigError(f"{where('password')}: 'alerts.password': never put the SMTP password in "
                          "newsroom.toml; set password_env to the name of an environment variable holding it")
    alerts = _section(AlertsConfig, raw, "alerts", where)
    if alerts.signup_url and urlsplit(alerts.signup_url).scheme not in ("http", "https", "mailto"):
        raise ConfigError(f"{where('signup_url')}: 'alerts.signup_url' must be an http(s) or mailto: URL, "
                          f"not {alerts.signup_url!r}")
    if alerts.tls not in TLS_MODES:
        raise ConfigError(f"{where('tls')}: 'alerts.tls' must be one of {', '.join(TLS_MODES)}, not {alerts.tls!r}")
    if not 0 <= alerts.port <= 65535:
        raise ConfigError(f"{where('port')}: 'alerts.port' must be a port number (1-65535)")
    if alerts.recipients_file and alerts.list_address:
        raise ConfigError(f"{where('list_address')}: '[alerts]' takes recipients_file or list_address, not both")
    for key in ("sender", "list_address"):
        value = getattr(alerts, key)
        if value and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", value):
            raise ConfigError(f"{where(key)}: 'alerts.{key}' must be one email address like ir@example.com, not {value!r}")
    return alerts


class _Locator:
    """Finds the line a key is set on, so errors can say `file:line`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def __call__(self, key: str) -> str:
        pattern = re.compile(rf"^\s*(\[\[?)?\s*{re.escape(key)}\s*(=|\]|$)")
        for number, line in enumerate(self.lines, 1):
            if pattern.match(line):
                return f"{self.path}:{number}"
        return str(self.path)


def _section(cls: type, raw: Any, name: str, where: _Locator) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where(name)}: '{name}' must be a table")
    types = {f.name: f.type for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in types:
            raise ConfigError(f"{where(key)}: unknown key '{name}.{key}' "
                              f"(expected one of: {', '.join(sorted(types))})")
        values[key] = _coerce(value, types[key], f"{name}.{key}", where(key))
    required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]
    for key in required:
        if key not in values:
            raise ConfigError(f"{where(name)}: '{name}' needs '{key}'")
    return cls(**values)


def _coerce(value: Any, type_name: Any, key: str, where: str) -> Any:
    expected = str(type_name)
    if expected == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: '{key}' must be a whole number, not {value!r}")
        return value
    if expected == "str":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: '{key}' must be a string, not {value!r}")
        return value
    if expected.startswith("tuple[str"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings, not {value!r}")
        return tuple(value)
    raise AssertionError(f"no coercion for {expected}")


def _check_base_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: 'base_url' must be an absolute http(s) URL, not {url!r}")
    return url if url.endswith("/") else url + "/"


def _validate_site(site: SiteConfig, where: _Locator) -> None:
    try:
        ZoneInfo(site.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where('timezone')}: 'site.timezone' is not a known time zone: "
                          f"{site.timezone!r} (e.g. 'America/New_York')") from None
    _check_base_url(site.base_url, where("base_url"))
    if site.per_page < 1:
        raise ConfigError(f"{where('per_page')}: 'site.per_page' must be at least 1")
    if site.feed_items < 1:
        raise ConfigError(f"{where('feed_items')}: 'site.feed_items' must be at least 1")
    if site.logo and urlsplit(site.logo).scheme not in ("http", "https") and (
            site.logo.startswith("/") or "\\" in site.logo or ".." in site.logo.split("/") or ":" in site.logo):
        raise ConfigError(f"{where('logo')}: 'site.logo' must be a file among the theme's static files "
                          f"(e.g. 'logo.png') or an absolute http(s) URL, not {site.logo!r}")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", site.language):
        raise ConfigError(f"{where('language')}: 'site.language' must be a language tag like 'en' or 'en-US'")


def read_config(options: BuildOptions) -> tuple[Config, tuple[str, ...]]:
    """newsroom.toml if there is one, else defaults, said in one line; command-line overrides applied."""
    path = options.config_file
    if options.config_path is None and not path.exists():
        config = default_config(options.root).with_overrides(theme=options.theme, base_url=options.base_url)
        notes: tuple[str, ...] = (
            f"no {CONFIG_NAME}: using defaults (title '{config.site.title}', base_url "
            f"{config.site.base_url}, timezone {config.site.timezone}, theme '{config.site.theme}')",)
    else:
        config, notes = load_config(path), ()
    return config.with_overrides(theme=options.theme, base_url=options.base_url), notes
