"""`newsroom publish`: build now, then again at each scheduled release's time, and deploy.

    loop.py      the scheduler: build at start, at each release's time and on each change;
                 deploy what is new, retry a failed deploy, say what comes next
    deploy.py    run the deploy command with the output folder in its environment; backoff
    record.py    what was deployed and alerted, kept on disk so a restart never repeats it
    message.py   an email alert of a release, made from the theme's own templates
    mailer.py    send alerts over SMTP ([alerts] in newsroom.toml), kept in an outbox until sent

May import: build, cache, stages, preview (its watcher), errors, project, util.
"""
