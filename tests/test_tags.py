"""Topic tags: from the headline first, from the lede where it says so plainly."""

from __future__ import annotations

import pytest

from newsroom.importer.tags import tags


@pytest.mark.parametrize("headline, lede, found", [
    ("Acme Reports Third Quarter 2026 Results", "", ("earnings",)),
    ("ACME PACIFIC HALF YEAR RESULT", "", ("earnings",)),
    ("Acme annonce ses résultats du premier trimestre 2022", "", ("earnings",)),
    ("Performance en baisse", "Acme inc. (TSX: CAS) annonce ses résultats financiers non audités", ("earnings",)),
    ("Acme Q3 Revenue Up 12%", "", ("earnings",)),
    ("Acme Announces Fourth Quarter and Full Year 2025 Results", "", ("earnings",)),
    ("Paltalk, Inc. Reports Results for Third Quarter 2024", "", ("earnings",)),
    ("Tesla Posts Update", "Tesla has released its financial results for the fourth quarter.", ("earnings",)),
    ("New Product Gives Marketers Access to Real Keywords, Conversions and Results", "", ("product",)),
    ("New dates for Skandia's interim reports", "", ()),
    ("Belo Declares Second Quarter Dividend", "", ("dividend",)),
    ("Heritage Completes Purchase of Zephyr", "Zephyr had higher earnings in the second half.", ("acquisition",)),
    ("Acme Names Jane Doe Chief Financial Officer", "", ("management",)),
    ("Acme to Present at the Needham Conference", "", ("conference",)),
    # Results that are not earnings: a drill program's, a trial's, a vote's.
    ("Lion One Reports Latest Results from Its Phase 2 Infill Drill Program", "", ()),
    ("Acme Announces Positive Topline Results of Phase 3 Trial", "", ()),
    ("Acme Announces Voting Results of Annual Meeting", "", ("shareholder meeting",)),
    ("Acme Update", "Acme today announced results from its 2024 drill program at Tuvatu.", ()),
    ("Active Voice Corporation Announces Record Revenues for the Quarter Ended December 31", "", ("earnings",)),
    ("Acme Communications Announces Results On Form 10KSB for the Period Ending December 31, 1999", "", ("earnings",)),
    # A lede that names the period reported on.
    ("Acme Update", "Acme today announced its full-year results of operations for 2009.", ("earnings",)),
    ("Net Profit of NIS 124 Million", "Acme Ltd. reported today its consolidated financial results for the three "
     "months ended March 31, 2007.", ("earnings",)),
    ("Acme AG: Preliminary announcement of the publication of financial reports", "", ()),
    ("Final Results", "Acme Group plc today announces its audited preliminary results for the year.", ("earnings",)),
    ("Final Results of Tender Offer", "", ()),
    ("Acme publishes nine-month results and confirms guidance", "", ("earnings",)),
    ("Acme Announces 2018 Third Quarter Production of 19,795 Ounces of Gold", "", ()),
])
def test_topics(headline: str, lede: str, found: tuple[str, ...]) -> None:
    assert tags(headline, lede) == found


def test_a_lede_that_announces_the_period_s_financial_statements_is_earnings() -> None:
    lede = ("Cortex Business Solutions Inc. today announces its three months ended October 31, 2016 (\u201cQ1 F2017\u201d) "
            "Management\u2019s Discussion and Analysis and Condensed Interim Consolidated Financial Statements.")
    assert "earnings" in tags("", lede)
    assert "earnings" not in tags("", "Acme Inc. announced that it will restate its financial statements for 2015.")


@pytest.mark.parametrize("headline", ["PWO meldet Zahlen f\u00fcr das erste Quartal 2019",
                                      "Acme AG ver\u00f6ffentlicht Quartalsmitteilung", "Ergebnisse zum ersten Halbjahr 2020"])
def test_a_german_headline_reporting_a_period_s_figures_is_earnings(headline: str) -> None:
    assert "earnings" in tags(headline, "")


