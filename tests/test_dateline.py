"""The dateline grammar: every wire's form, dates in the wires' languages, times and zones."""

from __future__ import annotations

from datetime import date, time

import pytest

from newsroom.importer.dateline import WIRE_TAGS, canonical_wire, find_dateline, find_signature
from newsroom.importer.dates import find_time, first_date, first_day_of_news, publish_time
from newsroom.importer.wire import parse_wire


@pytest.mark.parametrize("text, location, wire, day", [
    # Business Wire: the modern form with a date, the plain form, the older form with dashes around the tag.
    ("SAN JOSE, Calif., March 3, 2024--(BUSINESS WIRE)--Acme Corp. (NYSE: ACME) grew.", "San Jose, Calif.",
     "Business Wire", date(2024, 3, 3)),
    ("NEW YORK--(BUSINESS WIRE)--March 3, 2009--Acme grew.", "New York", "Business Wire", date(2009, 3, 3)),
    ("DENVER, Colo.- (BUSINESS WIRE) - May 2, 2011 - Acme grew.", "Denver, Colo.", "Business Wire", date(2011, 5, 2)),
    ("SAN JOSE, Calif. -- November 2 , 2021 (BUSINESS WIRE) -- Acme grew.", "San Jose, Calif.", "Business Wire",
     date(2021, 11, 2)),
    ("SAN FRANCISCO & TEL AVIV, Israel--(BUSINESS WIRE)--Acme grew.", "San Francisco & Tel Aviv, Israel",
     "Business Wire", None),
    # PR Newswire and its channels.
    ("SUMMIT, N.J., May 1, 2017 /PRNewswire/ -- Acme grew.", "Summit, N.J.", "PR Newswire", date(2017, 5, 1)),
    ("NEW YORK, Sept. 22, 2023 /PRNewswire-FirstCall/ -- Acme grew.", "New York", "PR Newswire", date(2023, 9, 22)),
    ("WASHINGTON, Jan. 5, 2021 /PRNewswire-USNewswire/ -- Acme grew.", "Washington", "PR Newswire", date(2021, 1, 5)),
    ("BEIJING, Nov. 17, 2008 /Xinhua-PRNewswire-FirstCall/ -- Acme grew.", "Beijing", "PR Newswire", date(2008, 11, 17)),
    ("Richmond, VA \u2022 November 2, 2006 / PRNEWSWIRE\nAcme grew.", "Richmond, VA", "PR Newswire",
     date(2006, 11, 2)),
    # GlobeNewswire, in and outside North America, with ISO dates, times and zones.
    ("CALGARY, Alberta, Jan. 9, 2019 (GLOBE NEWSWIRE) -- Acme grew.", "Calgary, Alberta", "GlobeNewswire",
     date(2019, 1, 9)),
    ("Helsingfors, Finland, 2013-12-04 08:00 CET (GLOBE NEWSWIRE) --\n\nAcme grew.", "Helsingfors, Finland",
     "GlobeNewswire", date(2013, 12, 4)),
    ("STOCKHOLM, Sweden, Aug. 7, 2003 (PRIMEZONE) -- Acme grew.", "Stockholm, Sweden", "GlobeNewswire",
     date(2003, 8, 7)),
    ("/EIN News/ -- TORONTO, Nov. 12, 2019 (GLOBE NEWSWIRE) -- Acme grew.", "Toronto", "GlobeNewswire",
     date(2019, 11, 12)),
    # Canada NewsWire / Cision, in English and in French.
    ("SAINT-BRUNO-DE-MONTARVILLE, Quebec, Oct. 3, 2018 /CNW/ - Acme grew.", "Saint-Bruno-De-Montarville, Quebec",
     "Canada NewsWire", date(2018, 10, 3)),
    ("MONTR\u00c9AL, le 22 avril 2024 /CNW Telbec/ - Acme grew.", "Montr\u00e9al", "Canada NewsWire",
     date(2024, 4, 22)),
    # Newsfile, Accesswire, NewMediaWire, Marketwired and the older Marketwire.
    ("Toronto, Ontario--(Newsfile Corp. - May 1, 2024) - Acme grew.", "Toronto, Ontario", "Newsfile", date(2024, 5, 1)),
    # A blog's typography turns the hyphens of the tag into en dashes.
    ("North Vancouver, British Columbia\u2013(Newsfile Corp. \u2013 May 31, 2022) \u2013 Acme grew.",
     "North Vancouver, British Columbia", "Newsfile", date(2022, 5, 31)),
    ("THORNTON, CO\u2014(Marketwired \u2013 Jul 11, 2017) \u2013 Acme grew.", "Thornton, CO", "Marketwired",
     date(2017, 7, 11)),
    ("LOS ANGELES, CA / ACCESSWIRE / June 5, 2019 / Acme grew.", "Los Angeles, CA", "Accesswire", date(2019, 6, 5)),
    # Accesswire's name since 2024, linked on a Markdown copy.
    ("**SANTA ANA, CA / [ACCESS Newswire](https://www.accessnewswire.com/) / February 6, 2025 /** Acme grew.",
     "Santa Ana, CA", "Accesswire", date(2025, 2, 6)),
    ("MONTEREY PARK, CA - July 31, 2026 (NEWMEDIAWIRE) - Acme grew.", "Monterey Park, CA", "NewMediaWire",
     date(2026, 7, 31)),
    ("JERICHO, N.Y. - (NewMediaWire) - November 12, 2024 - Acme grew.", "Jericho, N.Y.", "NewMediaWire",
     date(2024, 11, 12)),
    ("THORNTON, CO--(Marketwired - Jul 11, 2017) - Acme grew.", "Thornton, CO", "Marketwired", date(2017, 7, 11)),
    ("PALO ALTO, CA -- (Marketwired) -- 05/15/13 -- Acme grew.", "Palo Alto, CA", "Marketwired", date(2013, 5, 15)),
    ("BOSTON, MA--(Marketwire - March 1, 2011) - Acme grew.", "Boston, MA", "Marketwired", date(2011, 3, 1)),
    # Another service's slash tag, kept as printed; a company's own site, with no wire.
    ("DUBLIN, Ohio, May 2, 2018 /EINPresswire.com/ -- Acme grew.", "Dublin, Ohio", "EINPresswire.com", date(2018, 5, 2)),
    ("AUSTIN, Texas, January 28, 2026 \u2013 Acme grew.", "Austin, Texas", "", date(2026, 1, 28)),
    # A region in capitals is written as a name; Accesswire's shape with no wire named.
    ("TORONTO, ONTARIO, May 2, 2011 -- Acme grew.", "Toronto, Ontario", "", date(2011, 5, 2)),
    ("VANCOUVER, BC / July 16, 2020 / Acme grew.", "Vancouver, BC", "", date(2020, 7, 16)),
    # Two places; Business Wire's name between em dashes; PR Newswire's 'First Call' with a space.
    ("OMAHA, Neb., SAN JOSE, Calif., May 29, 2001 /PRNewswire/\u2014Acme grew.", "Omaha, Neb., San Jose, Calif.",
     "PR Newswire", date(2001, 5, 29)),
    ("San Rafael, CA and San Bernardino, CA \u2014 BUSINESS WIRE \u2014 November 24, 2003\u2014Acme grew.",
     "San Rafael, CA and San Bernardino, CA", "Business Wire", date(2003, 11, 24)),
    ("PARK CITY, Utah, Jul 29, 2003/PRNewswire-First Call/\u2014Acme grew.", "Park City, Utah", "PR Newswire",
     date(2003, 7, 29)),
    ("NEW YORK, June 10, 2008 (PRIME NEWSWIRE) -- Acme grew.", "New York", "GlobeNewswire", date(2008, 6, 10)),
    ("SAN DIEGO, Oct 30, 2006 /PRNewswire-FirstCall via COMTEX News Network/ \u2014 Acme grew.", "San Diego",
     "PR Newswire", date(2006, 10, 30)),
    # A scraper glued the place to the month.
    ("NEW YORKMarch 12, 2019 /PRNewswire/ \u2014 Acme grew.", "New York", "PR Newswire", date(2019, 3, 12)),
    ("REDMOND, Wash. \u2014 July 30, 2024 \u2014\nAcme grew.", "Redmond, Wash.", "", date(2024, 7, 30)),
    ("Leuven, BELGIUM \u2013 April 5, 2024 \u2013 02:00 PM CET Acme grew.", "Leuven, Belgium", "", date(2024, 4, 5)),
    ("Torrance,\nCalifornia, August 19, 2009 \u2013 Acme grew.", "Torrance, California", "", date(2009, 8, 19)),
])
def test_every_wire_form(text: str, location: str, wire: str, day: date | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.location, found.wire, found.date) == (location, wire, day)
    assert text[found.end:].lstrip().startswith("Acme ") and text.endswith("grew.")


