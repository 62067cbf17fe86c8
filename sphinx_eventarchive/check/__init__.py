"""``sphinx-eventarchive check BUILD_DIR``: a built site held to its readers' published rules.

Google Search (Event, Video, Profile page), Open Graph and X cards, Atom,
iCalendar, sitemaps.org and archive.json's schema each read what the build
wrote; each reader module here (``structured``, ``social``, ``feeds``,
``sitemap``, ``exports``) keeps that reader's rules as one table of
:class:`.rules.Rule`, :mod:`.table` lists them all, :mod:`.runner` runs them
over a :class:`.site.Site` and :mod:`.report` prints what they found.
Nothing of this package is imported by the extension: the libraries it reads
with are the ``[check]`` extra, imported only when a check runs.
"""
