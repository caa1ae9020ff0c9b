"""A letterhead's lines above a release's headline: its address, and its contacts' labels, names,
roles and numbers, set apart from the headline (opening.py moves them to the release's Contacts).
"""

from __future__ import annotations

import re

from newsroom.importer.headline import CONTACT_INFO, LEGAL_END

# A letterhead's address: 'Metro Center, One Station Place Stamford, CT 06902', '…, Ontario M5J 2T3'.
ADDRESS = re.compile(r"(?:\b[A-Z]{2}\s+\d{5}(?:-\d{4})?|,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+\d{5}(?:-\d{4})?|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d)"
                     r"(?:,?\s+(?:Canada|USA|U\.S\.A\.))?$")  # '…, Ontario M5J 2T3', 'Vancouver, BC V6C 2W2 Canada
STREET = re.compile(r"^\d|\b(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Suite|Center|Centre|Place|Plaza|Floor|Drive|Dr\.|"
                    r"Boulevard|Blvd\.?|Way|Parkway|Square|Tower|Building|Lane)\b")
CONTACT_LABEL = re.compile(r"^(?:for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact:?$|"
                           r"(?:for\s+immediate\s+release\s*)?contacts?\s+for\s+.{2,60}:$|"  # 'Contact for Acme, Inc.:'
                           r"(?:(?:media|investor|investors|press|analyst|company|ir|financial)\s+)*"
                           r"(?:relations\s+)?(?:contacts?|inquiries)\s*:?|(?:investors?|media|press|analysts?)\s*:\s*"
                           r"[A-Z][a-z]+\s+[A-Z]|(?:presse)?kontakte?\s*:?$)", re.I)  # 'Investors: John Capodanno / …'

ROLE = re.compile(r",\s*(?:(?:Acting|Interim)\s+)?(?:Chief|President|Vice|Executive|Senior|Director|Manager|Head|CEO|CFO|COO|Chair|"
                  r"Investor|Media|Public|Corporate|Communications|Treasurer|Secretary|General|Partner)", re.I)
# A job title anywhere in a line: 'Senior Vice President, Finance', 'and Chief Financial Officer'.
JOB_TITLE = re.compile(r"\b(?:(?:Senior|Executive)\s+)?Vice\s+President\b|\bChief\s+\w+(?:\s+\w+)?\s+Officer\b|"
                       r"\bInvestor\s+Relations\b|\bMedia\s+Relations\b")
# A person's name on a line of its own: 'Patrick E. Phelan,', 'Jane Doe'.
PERSON_LINE = re.compile(r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)*\s+[A-Z][a-z'\u2019-]+,?")


def is_contact_line(line: str) -> bool:
    """A name, a title, a company, a phone number or an address: not a headline."""
    words = line.split()
    return bool(CONTACT_INFO.search(line) or len(words) <= 3 or ROLE.search(line) or LEGAL_END.search(line)
                or JOB_TITLE.search(line)
                or re.fullmatch(r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)+\s+[A-Z][a-z'\u2019-]+", line)
                or re.match(r"(?:Phone|Tel|Fax|E-?mail|Cell|Mobile|Office|Direct|Web)\b", line, re.I))