def test_a_bare_place_and_dash_opens_the_story_only_after_the_headline() -> None:
    text = "Verizon Declares Dividend\nNEW YORK \u2014 The Board of Directors of Verizon declared a dividend."
    found = find_dateline(text, story_from=text.index("\n") + 1)
    assert found is not None and (found.location, found.wire, found.date) == ("New York", "", None)
    assert find_dateline("DGAP-Ad-hoc: METRO AG / Key word(s): Personnel\nThe board met.") is None
    assert find_dateline("ANNOUNCES RECORD RESULTS -- The board met.") is None


def test_a_dateline_without_a_year_keeps_month_and_day() -> None:
    found = find_dateline("DALLAS, March 3 /PRNewswire-FirstCall/ -- Belo Corp. declared a dividend.")
    assert found is not None and found.date is None and found.partial_date == (3, 3)


def test_a_signature_gives_place_and_date_when_there_is_no_dateline() -> None:
    assert find_signature("Orkla owns shares.\nOrkla ASA\nOslo, 4 December 2015\nRef.:") == ("Oslo", date(2015, 12, 4))
    assert find_signature("We met in Oslo, 4 December 2015 and agreed.") is None


@pytest.mark.parametrize("tag, name", [("PRNewswire-FirstCall", "PR Newswire"), ("(GLOBE NEWSWIRE)", "GlobeNewswire"),
                                       ("Marketwire", "Marketwired"), ("CNW Telbec", "Canada NewsWire"),
                                       ("Newsfile Corp.", "Newsfile"), ("EQS Newswire", "EQS"), ("Reuters", "")])
