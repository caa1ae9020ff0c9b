"""Newsroom: a static site generator for investor-relations newsrooms.

How the package is laid out (each folder's __init__ says more):

    importer/   raw wire text -> a content file (Markdown with front matter); `newsroom import`
    stages/     the build's stages, pure functions over frozen data: config, content, markup,
                site (the plan), theme, render, feeds, sitemap, search, output (the writer)
    build.py    the pipeline: the stages in order, once (`newsroom build`) or again and again
    cache/      what a build remembers: inputs by signature, pages by their inputs, what an
                edit changes, and the persistent cache of the command-line build
    preview/    `newsroom serve`: the watcher, the rebuild session, the live folder, the server
    util/       small helpers with no knowledge of releases: slugs, processes, progress
    cli.py      parse, call, print, exit code; project.py the options every command shares

Imports go down this list's layers only: util <- stages <- importer, cache <- build <- preview
<- cli (tests/test_layout.py holds the package to it).
"""

__version__ = "0.1.0"
