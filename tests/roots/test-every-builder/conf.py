extensions = ["myst_parser", "sphinx_eventarchive"]
project = "Every builder"
author = "Test"
copyright = "2024, Test"
version = "1.0"
html_baseurl = "https://archive.example.org/"
# The PDF (and Info manual) hold the index's tree only: outside.md is a web-only report.
latex_documents = [("index", "everybuilder.tex", "Every builder", "Test", "manual")]
texinfo_documents = [("index", "everybuilder", "Every builder", "Test", "everybuilder",
                      "One small archive.", "Miscellaneous")]
man_pages = [("index", "everybuilder", "Every builder", ["Test"], 1)]
# linkcheck: read phase only; no request may leave the machine.
linkcheck_ignore = [".*"]
linkcheck_anchors = False