def test_canonical_wire_names(tag: str, name: str) -> None:
    assert canonical_wire(tag) == name


def test_the_table_of_tags_names_every_wire_the_readme_lists() -> None:
    assert {name for name, _ in WIRE_TAGS} >= {"Business Wire", "PR Newswire", "GlobeNewswire", "Canada NewsWire",
                                               "Marketwired", "Newsfile", "Accesswire", "NewMediaWire", "EQS"}


@pytest.mark.parametrize("text, day", [
    ("July 11, 2017", date(2017, 7, 11)), ("Sept. 22, 2023", date(2023, 9, 22)), ("11 July 2017", date(2017, 7, 11)),
    ("2024-03-05", date(2024, 3, 5)), ("06.05.2024", date(2024, 5, 6)), ("05/10/17", date(2017, 5, 10)),
    ("le 1er mai 2024", date(2024, 5, 1)), ("4 december 2013", date(2013, 12, 4)), ("24. April 2023", date(2023, 4, 24)),
    ("Monday, June 3, 2013", date(2013, 6, 3)), ("February 30, 2024", None), ("no date here", None),
    ("November 2 , 2021", date(2021, 11, 2)),  # a PDF's copy puts a space before the comma
])
def test_dates_in_the_wires_languages(text: str, day: date | None) -> None:
    assert first_date(text) == day


