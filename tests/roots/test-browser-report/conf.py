# A report with one embed of every kind, built under each supported theme
# (html_theme comes from confoverrides) by tests/test_browser.py.
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Browser archive"
html_baseurl = "https://archive.example.org/"
language = "ja"
