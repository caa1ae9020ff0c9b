"""What a build remembers, so the next one costs what changed and writes the same bytes.

One model, owned by memory.Memory, for watch mode (which keeps it in memory) and the command
line (which keeps it on disk between runs, in .newsroom-cache/build/):

    memory.py     the owner: what was read, what was made of it, what shows what
    inputs.py     what was read: the config, releases and templates, by file signature
    pages.py      pages made, each with the inputs it was made of
    documents.py  feeds, sitemap and search shards made, each with what it shows
    images.py     resized pictures, by the picture's digest and size: a warm build encodes none
    replan.py     what shows what: an edit that moves no page, swapped into the last plan
    kept.py       what a command-line build starts from and leaves: record, memory, spare
    disk.py       the memory kept on disk for the next command-line build
    bodies.py     rendered bodies on disk, read one at a time when a page asks for one
    record.py     the last command-line build's record: nothing changed? which outputs are intact?
    store.py      values on disk, sealed with a checksum and the version of the code

May import: errors, project, util, stages. Every cached result equals a fresh build's.
"""
