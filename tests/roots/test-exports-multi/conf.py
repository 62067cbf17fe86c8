extensions = ["myst_parser", "sphinx_eventarchive"]
project = "コミュニティ勉強会アーカイブ"
author = "Archive Team"
language = "ja"
# A Read the Docs style versioned base URL: exports must keep the version path.
html_baseurl = "https://archive.example.org/ja/latest/"
