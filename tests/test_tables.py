"""Plain-text tables from real releases (tests/fixtures/wire/, file named at each) as
Markdown tables, checked as the HTML a reader gets: every number in its own column, numeric
columns right-aligned, None where the columns cannot be recovered; and finding the tables
among a release's lines."""

from __future__ import annotations

import lxml.html
import pytest

from newsroom.importer.tables import find_tables, looks_like_table, plain_table
from newsroom.stages.markup import Renderer

# ex991-sears-roebuck-q2-2004-results-prnewswire.txt, lines 186-262: the end of the About
# section, a title, a header over four lines, `$` apart from its figure, `-` for zero,
# negatives in parentheses, labels wrapped onto a second line, blank lines inside.
SEARS = """\
DieHard and Lands' End brands together - among the most trusted and preferred
brands in the U.S. The company is the largest provider of product repair
services with more than 14 million service calls made annually.


    SEARS, ROEBUCK AND CO.
    CONSOLIDATED INCOME

                                          For the 13         For the 26
                                          Weeks Ended        Weeks Ended
                                        July 3, 2004 and   July 3, 2004 and
                                         June 28, 2003      June 28, 2003
    (millions, except earnings per
     common share)                       2004     2003      2004      2003

    REVENUES
     Merchandise sales and services     $8,700  $ 8,851   $16,403   $16,325
     Credit and financial products
      revenues                              81    1,345       172     2,751
              Total revenues             8,781   10,196    16,575    19,076

    COSTS AND EXPENSES
     Cost of sales, buying and
      occupancy                          6,282    6,402    11,903    11,876
     Selling and administrative          2,064    2,299     3,958     4,409
     Provision for uncollectible
      accounts                              11      461        27       944
     Depreciation and amortization         262      230       490       455
     Interest, net                          68      287       144       566
     Special charges and impairments        41       28        41        28
              Total costs and expenses   8,728    9,707    16,563    18,278

    Operating income                        53      489        12       798
    Other income, net                       36       13        52        14

    Income before income taxes, minority
     interest and cumulative effect of
     change in accounting principle         89      502        64       812

    Income tax expense                     (32)    (186)      (23)     (301)

    Minority interest                       (4)      (7)       (8)      (10)

    Income before cumulative effect of
     change in accounting principle         53      309        33       501

    Cumulative effect of change in
     accounting principle                    -        -      (839)        -

    NET INCOME/ (LOSS)                   $  53   $  309   $  (806)  $   501

    EARNINGS/ (LOSS) PER COMMON SHARE

    Basic
      Earnings per share before
       cumulative effect of change in
       accounting principle             $ 0.25   $ 1.04   $  0.15   $  1.63

      Cumulative effect of change in
       accounting principle             $    -   $    -   $ (3.86)  $     -

      Earnings/ (loss) per share        $ 0.25   $ 1.04   $ (3.71)  $  1.63

    Diluted
      Earnings per share before
       cumulative effect of change in
       accounting principle             $ 0.24   $ 1.04   $  0.15   $  1.63

      Cumulative effect of change in
       accounting principle             $    -   $    -   $ (3.86)  $     -

      Earnings/ (loss) per share        $ 0.24   $ 1.04   $ (3.71)  $  1.63

    Average common equivalent shares
     outstanding                         216.5    298.0     217.1     307.9"""
# ex991-sears-roebuck-q2-2004-results-prnewswire.txt, lines 500-505: dates a single space apart.
SEARS_INVENTORIES = """\
    Domestic Inventories:
                               July 3,  June 28, January 3,
                                2004     2003      2004

                    -LIFO      $4,945   $4,881    $4,728
                    -FIFO      $5,526   $5,507    $5,308"""
