extensions = ["myst_parser", "sphinx_eventarchive"]
project = "People in a browser"
html_baseurl = "https://archive.example.org/"
language = "ja"