@pytest.mark.parametrize("text, at, zone, published", [
    ("Apr 03, 2019, 16:01 ET", time(16, 1), "ET", "2019-04-03T16:01:00-04:00"),
    ("May 29, 2024 8:00am EDT", time(8, 0), "EDT", "2019-04-03T08:00:00-04:00"),
    ("March 08, 2019 04:10 PM Eastern Standard Time", time(16, 10), "EASTERN STANDARD TIME",
     "2019-04-03T16:10:00-04:00"),
    ("2013-12-04 08:00 CET", time(8, 0), "CET", "2019-04-03T08:00:00+02:00"),
    ("02.05.2023 / 10:55 CET/CEST", time(10, 55), "CET/CEST", "2019-04-03T10:55:00+02:00"),
])
def test_times_and_zones(text: str, at: time, zone: str, published: str) -> None:
    assert find_time(text) == (at, zone)
    assert publish_time(date(2019, 4, 3), at, zone) == published


def test_a_flattened_copys_dateline_inside_its_one_long_line() -> None:
    text = ("EQS-Adhoc: Acme AG / Key word(s): Bond Acme: Possible Increase of the Interest Rate of the Bond 2018/2023 "
            "Berlin, 26 March 2021 - Acme AG (ISIN: DE000A2NBF25) expects on the basis of preliminary figures that its "
            "equity ratio as defined in the terms of its bond will be below 15 % at the end of the year, and the "
            "interest rate of the bond would rise by half a point from November, unless the equity ratio in its half-year "
            "report is above 15 % again.")
    found = find_dateline(text)
    assert found is not None and (found.location, found.date) == ("Berlin", date(2021, 3, 26))
    assert text[found.end:].startswith("Acme AG (ISIN")
    # Inside an ordinary paragraph, a place and date are prose, not a dateline.
    assert find_dateline("Acme met its lenders.\n\nThe talks began in Berlin, 26 March 2021 - Acme said.") is None


def test_a_dateline_with_the_date_before_the_place() -> None:
    text = ("Disclosure of an inside information acc. to Article 17 MAR.\n\n"
            "October 5, 2017, Bremen - The European Commission has ordered four satellites from Acme AG.")
    found = find_dateline(text)
    assert found is not None and (found.location, found.wire, found.date) == ("Bremen", "", date(2017, 10, 5))
    assert text[found.end:].startswith("The European")
    assert text[found.start:].startswith("October 5")


def test_a_ticker_tag_before_the_place_is_not_part_of_it() -> None:
    found = find_dateline("Acme announces results\nTSX:ACM TORONTO, Nov. 12 /CNW/ - Financial Highlights")
    assert found is not None and found.location == "Toronto"
    found = find_dateline("MP MENASHE, Israel, May 11, 2021 (GLOBE NEWSWIRE) -- Acme Ltd. announced.")
    assert found is not None and found.location == "MP Menashe, Israel"


def test_a_region_in_brackets() -> None:
    found = find_dateline("Acme publishes its results\n\nMortsel (Belgium), August 28, 2013 - Acme today announced.")
    assert found is not None and (found.location, found.date) == ("Mortsel, Belgium", date(2013, 8, 28))
    assert find_dateline("NEW YORK (Reuters) - Acme said.") is None  # an agency is no region


def test_a_dateline_broken_across_two_lines_before_its_tag() -> None:
    found = find_dateline("Acme to Reschedule Special Meeting for March 5, 2008 GREENWICH, Conn., Feb.\n"
                          "22 /PRNewswire-FirstCall/ -- Acme Corp. announced today.")
    assert found is not None and (found.location, found.wire, found.partial_date) == ("Greenwich, Conn.", "PR Newswire",
                                                                                        (2, 22))


