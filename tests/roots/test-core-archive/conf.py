extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Core archive"
html_baseurl = "https://archive.example.org/"
