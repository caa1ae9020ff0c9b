"""What a build remembers, so the next one costs what changed and writes the same bytes.

    inputs.py     the config, releases and templates read, by file signature
    pages.py      rendered pages by URL, with the inputs that made them
    replan.py     an edit that moves no page: the pages that show the release, swapped in place
    documents.py  feeds and sitemap remade only when what they show changed
    store.py      values on disk (rendered bodies, parsed releases), sealed with a checksum
    record.py     the command-line build's record of what it read and wrote ("nothing changed")

May import: errors, project, util, stages. Every cached result equals a fresh build's.
"""
