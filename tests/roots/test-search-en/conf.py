# An English archive with search on (tests/test_search.py).
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Meetup archive"
html_baseurl = "https://archive.example.org/"
eventarchive_search = True
