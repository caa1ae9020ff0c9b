"""AP style as wire copy prints it: the dateline's place ("Thornton, CO" -> "THORNTON, Colo."),
dates ("July 11, 2017") and times of day ("4:30 p.m.", "noon")."""

from __future__ import annotations

from datetime import datetime

# AP style spells out eight states and abbreviates the rest its own way (not the postal codes).
AP_STATES = {
    "AL": "Ala.", "AK": "Alaska", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Ill.", "IN": "Ind.", "IA": "Iowa", "KS": "Kan.", "KY": "Ky.",
    "LA": "La.", "ME": "Maine", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OH": "Ohio",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "TX": "Texas", "UT": "Utah", "VT": "Vt.", "VA": "Va.", "WA": "Wash.",
    "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}
STATE_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}


def ap_state(region: str) -> str:
    """A US state (postal code, AP or full name) in AP style; anything else unchanged."""
    key = region.strip().rstrip(".")
    code = key.upper().replace(".", "") if len(key.replace(".", "")) == 2 else STATE_NAMES.get(key.lower())
    if code in AP_STATES:
        return AP_STATES[code]
    return region.strip()


def dateline_place(location: str) -> str:
    """The city in capitals, then the state (AP style) or country as written."""
    city, _, region = (part.strip() for part in location.partition(","))
    if not city:
        return ""
    return f"{city.upper()}, {ap_state(region)}" if region else city.upper()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # not %B: the same English names whatever the locale
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_long(value: datetime) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def date_weekday(value: datetime) -> str:
    """'Thursday, November 7, 2024': when an event is, as invitations print it."""
    return f"{WEEKDAYS[value.weekday()]}, {date_long(value)}"


def dateline(location: str, published: datetime, wire: str = "") -> str:
    """The dateline as a release page prints it: 'THORNTON, Colo., July 11, 2017 (Marketwired)'."""
    place = dateline_place(location)
    text = f"{place}, {date_long(published)}" if place else date_long(published)
    return f"{text} ({wire})" if wire else text


def ap_time(value: datetime) -> str:
    """'4:30 p.m.', '4 p.m.', 'noon', 'midnight' (AP style)."""
    if value.minute == 0 and value.hour in (0, 12):
        return "noon" if value.hour == 12 else "midnight"
    hour = value.hour % 12 or 12
    clock = f"{hour}:{value.minute:02d}" if value.minute else f"{hour}"
    return f"{clock} {'a.m.' if value.hour < 12 else 'p.m.'}"


def time_span(start: datetime, end: datetime) -> str:
    """'4:30 to 5:30 p.m. EST' on one day; with both dates when it runs past midnight."""
    zone = start.tzname() or ""
    if start.date() != end.date():
        return f"{ap_time(start)} {zone}, {date_long(start)}, to {ap_time(end)} {end.tzname() or ''}, {date_long(end)}".replace(" ,", ",")
    first, last = ap_time(start), ap_time(end)
    if first[-4:] == last[-4:] and first[-4:] in ("a.m.", "p.m."):
        first = first[:-5]  # '4:30 to 5:30 p.m.', not '4:30 p.m. to 5:30 p.m.'
    return f"{first} to {last} {zone}".strip()
