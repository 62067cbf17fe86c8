extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Talks"
html_baseurl = "https://archive.example.org/"
language = "ja"