def test_a_german_nine_months_figures_headline_is_earnings() -> None:
    assert "earnings" in tags("Acme AG: 9-Monatszahlen: Acme legt bei Umsatz und Ergebnis weiter zu", "")


@pytest.mark.parametrize("lede", [
    "Acme Holdings, Inc. today announced net income attributable to Acme Holdings, Inc. of $3.3 million for the quarter "
    "ended December 31, 2012, or diluted earnings per common share of $0.49.",
    "For the third quarter ended September 30, 2007, Acme Food Products, Inc. (AMEX:ACME) today announced a consolidated "
    "net loss of approximately $(812,000), or approximately $(0.11) per share.",
    "For the six months ended December 31, 2018 (\"Q2 2019\"), revenue increased to $1,522,470 from $1,300,441 in the "
    "corresponding period in fiscal 2018.",
    "Acme's operating revenues increased to NOK 1,234 million (NOK 1,219 million) in the 4th quarter of 2019.",
    "Acme Holding maintains its expectations for the full financial year and presents the following selected financial "
    "highlights from the quarter:",
])
def test_a_lede_that_gives_the_period_s_figures_is_earnings(lede: str) -> None:
    assert "earnings" in tags("", lede)


def test_a_lede_on_a_deal_naming_no_period_s_figures_is_no_earnings() -> None:
    assert "earnings" not in tags("", "Acme Corp. today announced it has agreed to acquire Widget Inc. for $50 million "
                                      "in cash, expanding its reach in Europe.")


@pytest.mark.parametrize("headline, earnings", [
    ("Acme AG: Ergebnis der Acme AG 2018 voraussichtlich niedriger als Prognose", True),
    ("Acme AG: Jahresergebnis über Plan", True),
    ("Acme AG: Ergebnis der Hauptversammlung 2019", False),
])
def test_a_german_headline_on_the_year_s_result(headline: str, earnings: bool) -> None:
    assert ("earnings" in tags(headline, "")) is earnings


def test_a_lede_giving_net_income_for_a_three_month_period_is_earnings() -> None:
    assert "earnings" in tags("", "Acme Bancorp announced today net income of $0.54 million, or $0.19 per basic and diluted "
                                  "common share for the three-month period ended December 31, 2019.")


@pytest.mark.parametrize("headline", [
    "Acme improves profitability Increase of 5% in adjusted operating income despite a 9% decrease in consolidated revenue "
    "compared to third quarter of 2008",
    "Résultat dilué par action de 0,36 $, en hausse de 3 % par rapport à 0,35 $ au deuxième trimestre de 2023",
])
def test_a_headline_giving_a_quarter_s_figures_is_earnings(headline: str) -> None:
    assert "earnings" in tags(headline, "")


def test_a_dividend_effective_in_a_quarter_is_no_earnings() -> None:
    assert "earnings" not in tags("Acme Announces 10% Dividend Increase Effective 2nd Quarter 2009", "")


@pytest.mark.parametrize("headline", ["Capgemini comienza 2019 con confianza, gracias a los excelentes resultados de 2018",
                                      "Acme publiceert halfjaarbericht: tweede kwartaal 2012", "Acme: delårsrapport januari-mars 2020",
                                      "Approvata la relazione finanziaria semestrale al 30 giugno 2017"])
def test_results_in_spanish_dutch_swedish_and_italian_are_earnings(headline: str) -> None:
    assert "earnings" in tags(headline, "")


@pytest.mark.parametrize("headline", ["Acme Energy 2nd Quarter 2009 Earnings Conference Call",
                                      "Acme Pharmaceuticals (ACME) Announces First Quarter 2011 Financial Results Teleconference and Webcast"])
def test_a_notice_of_the_call_on_the_results_is_no_earnings_release(headline: str) -> None:
    assert "earnings" not in tags(headline, "") and "conference" in tags(headline, "")


def test_results_with_a_call_to_host_are_earnings() -> None:
    assert "earnings" in tags("Acme Announces Fourth Quarter and Year End Results Company To Host Conference Call Monday", "")