# globenewswire-munksjo-share-repurchase-helsinki.txt, lines 15-30: a stock exchange notice
# set in fixed width, text values (`Buy`) and units (`EUR`) in columns of their own.
MUNKSJO = """\
Munksjö Oyj         STOCK EXCHANGE ANNOUNCEMENT  3.3.2015
MUNKSJÖ OYJ: SHARE REPURCHASE  3.3.2015                  
NASDAQ OMX Helsinki                                      
Trade date                             3.3.2015          
Bourse trade                 Buy                         
Share                        MUNK1                       
Amount                                   12 000  Shares  
Total cost                           114 740,40  EUR     
Average price/share                      9.5617  EUR     
Highest price/share                        9.65  EUR     
Lowest price/share                         9.49  EUR     
Munksjö Oyj now holds a total of 83 053 shares           
including the shares repurchased on 3.3.2015.            
On behalf of Munksjö Oyj                                 
Nordea Bank Finland Plc                                  
Janne Sarvikivi              Julius Summanen"""
# nowire-shopify-q3-2025-results-markdown.txt, lines 14-23: a Markdown table whose heading
# spans two columns and goes on below the `---` line.
SHOPIFY = """\
|                                   | Three months ended      |                       |
|-----------------------------------|-------------------------|-----------------------|
|                                   | September 30, 2025     | September 30, 2024    |
| GMV                               | 92,013                  | 69,715                |
| MRR                               | 193                     | 175                   |
| Revenue                           | 2,844                   | 2,162                 |
| Gross profit                      | 1,391                   | 1,118                 |
| Operating income                  | 343                     | 283                   |
| Free cash flow                   | 507                     | 421                   |
| YoY revenue growth rate           | 32%                     | 26%                   |
| Free cash flow margin             | 18%                     | 19%                   |"""
# nowire-nvidia-q4-fy2025-results-company-site-tabs.txt, lines 20-28: cells apart by tabs,
# the corner heading wrapped over two lines, text in the change columns.
NVIDIA = """\
GAAP
($ in millions, except earnings
per share)\tQ4 FY25\tQ3 FY25\tQ4 FY24\tQ/Q\tY/Y
Revenue\t$39,331\t$35,082\t$22,103\tUp 12%\tUp 78%
Gross margin\t73.0%\t74.6%\t76.0%\tDown 1.6 pts\tDown 3.0 pts
Operating expenses\t$4,689\t$4,287\t$3,176\tUp 9%\tUp 48%"""
# businesswire-disney-exchange-offers-table-scraped.txt, lines 49-55: a scraped pipe table
# whose rows broke over two lines, figures slid into the label column.
DISNEY = """\
5.650% Senior Notes due 2020 / 90131HAP0 / 652482BV1 / U65249AS0 / U88803AC2
| | | $400,000,000 | | | $363,678,000 | | | 90.92% 
4.500% Senior Notes due 2021 / 90131HAQ8 | | | $1,000,000,000 | | |
$851,747,000 | | | 85.17% 
3.000% Senior Notes due 2022 / 90131HAR6 | | | $1,000,000,000 | | |
$867,808,000 | | | 86.78% """
# eqs-netfonds-ag-share-buyback-interim.txt, lines 23-27: columns a single space apart, the
# date's year as much a figure as the share count beside it.
NETFONDS = """\
Mo., 24. Apr. 23 93 39,89 3.709,60
Di., 25. Apr. 23 103 39,60 4.078,80
Mi., 26. Apr. 23 65 39,40 2.561,00"""
# newmediawire-paltalk-q3-2024-results.txt, line 103 (its first 300 characters): a table
# run together onto one line by the distributor.
PALTALK = ("    Three Months Ended            September 30,       (unaudited)   Change    2024   2023   $   %  "
           "Subscription revenue $2,033   $2,673   (640 ) -23.9%  Advertising revenue 88   95   (7 ) -7.1%  "
           "Total revenues 2,121   2,768   (647 ) -23.4%  Loss from operations  (1,688  )  (389  ) (1,299 ) -333.3%")


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def rendered(markdown: str) -> lxml.html.HtmlElement:
    html = Renderer().to_html(markdown)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def grid(markdown: str) -> list[list[str]]:
    """The table as a reader sees it: header row first, each cell's text."""
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
            for row in rendered(markdown).iter("tr")]


