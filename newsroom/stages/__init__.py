"""The build's stages, each a function of plain inputs returning plain (frozen) data.

    config.py    newsroom.toml -> Config (validated, line numbers in errors)
    content.py   content/releases/**/*.md -> Release (front matter validated)
    attachments.py  a release's image and attachments, read from the folder beside it and checked
    events.py    content/events/*.md -> Event (validated the same way); EventView for templates
    frontmatter.py  the YAML between the '---' lines -> plain values, each key's line
    markup.py    Markdown -> HTML, sections (About, Forward-Looking…), summary, plain text
                 (plaintext.py: the visible text of rendered HTML)
    complexity.py  what rendering a body may cost: work linear in its length, or refused
    site.py      Config + releases + now -> Site: every page with its URL, template, context;
                 what is published (drafts and scheduled releases are not)
    theme.py     themes/NAME -> Theme (extends chain), the Jinja environment, static files
                 (fragments.py: `{% memo %}`, what many pages of a render share, rendered once)
    render.py    Page -> HTML bytes through the theme (ap_style.py: the dateline filter)
    media.py     a release's files as pages show them, and the site's copies (resized pictures)
    feeds.py     Site -> RSS and Atom (feedgen; enclosures.py: attachments as enclosures)
    sitemap.py   Site -> sitemap.xml, robots.txt
    calendar.py  Site -> events.ics and each event's .ics (icalendar)
    search.py    Site -> lunr index shards and result stores (lunr_index.py writes lunr's JSON)
    output.py    files -> the output folder, staged and swapped in whole (sources.py: what
                 a file is made of; spare.py: the site before last, to stage the next in)

May import: errors, project, util, and earlier stages. Nothing here prints, keeps state
between builds, or knows about the cache, the preview or the command line.
"""
