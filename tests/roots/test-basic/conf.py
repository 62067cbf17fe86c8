extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Basic archive"
html_baseurl = "https://archive.example.org/"