def test_a_date_followed_by_dots_and_a_region_in_capitals() -> None:
    found = find_dateline("Acme Acquires Beta\n\nCONCORD, NEW HAMPSHIRE, September 26, 2000...ACME CORPORATION announced.")
    assert found is not None and (found.location, found.date) == ("Concord, New Hampshire", date(2000, 9, 26))


def test_a_date_in_brackets_and_a_title_case_place_with_its_region() -> None:
    found = find_dateline("**TORONTO, ON (May 29, 2020)** – Acme Inc. (TSXV: EQ) announced its results.")
    assert found is not None and (found.location, found.date) == ("Toronto, ON", date(2020, 5, 29))
    text = "Acme publishes nine-month results\n\nPlanegg-Martinsried, Germany – Acme AG (FSE: FYB) today reports."
    found = find_dateline(text, text.index("\n"))
    assert found is not None and found.location == "Planegg-Martinsried, Germany"
    assert find_dateline("Acme publishes results\n\nMeanwhile the market – Acme said.", 10) is None


def test_a_release_without_a_date_of_its_own_is_not_dated_at_the_end_of_a_period() -> None:
    assert first_day_of_news("Results for the quarter ended September 30, 2021. The call is on November 2, 2021.") == \
        date(2021, 11, 2)
    assert first_day_of_news("Balance as at June 30, 2020.") == date(2020, 6, 30)  # no other date: that one
    assert first_day_of_news("no date") is None


def test_a_place_in_capitals_with_an_apostrophe() -> None:
    assert find_dateline("RA'ANANA, Israel, August 4, 2008 -- Acme Ltd. reported.").location == "Ra'anana, Israel"
    assert find_dateline("O'FALLON, Mo., August 4, 2008 -- Acme Inc. reported.").location == "O'Fallon, Mo."


def test_a_french_dateline_with_no_year() -> None:
    """'WINNIPEG, le 6 août /CNW Telbec/ -': the year comes from the text, as for 'March 3 /CNW/'."""
    draft = parse_wire("Corporation Financière Power - Résultats financiers du semestre\n\nWINNIPEG, le 6 août /CNW Telbec/ - "
                       "Le bénéfice d'exploitation de la Corporation Financière Power pour le semestre terminé le 30 juin "
                       "2010 s'est établi à 814 M$.\n")
    assert (draft.date.isoformat(), draft.location, draft.wire) == ("2010-08-06", "Winnipeg", "Canada NewsWire")


@pytest.mark.parametrize("text, place, when", [
    ("BASKING RIDGE, NJ, April 28, 2005, Acme Holmes, Inc. (AMEX:AH) today reported results.\n", "Basking Ridge, NJ",
     date(2005, 4, 28)),
    ("Plainview, N.Y., October 28, 2015 Acme Instruments Inc. (Nasdaq: ACME) announced results.\n", "Plainview, N.Y.",
     date(2015, 10, 28)),
    ("ACME REPORTS FIRST QUARTER RESULTS " * 12 + "Cambridge, Ontario (August 17, 2011): Acme Systems Inc. (TSX: ATA) "
     "today reported its results.\n", "Cambridge, Ontario", date(2011, 8, 17)),
])
def test_a_dateline_ending_in_a_comma_a_space_or_a_bracketed_date(text: str, place: str, when: date) -> None:
    found = find_dateline(text)
    assert found is not None and (found.location, found.date) == (place, when)


def test_a_page_s_byline_naming_the_wire_is_no_dateline() -> None:
    assert find_dateline("Acme Announces Results\n\nBusiness Wire 5-Aug-2024 4:05 PM\n\nAcme Corp. announced.\n") is None
    assert first_date("Business Wire 5-Aug-2024 4:05 PM") == date(2024, 8, 5)


