# A documentation site that has no archive content: built with and without
# sphinx_eventarchive, the outputs must be identical (tests/test_no_archive.py).
extensions = ["myst_parser", "sphinx_design", "sphinxext.opengraph"]
project = "A site without events"
author = "Docs team"
myst_enable_extensions = ["colon_fence", "substitution", "deflist", "fieldlist",
                          "attrs_inline", "dollarmath"]
myst_substitutions = {"product": "Harbor CLI"}
html_theme = "alabaster"
