"""Raw wire text -> a content file.

    seeds/x.txt --dateline.py--> place, date, time, wire      (where the release starts)
                --body.py------> paragraphs, lists, sections   (About, Forward-Looking, Contacts;
                                                                wire chrome dropped)
                --lede.py------> company, tickers, headline, summary, tags
                --wire.py------> WireDraft (frozen) -> Markdown with YAML front matter
                --seeds.py-----> content/releases/YYYY/<slug>.md, written atomically, never over
                                 a file edited by hand

Everything but seeds.py is pure text to text. May import: errors, util, and from stages only
what reads a content file back (content) and splits text into sentences (markup).
"""
