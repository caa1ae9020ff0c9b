"""Raw wire text -> a content file.

    seeds/x.txt --dateline.py--> place, date, time, wire      (where the release starts)
                --body.py------> paragraphs, lists, sections   (About, Forward-Looking, Contacts;
                                                                wire chrome dropped)
                --lede.py------> company, tickers, headline, summary, tags
                --tables.py----> plain-text tables -> Markdown tables (figures.py reads
                                 their lines), or None for a preformatted block
                --contacts.py--> a contacts block -> Markdown lines, emails and phones linked;
                                 escape_text, the Markdown escape the others share
                --wire.py------> WireDraft (frozen) -> Markdown with YAML front matter
                --seeds.py-----> content/releases/YYYY/<slug>.md, written atomically, never over
                                 a file edited by hand

Everything but seeds.py is pure text to text. May import: errors, util, and from stages only
what reads a content file back (content) and splits text into sentences (markup).
"""