def alignments(markdown: str) -> list[str]:
    first_row = rendered(markdown).xpath("//tbody/tr[1]/td")
    return [(cell.get("style") or "").replace("text-align: ", "").rstrip(";") or "left" for cell in first_row]


def sears_income() -> list[str]:
    lines = lines_of(SEARS)
    [(start, end)] = [span for span in find_tables(lines)]
    assert lines[start].strip().startswith("For the 13") and lines[end - 1].strip().startswith("outstanding")
    return lines[start:end]


def test_the_sears_income_statement_is_found_among_its_lines() -> None:
    lines = lines_of(SEARS)
    start, end = find_tables(lines)[0]
    # Not the About paragraph above nor the title lines; the header, every row, nothing after.
    assert [line.strip() for line in lines[start - 3:start]] == ["SEARS, ROEBUCK AND CO.", "CONSOLIDATED INCOME", ""]
    assert lines[end - 1].split() == ["outstanding", "216.5", "298.0", "217.1", "307.9"]
    assert looks_like_table(lines[start:end]) and not looks_like_table(lines[:5])


def test_the_sears_income_statement_becomes_a_table_with_every_number_in_its_column() -> None:
    table = grid(plain_table(sears_income()))
    assert table[0] == ["(millions, except earnings per common share)",
                        "For the 13 Weeks Ended July 3, 2004 and June 28, 2003 2004",
                        "For the 13 Weeks Ended July 3, 2004 and June 28, 2003 2003",
                        "For the 26 Weeks Ended July 3, 2004 and June 28, 2003 2004",
                        "For the 26 Weeks Ended July 3, 2004 and June 28, 2003 2003"]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert table[1] == ["REVENUES", "", "", "", ""]  # a row that is only a label
    assert rows["Merchandise sales and services"] == ["$8,700", "$8,851", "$16,403", "$16,325"]
    # Labels wrapped onto a second line, in lowercase, are one label again.
    assert rows["Credit and financial products revenues"] == ["81", "1,345", "172", "2,751"]
    assert rows["Total revenues"] == ["8,781", "10,196", "16,575", "19,076"]  # a total row
    assert rows["Income tax expense"] == ["(32)", "(186)", "(23)", "(301)"]
    assert rows["Cumulative effect of change in accounting principle"] == ["$-", "$-", "$(3.86)", "$-"]
    assert rows["NET INCOME/ (LOSS)"] == ["$53", "$309", "$(806)", "$501"]  # `$` printed apart
    assert rows["Average common equivalent shares outstanding"] == ["216.5", "298.0", "217.1", "307.9"]
    assert len(table) == 31 and all(len(row) == 5 for row in table)
    assert alignments(plain_table(sears_income())) == ["left", "right", "right", "right", "right"]


def test_dates_a_single_space_apart_head_their_own_columns() -> None:
    table = grid(plain_table(lines_of(SEARS_INVENTORIES)))
    assert table == [["Domestic Inventories:", "July 3, 2004", "June 28, 2003", "January 3, 2004"],
                     ["-LIFO", "$4,945", "$4,881", "$4,728"], ["-FIFO", "$5,526", "$5,507", "$5,308"]]


def test_a_fixed_width_notice_is_a_table_until_its_prose_begins() -> None:
    lines = lines_of(MUNKSJO)
    assert find_tables(lines) == [(0, 11)]
    assert plain_table(lines) is None  # with the sentences below it, not a table
    table = grid(plain_table(lines[3:11]))
    assert table[1:] == [["Trade date", "3.3.2015", ""], ["Bourse trade", "Buy", ""], ["Share", "MUNK1", ""],
                         ["Amount", "12 000", "Shares"], ["Total cost", "114 740,40", "EUR"],
                         ["Average price/share", "9.5617", "EUR"], ["Highest price/share", "9.65", "EUR"],
                         ["Lowest price/share", "9.49", "EUR"]]


