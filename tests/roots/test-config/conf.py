extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Config"
html_baseurl = "https://archive.example.org/"
