# A Japanese archive with search on, indexed by Pagefind (tests/test_search.py).
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "勉強会アーカイブ"
language = "ja"
html_baseurl = "https://archive.example.org/"
eventarchive_search = True
