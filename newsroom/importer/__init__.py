"""Raw wire text -> a content file.

    seeds/x.txt --rawtext.py-------------> plain text: line ends, spaces, entities, a JSON string's
                                           escapes, chrome printed inside every release
                --dates.py, dateline.py--> place, date, time, wire: the dateline grammar, a table
                                           of each wire's tag, dates in the wires' languages
                --opening.py-------------> headline, sub-headline; chrome (chrome.py), date lines
                                           and a letterhead's contacts set apart (letterhead.py);
                                           a flattened opening back on its lines (flat.py); stamps
                                           set apart (stamps.py); which line is the headline
                                           (headline.py)
                --body.py, sections.py---> paragraphs (hard-wrapped, broken or flattened text too:
                                           unwrap.py), subheads, lists, About / Forward-Looking /
                                           Contacts sections, wire chrome dropped; tables.py
                                           (with figures.py) and contacts.py format tables and
                                           contact blocks
                --lede.py, tickers.py,---> company, tickers, summary, a draft headline, topic tags
                  tags.py
                --passedon.py------------> the wire a copy was passed on by, the day in its link
                --released.py------------> the day it went out, from the dateline or what stands
                                           in for it
                --wire.py----------------> WireDraft (frozen) -> Markdown with YAML front matter
                --seeds.py---------------> content/releases/YYYY/<slug>.md, written atomically, never over
                                           a file edited by hand

Everything but seeds.py is pure text to text. May import: errors, util, and from stages only
what reads a content file back (content), splits text into sentences (markup) and knows the
US states (ap_style).
"""
