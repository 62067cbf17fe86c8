extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Hostile archive"
html_baseurl = "https://archive.example.org/"
# Keep quotes as typed, so the tests can compare what is shown with what was written.
smartquotes = False
