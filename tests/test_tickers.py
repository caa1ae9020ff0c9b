"""Ticker tags: every spelling of an exchange one way, many symbols or exchanges in one tag,
and only the issuer's own listings."""

from __future__ import annotations

import pytest

from newsroom.importer.tickers import EXCHANGES, exchange_code, named_listings, strip_tickers, tickers


@pytest.mark.parametrize("spelling, code", [
    ("NYSE American", "NYSEAMERICAN"), ("NYSE MKT", "NYSEAMERICAN"), ("AMEX", "NYSEAMERICAN"), ("NYSE-A", "NYSEAMERICAN"),
    ("TSX-V", "TSXV"), ("TSX.V", "TSXV"), ("TSX Venture", "TSXV"), ("TSXV", "TSXV"), ("CSE", "CSE"),
    ("OTC Pink", "OTCPINK"), ("Pink Sheets", "OTCPINK"), ("OTCQX", "OTCQX"), ("OTCQB", "OTCQB"),
    ("OTCMKTS", "OTC"), ("OTC Markets", "OTC"), ("AIM", "AIM"), ("LSE", "LSE"), ("London Stock Exchange", "LSE"),
    ("ASX", "ASX"), ("Nasdaq", "NASDAQ"), ("NasdaqGS", "NASDAQ"), ("Nasdaq Global Select Market", "NASDAQ"), ("NASDAQ Global", "NASDAQ"), ("Nasdaq Capital", "NASDAQ"),
    ("Frankfurt", "FRA"), ("FWB", "FRA"), ("Nasdaq Stockholm", "NASDAQSTOCKHOLM"),
    ("Euronext Brussels", "EURONEXTBRUSSELS"), ("Euronext", "EURONEXT"), ("Room", ""), ("the Company", ""),
])
def test_every_exchange_spelling_is_folded_one_way(spelling: str, code: str) -> None:
    assert exchange_code(spelling) == code


def test_the_table_folds_onto_a_few_codes() -> None:
    assert set(EXCHANGES.values()) >= {"NASDAQ", "NYSE", "NYSEAMERICAN", "TSX", "TSXV", "CSE", "OTCPINK", "OTCQB",
                                       "OTCQX", "OTC", "ASX", "LSE", "AIM", "FRA"}


@pytest.mark.parametrize("lede, found", [
    ("Chronicle Communications Inc. (OTCBB:CRNC - news) today announced", ("OTCBB:CRNC",)),
    ("01 Acme Laboratory Inc. (ONE:TSX-V) today announced", ("TSXV:ONE",)),  # the symbol first
    ("Acacia Research Corporation (Nasdaq: ACTG; CBMX) today reported", ("NASDAQ:ACTG", "NASDAQ:CBMX")),
    ("Acme Fields International Ltd. (SYMBOL: DFI) wishes to announce", ()),
    ("Discovery Labs, Inc. (Nasdaq:DSCO - News) today announced", ("NASDAQ:DSCO",)),
    ("MicroStrategy(R) Incorporated (Nasdaq:MSTR) today announced", ("NASDAQ:MSTR",)),
    ("Comtex News Network, Inc. (BULLETIN BOARD: CMTX) today announced", ("OTCBB:CMTX",)),
    ("Lithium Corporation [OTCQB \u2013 LTUM] is pleased", ("OTCQB:LTUM",)),
    ('Future Metals NL ("Future Metals" or the "Company", ASX | AIM: FME), is pleased', ("ASX:FME", "AIM:FME")),
    ("Canadian Pacific (TSX :CP ) (NYSE :CP ) announced.", ("TSX:CP", "NYSE:CP")),
    ("Ascent Solar Technologies, Inc. ( OTCQB : ASTI), a developer, announced.", ("OTCQB:ASTI",)),
    ("Viveve Medical, Inc. (Viveve) (NASDAQ: VIVE) announced.", ("NASDAQ:VIVE",)),
    ("Acme (NYSE American: ACU; TSX: ACU) announced.", ("NYSEAMERICAN:ACU", "TSX:ACU")),
    ("Medexus Inc. (TSXV: MDP, OTCQB: PDDPF) announced.", ("TSXV:MDP", "OTCQB:PDDPF")),
    ("Verizon Communications Inc. (NYSE, Nasdaq: VZ) declared.", ("NYSE:VZ", "NASDAQ:VZ")),
    ("GigCapital, Inc., (NYSE: GIG, GIG.U, GIG.RT, and GIG.WS) announced.",
     ("NYSE:GIG", "NYSE:GIG.U", "NYSE:GIG.RT", "NYSE:GIG.WS")),
    ("Gold Terra Resource Corp. (TSXV:YGT)(Frankfurt:TX0)(OTCQB:YGTFF) will host.",
     ("TSXV:YGT", "FRA:TX0", "OTCQB:YGTFF")),
    ("Acme \u2013 Ascent Solar (OTCMKTS: ASTI) grew.", ("OTC:ASTI",)),
    ("Acme (the \"Company\") announced a location: Room 5.", ()),
    ("Auxly Cannabis Group Inc. (TSX - XLY) (OTCQX: CBWTF) released.", ("TSX:XLY", "OTCQX:CBWTF")),
    ("Acme Gold Corporation (MOZ-TSX) announced.", ("TSX:MOZ",)),
    ("Acme (ACME-Nasdaq) announced; the TSX-V (TSX-V) did not.", ("NASDAQ:ACME",)),
    ("ACME CORPORATION (NASDAQ/NMS:ROAC) announced.", ("NASDAQ:ROAC",)),
    ("The Board of Directors of TrustCo Bank Corp NY (TrustCo, Nasdaq: TRST) declared.", ("NASDAQ:TRST",)),
    ("Acme AG (FSE: FYB, \u201cAcme\u201d) today reports.", ("FRA:FYB",)),
    ("The Board of Acme Technologies plc ((AIM:BVM) 'Acme', the 'Company') is pleased.", ("AIM:BVM",)),
])
def test_ticker_tags(lede: str, found: tuple[str, ...]) -> None:
    assert tickers(lede) == found


