"""What ``read/`` makes and ``write/`` renders: format-neutral nodes and the labels they show.

Below both, so that the directives and the writers share them without
importing each other.
"""
