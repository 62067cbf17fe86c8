"""The package's version and the name its outputs carry, below every layer that needs them.

``sphinx_eventarchive/__init__.py`` wires ``setup()`` to the extension (the top
layer), so the modules that name the version take it from here, not from it.
"""

VERSION = "0.1.0"
#: The name exports carry, so a later build knows which files it wrote.
GENERATOR = "sphinx-eventarchive"
