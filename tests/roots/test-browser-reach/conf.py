# A report quoting X posts, and the speaker and tag pages with their feed links, built
# under each supported theme (html_theme from confoverrides) by tests/test_browser_reach.py.
extensions = ["myst_parser", "sphinx_eventarchive"]
project = "ブラウザ確認用アーカイブ"
html_baseurl = "https://archive.example.org/"
language = "ja"
