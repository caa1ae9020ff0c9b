"""Pelican's settings for the benchmark's comparison (tests/benchmarks/peers.py): our site, Pelican's way."""

# Same site as the generated Newsroom project: its config (newsroom.toml) and default theme's pages.
SITENAME = "Ascent Solar Newsroom"
SITEURL = "https://newsroom.ascentsolar.example"
AUTHOR = "Ascent Solar Technologies, Inc."
PATH = "content"
TIMEZONE = "America/Denver"
DEFAULT_LANG = "en"
# THEME is left unset: Pelican's built-in default theme (notmyidea).

# One page per release, at Newsroom's URLs. (Each release names its category, "Releases": the
# default theme shows it, and DEFAULT_CATEGORY is dropped when category pages are not written.)
ARTICLE_URL = "releases/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"

# Home and tag pages of 10 releases each, a tag index, an archive and one archive per year.
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"),
                       (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"

# Newsroom has no category or author pages: Pelican writes none either.
DIRECT_TEMPLATES = ["index", "tags", "archives"]
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""

# Feeds as Newsroom's: the site in RSS and Atom, one RSS feed per tag, 20 items with full text.
FEED_ALL_RSS = "feed.xml"
FEED_ALL_ATOM = "atom.xml"
TAG_FEED_RSS = "tags/{slug}/feed.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False

# A clean build: no content cache read or written (the rebuild turns both on with -e).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
