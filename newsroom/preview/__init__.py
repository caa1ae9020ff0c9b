"""`newsroom serve`: preview the site while it is edited.

    app.py       the command: start the server and the watcher, run the rebuild loop
    watch.py     file events (or polling) -> batches of classified changes, debounced
    session.py   one rebuild per batch, with the build's Builder; errors shown, last good site kept
    livesite.py  the preview folder, updated in place file by file under the readers' lock
    server.py    HTTP on loopback: the folder's files, live reload over Server-Sent Events,
                 the error overlay; livereload.js is the script added to each HTML response

May import: build, cache, stages, importer (new seeds are imported), errors, project, util.
"""