def test_a_markdown_table_keeps_its_spanning_heading() -> None:
    markdown = plain_table(lines_of(SHOPIFY))
    table = grid(markdown)
    assert table[0] == ["", "Three months ended September 30, 2025", "Three months ended September 30, 2024"]
    assert table[1] == ["GMV", "92,013", "69,715"] and table[-1] == ["Free cash flow margin", "18%", "19%"]
    assert alignments(markdown) == ["left", "right", "right"]


def test_cells_apart_by_tabs_and_a_heading_wrapped_before_them() -> None:
    markdown = plain_table(lines_of(NVIDIA)[1:])
    table = grid(markdown)
    assert table[0] == ["($ in millions, except earnings per share)", "Q4 FY25", "Q3 FY25", "Q4 FY24", "Q/Q", "Y/Y"]
    # Found among its lines, the title above it heads the label column.
    assert find_tables(lines_of(NVIDIA)) == [(0, 6)]
    assert grid(plain_table(lines_of(NVIDIA)))[0][0] == "GAAP ($ in millions, except earnings per share)"
    assert table[2] == ["Gross margin", "73.0%", "74.6%", "76.0%", "Down 1.6 pts", "Down 3.0 pts"]
    assert alignments(markdown) == ["left", "right", "right", "right", "left", "left"]


@pytest.mark.parametrize("block", [DISNEY, NETFONDS, PALTALK], ids=["rows broken", "single spaces", "one line"])
def test_tables_whose_columns_cannot_be_recovered_are_refused(block: str) -> None:
    assert looks_like_table(lines_of(block))  # so the caller keeps the lines, preformatted
    assert plain_table(lines_of(block)) is None


@pytest.mark.parametrize("block", [
    # ex991-sears-roebuck-q2-2004-results-prnewswire.txt, lines 149-151: two spaces after a period.
    "disproportionate share of its operating income in the fourth quarter due to\n"
    "seasonal buying patterns, which are difficult to forecast with certainty.  The\n"
    "company intends these forward-looking statements to speak only as of the time",
    # newmediawire-paltalk-q3-2024-results.txt, lines 11-15: bullets full of figures.
    "●      Revenue decreased 23.4% to $2.1 million\n\n●      Subscription revenue decreased 23.9% to $2.0 million\n\n"
    "●      Advertising revenue decreased 7.1% to $0.1 million",
    # the same bullets, set as a table would be: still a list
    "●  Revenue (millions)       $2.1\n●  Subscription revenue     $2.0\n●  Net loss                 $(1.5)",
    # ex991-southern-company-q4-2004-earnings.txt, lines 19-21: prose with figures.
    "ATLANTA - Southern Company today reported fourth quarter earnings of $204.5\n"
    "million, or 27 cents a share, compared with $125.0 million, or 17 cents a share,\n"
    "in the fourth quarter of 2003.",
    # globenewswire-munksjo-financial-calendar-sv-hard-wrapped.txt: contacts with phone numbers.
    "Åsa Fredriksson, SVP HR and Communications, tel. +46 10 250 1003\n"
    "Laura Lindholm, Investor Relations Manager, tel. +46 10 250 1026",
], ids=["prose", "bullets", "aligned bullets", "figures in prose", "phones"])
def test_prose_lists_and_contacts_are_not_tables(block: str) -> None:
    assert not looks_like_table(lines_of(block))
    assert find_tables(lines_of(block)) == []


EDGES = """\
                          Three Months Ended
                            September 30,
(in thousands)             2024        2023
Revenue                $  1,234    $  1,100
Cost of revenue            (567)         -
Interest | other \\ net       12          —
Segment totals:
  Total                 $   679    $  1,100"""


