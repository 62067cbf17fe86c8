extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Social archive"
html_baseurl = "https://archive.example.org/"
language = "ja"
eventarchive_twitter_site = "pfem_jp"
# Exports have their own tests; these builds are about the pages' heads.
eventarchive_json = False
eventarchive_ics = False
eventarchive_feed = False

HOSTILE = "</script><script>alert`1`</script>\"><img src=x onerror=alert`2`> 'q' & &copy x"


def generated_pages(app):
    """Stands in for the generated pages: the contract is ``eventarchive_page``."""
    yield ("speakers/test", {
        "title": "T", "body": "<p>x</p>",
        "eventarchive_page": {"kind": "speaker", "title": "T", "description": "Talks by T."},
    }, "page.html")
    yield ("tags/hostile", {
        "title": "Hostile", "body": "<p>x</p>",
        "eventarchive_page": {"kind": "tag", "title": HOSTILE, "description": HOSTILE},
    }, "page.html")


def setup(app):
    app.connect("html-collect-pages", generated_pages)