def test_a_year_the_release_reports_as_over_puts_its_dateline_after_it() -> None:
    draft = parse_wire("Acme Group Inc. Reports Results for Fourth Quarter and Full Year 2006\n\n"
                       "  - Note: the figures reflect the stock split which was effective\n    May 17, 2005.\n\n"
                       "TORONTO, January 31 /CNW/ - Acme Group Inc. today reported results for the fourth quarter and full "
                       "year ended December 31, 2006.\n")
    assert draft.date == date(2007, 1, 31)


@pytest.mark.parametrize("text, when", [("Bíldudalur, 9th of November 2023", date(2023, 11, 9)),
                                        ("30 8\uc6d4 2019 8:27AM", date(2019, 8, 30))])
def test_dates_as_a_nordic_newsroom_and_a_korean_page_print_them(text: str, when: date) -> None:
    assert first_date(text) == when


def test_a_signed_place_and_date_with_an_ordinal_is_enough_to_import() -> None:
    draft = parse_wire("GlobeNewswire by notified\n\nCORRECTION: Q3 2023 results: A stable production quarter\n\n"
                       "Bíldudalur, 9th of November 2023\n\nAcme Salmon is the parent company of Acme Farms. The group reported "
                       "revenues of 42 million EUR in the third quarter 2023.\n")
    assert (draft.date, draft.location) == (date(2023, 11, 9), "Bíldudalur")


def test_a_dateline_ended_by_a_full_stop() -> None:
    found = find_dateline("Berlin, 22 April 2024. According to preliminary calculations, Acme SE achieved sales.\n")
    assert found is not None and (found.location, found.date) == ("Berlin", date(2024, 4, 22))


def test_a_day_name_before_a_date_signs_nothing() -> None:
    assert find_signature("Tuesday, July 15, 2003\n") is None
    assert find_signature("Oslo, 4 December 2015\n") == ("Oslo", date(2015, 12, 4))


@pytest.mark.parametrize("text", ["23-02-2010", "02-23-2010"])
def test_a_date_in_digits_and_hyphens_either_way_round(text: str) -> None:
    assert first_date(text) == date(2010, 2, 23)


