"""Helpers that know nothing of releases or sites.

    slugs.py     titles -> URL-safe slugs, and the check that a slug is one path segment
    parallel.py  forked worker processes that die with the build (fork_map, beside)
    progress.py  the progress bar a long build draws on a terminal
    files.py     reading a file that must be regular: a named pipe in its place is refused, not waited on;
                 content-hashed file names

May import: errors only.
"""
