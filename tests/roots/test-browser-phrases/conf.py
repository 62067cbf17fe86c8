# A Japanese report whose headings wrap on a phone, and X posts with line breaks, built
# under each theme (html_theme comes from confoverrides) by tests/test_browser_text.py.
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "勉強会アーカイブ"
html_baseurl = "https://archive.example.org/"
language = "ja"