def test_only_the_listings_after_the_issuers_name_are_its_own() -> None:
    lawsuit = ("The Schall Law Firm, a shareholder rights firm, reminds investors of a class action lawsuit against "
               "MongoDB, Inc. (\"MongoDB\" or \"the Company\") (NASDAQ: MDB).")
    assert tickers(lawsuit, "The Schall Law Firm") == ()
    assert tickers("Calvin B. Taylor Bankshares, Inc. (the \u201cCompany\u201d) (OTCQX: TYCB), parent of a bank",
                   "Calvin B. Taylor Bankshares, Inc.") == ("OTCQX:TYCB",)
    assert tickers("Loblaw Companies Limited's (TSX: L) Board declared.", "Loblaw Companies Limited") == ("TSX:L",)


def test_a_lede_without_its_tags_reads_as_a_sentence() -> None:
    assert strip_tickers("ImagineAR (CSE: IP) (OTCQB: IPNFF) an AR company, announced.") == \
        "ImagineAR, an AR company, announced."


def test_listings_written_out_in_words() -> None:
    assert named_listings("MDC Partners' shares are traded on the Toronto Stock Exchange under the symbol MDZ.A and on "
                          "NASDAQ under the symbol MDCA.") == ("TSX:MDZ.A", "NASDAQ:MDCA")


def test_a_quoted_symbol_after_an_exchange_of_three_words() -> None:
    assert tickers('The Tirex Corporation (OTC Bulletin Board - "TXMC") announced') == ("OTCBB:TXMC",)


def test_yahoo_s_rewritten_toronto_symbols() -> None:
    assert tickers("Torstar Corporation (Toronto:TS-B.TO - News) announced") == ("TSX:TS.B",)
    assert tickers("Acme Mining (Toronto:ABC.TO - Quote) announced") == ("TSX:ABC",)


def test_a_symbol_in_quotes_and_a_euronext_market_named_by_its_city() -> None:
    assert tickers("Opus Bank (\u201cOpus\u201d) (NASDAQ: \u201cOPB\u201d) announced today", "Opus Bank") == ("NASDAQ:OPB",)
    assert tickers("Verallia (Paris:VRLA):") == ("PARIS:VRLA",)


def test_a_nasdaq_tier_after_a_slash_is_nasdaq() -> None:
    assert tickers("Acme Research Corporation (NASDAQ/NM:ACME), a leader in measurement, today announced results.") == (
        "NASDAQ:ACME",)


def test_a_tag_after_a_defined_name_whose_bracket_a_copy_lost() -> None:
    assert tickers("Acme Limited (\u201cAcme\u201d(TSX VENTURE:ACM) is pleased to announce a placement.", "Acme Limited") == (
        "TSXV:ACM",)


def test_nasdaq_omx_is_nasdaq() -> None:
    assert tickers("Acme Group, Inc. (NasdaqOMX: ACME) today reported results.") == ("NASDAQ:ACME",)


def test_a_defined_name_after_the_listings_inside_the_tag() -> None:
    assert tickers("Acme Biosystems Inc. (TSX: ACM, OTCQX: ACMBF, Acme), a life sciences innovator") == ("TSX:ACM", "OTCQX:ACMBF")


@pytest.mark.parametrize("lede, name, found", [
    ("The Acme Stock Market, Inc. (\"ACME(r)\"; (Nasdaq:ACMQ), today reported results.", "The Acme Stock Market, Inc.",
     ("NASDAQ:ACMQ",)),
    ("Acme Systems Corporation (OTCBB ACMS) announced its financial results.", "Acme Systems Corporation", ("OTCBB:ACMS",)),
])
def test_a_defined_term_left_open_before_the_tag_and_a_tag_without_its_colon(lede: str, name: str, found: tuple[str, ...]) -> None:
    assert tickers(lede, name) == found


@pytest.mark.parametrize("lede, found", [("Les Aliments Acme Inc. (MFI à la Bourse de Toronto) a communiqué ses résultats.", ("TSX:MFI",)),
                                         ("Acme Vision, Inc. (\u201cAVI\u201d or the \u201cCompany\u201d) (OTCBB: ACME.OB) today announced.",
                                          ("OTCBB:ACME",)),
                                         ("The Acme, Inc. (\u201cAcme\u201d) (Nasdaq NM: ACMB) reported net income.", ("NASDAQ:ACMB",))])
def test_a_french_listing_an_otc_suffix_and_a_tag_after_a_defined_short_name(lede: str, found: tuple[str, ...]) -> None:
    assert tickers(lede, "The Acme, Inc." if lede.startswith("The") else "") == found


def test_an_exchange_written_with_the_word_symbol() -> None:
    assert tickers("Acme Mature Lifestyles Inc. (TSX Symbol: ACC) is pleased to announce its results.") == ("TSX:ACC",)
