extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Pages archive"
html_baseurl = "https://archive.example.org/"
exclude_patterns = ["_build"]
