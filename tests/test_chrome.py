"""CHROME: the lines a copying page prints around a release, and never a line of the release."""

from __future__ import annotations

import pytest

from newsroom.importer.chrome import CHROME


@pytest.mark.parametrize("line", [
    "EXHIBIT 99.1", "News provided by", "URL Source: https://example.com/news/acme", "Share this article",
    "SYS-CON MEDIA Authors: Doug Masi, Mat Mathews", "UK Regulatory", "Press Release Source: Discovery Laboratories, Inc.",
    "We've detected that you're using an ad content blocking browser plug-in or feature. Ads provide revenue.",
    "Biotech / Medical : dsco Discovery Laboratories -- Ignore unavailable to you. Want to Upgrade?",
    "To: Arthur Radley who wrote (259)2/18/2010 11:50:35 AM", "From: tuck  Read Replies (2) | Respond to of 318",
    "SI", "TXMC -", "99.1", "Home > News > Press Releases", "Skip to main content", "Press ReleaseSource: Torstar Corporation",
    "/ Key word(s): Quarterly / Interim Statement", "Page 2 of 7", "3 hours ago",
])
def test_a_copying_page_s_lines_are_chrome(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", [
    "Discovery Labs Prices $16.5 Million Public Offering of Common Stock and Warrants",
    "Acme Reports Third Quarter 2026 Results", "Tellza Announces 2014 Q2 Financial Results",
    "Revenue for the six months ended June 30th climbs to $124M USD", "Third Quarter 2026 Highlights",
    "To: the shareholders of Acme Corp.",  # a letter's address, no forum's reply header
])
def test_a_release_s_lines_are_not(line: str) -> None:
    assert not CHROME.match(line)


@pytest.mark.parametrize("line", ["In This Article:", "\u00b74 min read In this article:",
                                  "Disclosure of insider information pursuant to Article 17 para. (1) of Regulation (EU) No. 596/2014"])
def test_an_aggregator_s_and_a_notice_s_lines(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", ["Release of an ad hoc announcement pursuant to Art. 53 LR",
                                  "For best results when printing this announcement, please click on link below:",
                                  "Autor: Accesswire"])
def test_a_notice_s_label_a_printing_hint_and_a_portal_s_byline(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", ["/NOT FOR DISTRIBUTION TO UNITED STATES NEWSWIRE SERVICES OR FOR DISSEMINATION IN THE UNITED STATES/",
                                  "Block ip Trap"])
def test_a_framed_distribution_notice_and_a_honeypot_link(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", ["Get 40% Off", "Which stocks will surge next?", "Unlock AI-picked Stocks",
                                  "Dépèche transmise le 16 novembre 2009 par Business Wire", "READ IT ON THE WEB",
                                  "Regulatory News:", "S & P 500"])
def test_portal_offers_a_french_dispatch_note_and_a_web_pointer(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", ["Saltar al contenido", "Dimensione: px", "Iniziare la visualizzazioe della pagina:", "Transcript",
                                  "DGAP-Adhoc 334 0 Kommentare", "0 Donnez votre avis Sponsorisé par GlobeNewsWire"])
def test_portal_chrome_in_spanish_italian_german_and_french(line: str) -> None:
    assert CHROME.match(line)


@pytest.mark.parametrize("line", ["Alle Storys", "Folgen", "Keine Story von Acme AG mehr verpassen.",
                                  "Download this Press Release (opens in new window)",
                                  "Disclosure announcement transmitted by euro adhoc. The issuer is responsible for the content."])
def test_a_german_press_portal_s_and_an_ir_page_s_lines(line: str) -> None:
    assert CHROME.match(line)
