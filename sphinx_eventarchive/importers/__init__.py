"""Turn schedules and pasted embeds into the MyST reports the extension reads.

Everything here is plain Python with no Sphinx import, so the command line
starts fast and an importer can be tested without building anything.
"""
