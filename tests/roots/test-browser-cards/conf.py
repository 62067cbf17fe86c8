# An archive as a visitor sees it: cards on listings and generated pages, in Japanese,
# built under each supported theme (html_theme from confoverrides) by
# tests/test_browser_cards.py, with SOURCE_DATE_EPOCH set to 2024-04-01 by the test.
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "イベントアーカイブ"
html_baseurl = "https://archive.example.org/"
language = "ja"
eventarchive_timezone = "Asia/Tokyo"
