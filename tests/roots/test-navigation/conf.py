# The index pages in the root toctree, as docs/reference/roles.md teaches: the theme's
# navigation on every generated page must mark the right entry and link where it says.
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Navigation"
html_baseurl = "https://archive.example.org/"
exclude_patterns = ["_build"]
