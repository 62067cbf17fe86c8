extensions = ["myst_parser", "sphinx_eventarchive"]
project = "People archive"
html_baseurl = "https://archive.example.org/"
language = "ja"