@pytest.mark.parametrize("text, location", [
    ("NEW BRUNSWICK, N.J. and TORONTO, Nov. 25, 2021 /PRNewswire/ -- Acme Labs Inc. grew.", "New Brunswick, N.J. and Toronto"),
    ("CARY, N.C. & LONDON--(BUSINESS WIRE)--Nov. 15, 1999--The Acme Corporation grew.", "Cary, N.C. & London"),
])
def test_a_region_s_abbreviation_then_a_second_place(text: str, location: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.location == location


@pytest.mark.parametrize("text, location", [("Eau\nClaire, Wisconsin (April 30, 2010) -- Acme Industries, Inc. grew.",
                                             "Eau Claire, Wisconsin"),
                                            ("LAS\nVEGAS, November 30, 2007 -- Acme International, Inc. grew.", "Las Vegas")])
def test_a_place_broken_after_its_first_word_by_a_converted_exhibit(text: str, location: str) -> None:
    found = find_dateline("ACME ANNOUNCES INCREASED FIRST QUARTER EARNINGS\n" + text)
    assert found is not None and found.location == location


def test_a_wrapped_dateline_broken_before_its_region() -> None:
    draft = parse_wire("Acme Announces Fourth Quarter and Year-End Earnings BLUE BALL,\nPa., Feb. 8 /PRNewswire-FirstCall/ -- "
                       "Acme Financial Services\nCorp. (NASDAQ:ACME) reports net income for the fourth quarter of 2004 of $1.8\n"
                       "million.\n")
    assert (draft.location, draft.wire, draft.title) == ("Blue Ball, Pa.", "PR Newswire",
                                                         "Acme Announces Fourth Quarter and Year-End Earnings")


def test_a_date_then_a_place_between_dashes_under_a_letterhead_s_address() -> None:
    draft = parse_wire("|Acme Resources Ltd.\nSuite 550 \u2013 999 W. Hastings Street\nVancouver, BC V6C 2W2 Canada\nTSX: ACM\n"
                       "|T 604-682-2205\nACME REPORTS RESULTS FOR SECOND QUARTER\nAugust 14, 2009 \u2013 Vancouver, BC \u2013 "
                       "Acme Resources Ltd. (TSX: ACM) reports results for its second financial quarter ended June 30, 2009.\n")
    assert (draft.location, draft.date, draft.title) == ("Vancouver, BC", date(2009, 8, 14),
                                                         "ACME REPORTS RESULTS FOR SECOND QUARTER")


def test_a_place_and_date_line_naming_two_places_is_no_sub_headline() -> None:
    draft = parse_wire("Acme Labs Reports Third Quarter Results\n\nNEW BRUNSWICK, N.J. and TORONTO, Nov. 25, 2021\n\n"
                       "NEW BRUNSWICK, N.J. and TORONTO, Nov. 25, 2021 /PRNewswire/ -- Acme Labs Inc. (TSXV: ACME) released "
                       "results for its third quarter.\n")
    assert (draft.subtitle, draft.location) == ("", "New Brunswick, N.J. and Toronto")


def test_a_place_after_a_highlight_s_closing_dash() -> None:
    found = find_dateline("Acme Foods Reports Results\n    -  Dividend increased by 10% -LUNENBURG, NS, July 31 /CNW/ - "
                          "Acme Foods Incorporated (TSX:ACME) today reported results.\n")
    assert found is not None and found.location == "Lunenburg, NS"


@pytest.mark.parametrize("story, year", [
    ("Acme expects revenue during the remainder of 2001 and more than $12 million of revenue in 2002.", 2001),
    ("Acme priced its 7.5% senior unsecured notes due 2020 and will redeem its Senior Notes due 2016 and its "
     "Convertible Notes due 2010.", 2010),
])
def test_a_dateline_without_its_year_takes_the_year_the_story_is_in(story: str, year: int) -> None:
    draft = parse_wire(f"Acme Announces Its Plans\n\nOMAHA, Neb., May 29 /PRNewswire/ -- {story}\n")
    assert draft.date == date(year, 5, 29)


@pytest.mark.parametrize("text, location", [
    ("ACME WORLDWIDE REPORTS FIRST QUARTER FINANCIAL RESULTS BOCA RATON, Fla., May 22 /PRNewswire-FirstCall/ -- Acme "
     "Worldwide Corp. today reported results.", "Boca Raton, Fla."),
    ("dashboard. Full Release Nashville, Tennessee, Feb. 11, 2025 (GLOBE NEWSWIRE) -- Acme Holdings, Inc. regained "
     "compliance.", "Nashville, Tennessee"),
])
def test_a_headline_s_last_words_run_into_the_place(text: str, location: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.location == location


def test_a_sentence_opening_with_on_and_a_date_is_no_dateline() -> None:
    assert find_dateline("Director Dealing\n\nOn 8 November 2017, Acme issued a total of 109,296 new ordinary shares.\n") is None


def test_a_date_the_text_prints_anywhere_dates_a_release_with_no_other() -> None:
    draft = parse_wire("ACME BUYS SHARES IN WIDGET\nAcme Abp NOTICE of 1 oktober 2008\nACME BUYS SHARES IN WIDGET\nScan AB has bought a stake in a "
                       "company that makes chilled ready meals, and expects sales to grow.\n")
    assert draft.date == date(2008, 10, 1)


@pytest.mark.parametrize("text, location, wire", [
    ("New York, New York (April 19, 2004). Acme Corporation (NYSE: ACME) earned $83.8 million.", "New York, New York", ""),
    ("DENVER, CO \u2014 (PR Newswire) \u2014 November 7, 2005 \u2014 Acme Energy Resources, Inc. (NASDAQ: ACME) today "
     "announced its results.", "Denver, CO", "PR Newswire"),
])
def test_a_bracketed_date_ended_by_a_full_stop_and_pr_newswire_named_in_brackets(text: str, location: str, wire: str) -> None:
    found = find_dateline("ACME REPORTS FIRST QUARTER RESULTS\n" + text + "\n")
    assert found is not None and (found.location, found.wire) == (location, wire)


def test_a_portal_s_published_stamp_is_no_dateline() -> None:
    assert find_dateline("Acme Sells a Business\n\nPublished 11/14/2022, 06:52 AM\n\nAcme reported results today.\n") is None


@pytest.mark.parametrize("text", ["Contact, 7 August 2014 - Acme N.V. today announced its results.",
                                  "Draft, November 18, 2014 \u2013 Acme Biosciences Group, Inc. reported results.",
                                  "Acme Limited, 13 January 2014 - Acme has restarted drilling at its project.",
                                  "Interim Report, 26 April 2006 - Acme Plc's net sales grew."])
def test_a_label_a_stamp_or_a_company_is_no_place(text: str) -> None:
    found = find_dateline("ACME REPORTS RESULTS\n" + text + "\n")
    assert found is None or found.location == ""


@pytest.mark.parametrize("text, when", [("TORONTO, le 29 avr. 2009", date(2009, 4, 29)), ("Paris, febrero 14 de 2019", date(2019, 2, 14)),
                                        ("Roma, 4 agosto 2017", date(2017, 8, 4)), ("Madrid, 14 de febrero de 2019", date(2019, 2, 14))])
def test_french_abbreviations_spanish_and_italian_dates(text: str, when: date) -> None:
    assert first_date(text) == when


def test_a_city_named_with_of_is_a_place() -> None:
    found = find_dateline("Acme Completes Acquisition\n\nKING OF PRUSSIA, Pa., Oct. 10, 2012 /PRNewswire/ -- Acme Health Services, "
                          "Inc. (NYSE: ACME) announced today it has completed an acquisition.\n")
    assert found is not None and found.location == "King of Prussia, Pa."


def test_a_date_only_in_a_link_s_path_dates_a_release() -> None:
    draft = parse_wire("Order värd 100 MSEK till Acme Aerotech\n\nOrder värd 100 MSEK till Acme Aerotech Acmes affärsenhet har fått "
                       "en beställning. Mer information finns på http://www.bit.se Följande filer finns att ladda ned: "
                       "http://www.bit.se/bitonline/1998/12/02/19981202BIT00190/bit0001.doc\n")
    assert draft.date == date(1998, 12, 2)


@pytest.mark.parametrize("text, location", [
    ("March 30, 2004 - New York, New York\n\nAcme Corp. (NASDAQ: ACME) today announced a net loss.", "New York, New York"),
    ("Morgantown, WV; 8:30 AM ET November 18, 2014 \u2013 Acme Biosciences Group, Inc. (OTCQB: ACME) announced today.",
     "Morgantown, WV"),
    ("            'MUNICH, Germany, Nov. 15, 2022 (GLOBE NEWSWIRE) -- Acme Semiconductors (NASDAQ: ACME) announced.",
     "Munich, Germany"),
])
def test_a_place_after_its_date_on_a_line_a_time_after_a_semicolon_and_a_quoted_dateline(text: str, location: str) -> None:
    found = find_dateline("ACME ANNOUNCES RESULTS\n\n" + text + "\n")
    assert found is not None and found.location == location


def test_a_quote_page_s_closing_stamp_is_no_dateline() -> None:
    found = find_dateline("ACM Acme Group Plc\n\n221.00\n0.00 (0.00%)\n19 Apr 2024 - Closed\nDelayed by 15 minutes\n")
    assert found is None or found.location != "Closed"