def test_edge_cases_of_wire_tables() -> None:
    markdown = plain_table(lines_of(EDGES))
    assert markdown.split("\n")[:2] == [
        "| (in thousands) | Three Months Ended September 30, 2024 | Three Months Ended September 30, 2023 |",
        "| --- | ---: | ---: |"]
    assert "| Interest \\| other \\\\ net | 12 | — |" in markdown  # cells escaped for Markdown
    assert grid(markdown)[1:] == [["Revenue", "$1,234", "$1,100"], ["Cost of revenue", "(567)", "-"],
                                  ["Interest | other \\ net", "12", "—"], ["Segment totals:", "", ""],
                                  ["Total", "$679", "$1,100"]]


@pytest.mark.parametrize("block", [
    "Revenue        1,234    1,100\nCost         567  12    1,100",       # two figures in one column
    "Revenue        1,234    our best quarter in years, said the CEO\nCost           567      890",  # prose as a value
    "Revenue grew strongly.\nRevenue        1,234",                        # one row of figures
    "Revenue        1,234    1,100\nWe expect growth to continue into next year.\nCost  567  890",
])
def test_what_is_not_reliably_a_table_gives_none(block: str) -> None:
    assert plain_table(lines_of(block)) is None


def test_a_table_renders_inside_its_scroll_box() -> None:
    root = rendered(plain_table(sears_income()))
    box = root.xpath("//div[@class='scroll-box']")[0]
    assert box[0].tag == "table" and box.get("role") == "region"


# prnewswire-etsy-q3-2025-results-news-provided-by-markdown.txt: a Markdown table as its author
# laid it out (a `---` line, rows of one length), words among the figures of a column.
ETSY = """\
| Financial Measure                | Amount         |
|----------------------------------|----------------|
| GMS                              | $2,700,000     |
| Year-over-year GMS growth       | 0.9%           |
| Etsy marketplace margin          | just shy of 30% |
| Depop's margin                   | declined        |"""


def test_a_table_laid_out_in_markdown_is_kept_as_laid_out() -> None:
    assert grid(plain_table(lines_of(ETSY))) == [
        ["Financial Measure", "Amount"], ["GMS", "$2,700,000"], ["Year-over-year GMS growth", "0.9%"],
        ["Etsy marketplace margin", "just shy of 30%"], ["Depop's margin", "declined"]]


def test_markup_in_a_cell_is_text() -> None:
    block = ("Item                      2024      2023\n"
             "R&D <script>alert(1)</script>   1,234     1,100\n"
             "*Other* [items] `x` &amp;      12        10")
    root = rendered(plain_table(lines_of(block)))
    assert not root.xpath("//script | //em | //a | //code")
    assert [row[0] for row in grid(plain_table(lines_of(block)))] == [
        "Item", "R&D <script>alert(1)</script>", "*Other* [items] `x` &amp;"]


def test_a_paragraph_of_figures_and_dates_in_prose_is_no_table() -> None:
    prose = ("Acme Laboratory Inc. (ONE:TSX-V) today announced results for its fourth quarter fiscal 2017, which ended "
             "October 31, 2017. The Company's loss for the quarter was $13,136 (2016 – $109,756) and for the full fiscal "
             "year of 2017 a loss of $24,908 (2016 - $943,927). The adjusted loss for the fourth quarter, which excludes "
             "non-cash expenses, $104 (2016 – $122,333) and for the full fiscal year of 2017 a profit of $73,667 (2016 – "
             "loss of $583,482). The Company completed fiscal 2017 with $238,576 of cash and cash equivalents.")
    assert not looks_like_table([prose])
    assert looks_like_table(["Revenue $ 1,200 $ 1,100 $ 950 Costs (800) (700) (650) Gross profit 400 400 300 "
                             "Net income 120 110 90 Shares 10.1 10.0 9.8"])


def test_a_long_line_of_figures_that_ends_in_words_is_read_at_once() -> None:
    # A pattern reading figures from the end tried every way to split them: this never returned.
    line = "Revenue " + " ".join(f"{n},{n:03d}.{n % 10}" for n in range(400)) + " per share amounts"
    assert find_tables([line, line]) == []
    assert find_tables(["Revenue $ 2,820 $ 2,576", "Net income $ 1,204 $ 998"]) == [(0, 2)]
