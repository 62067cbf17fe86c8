"""The ``speaker`` directive: a person's profile, written on any page."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from sphinx_eventarchive.core import embeds, options
from sphinx_eventarchive.core.kana import is_kanji
from sphinx_eventarchive.core.people import link_label, parse_alias
from sphinx_eventarchive.core.records import Bio, SpeakerProfile
from sphinx_eventarchive.core.text import has_scheme, id_slug, split_speakers
from sphinx_eventarchive.doc.nodes import xref
from sphinx_eventarchive.messages import _
from sphinx_eventarchive.read import document
from sphinx_eventarchive.read.directives.common import ArchiveDirective, make_anchor, text

_OFF = ("false", "no", "off", "0")


class SpeakerDirective(ArchiveDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    declared = options.SPEAKER

    def make(self) -> list[nodes.Node]:
        name = " ".join(self.arguments[0].split()) if self.arguments else ""
        if not name:
            self.warn("speaker has no name: write it after the directive name", "title")
            return []
        profile_id = self.opt_id("id", id_slug(name))
        anchor = make_anchor(self.state.document, "speaker", profile_id)
        node = nodes.container(classes=["eventarchive-profile"], ids=[anchor])
        self.set_source_info(node)
        bio = nodes.container(classes=["eventarchive-bio"])
        self.parse_body(bio)
        profile = SpeakerProfile(
            id=profile_id, name=name, docname=self.env.docname, lineno=self.lineno,
            anchor=anchor, reading=self.reading(), aliases=self.aliases(),
            affiliation=self.opt("affiliation"), photo=self.photo(), links=self.links(),
            bio=bio_runs(bio), noindex=self.flag("noindex"), unlisted=self.flag("unlisted"),
            only=document.only_condition(self),
        )
        self.state.document.note_explicit_target(node)
        self.domain.note_profile(profile)
        node.extend(self.render(profile, bio))
        return [node]

    # -- options --------------------------------------------------------------------

    def reading(self) -> str:
        value = self.opt("reading")
        if any(is_kanji(char) for char in value):
            self.warn(f":reading: {value!r} holds kanji: write the reading in kana "
                      "(ひらがな or カタカナ)", "option", "reading")
            return ""
        return value

    def aliases(self) -> tuple[str, ...]:
        option = self.raw.options.get("aliases")
        if option is not None and isinstance(option.value, list):
            items = [text(value) for value in option.value]
        else:
            items = split_speakers(self.opt("aliases"))
        return tuple(item for item in items if parse_alias(item).key)

    def links(self) -> tuple[str, ...]:
        found = []
        for item in self.opt_list("links"):
            try:
                found.append(embeds.check_url(item))
            except embeds.EmbedError as error:
                self.warn(f":links: {error}", error.subtype, "links")
        return tuple(dict.fromkeys(found))

    def flag(self, key: str) -> bool:
        option = self.raw.options.get(key)
        return option is not None and self.opt(key).lower() not in _OFF

    def photo(self) -> str:
        """An https URL as it is, or a local file as a path relative to the source folder."""
        value = self.opt("photo")
        if not value:
            return ""
        if has_scheme(value) or any(char.isspace() for char in value):
            return self.opt_url("photo")
        relative, absolute = self.env.relfn2path(value, self.env.docname)
        path = Path(absolute).resolve()
        if not path.is_relative_to(Path(self.env.srcdir).resolve()):
            # Published with the site: only what is in the source folder may be.
            self.warn(f":photo: {value!r} leaves the source folder", "path", "photo")
            return ""
        if not path.is_file():
            self.warn(f":photo: {value!r} is not a file", "image", "photo")
            return ""
        self.env.note_dependency(relative)
        return Path(relative).as_posix()

    # -- what the page where it is written shows --------------------------------------

    def render(self, profile: SpeakerProfile, bio: nodes.container) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        if profile.photo:
            out.append(self.photo_node(profile))
        heading = nodes.paragraph(classes=["eventarchive-profile-name"])
        heading += nodes.strong(profile.name, profile.name)
        if profile.reading:
            heading += nodes.Text(" ")
            heading += nodes.inline(profile.reading, profile.reading,
                                    classes=["eventarchive-reading"])
        out.append(heading)
        if profile.affiliation:
            out.append(nodes.paragraph(profile.affiliation, profile.affiliation,
                                       classes=["eventarchive-profile-affiliation"]))
        if profile.aliases:
            label = str(_("Also known as: %s")) % ", ".join(profile.aliases)
            out.append(nodes.paragraph(label, label, classes=["eventarchive-aliases"]))
        if profile.links:
            links = nodes.paragraph(classes=["eventarchive-profile-links"])
            for index, url in enumerate(profile.links):
                if index:
                    links += nodes.Text(" · ")
                label = link_label(url)
                links += nodes.reference(label, label, refuri=url)
            out.append(links)
        if bio.children:
            out.append(bio)
        if not profile.unlisted:
            label = str(_("Every session by %s")) % profile.name
            line = nodes.paragraph(classes=["eventarchive-profile-page"])
            line += xref("profile", profile.id, label, self.env.docname,
                         ["eventarchive-speaker"])
            out.append(line)
        return out

    def photo_node(self, profile: SpeakerProfile) -> nodes.Node:
        alt = str(_("Photo of %s")) % profile.name
        if "://" not in profile.photo:
            # Sphinx copies a local image for every builder, PDF and e-book included.
            return nodes.image(uri="/" + profile.photo, alt=alt,
                               classes=["eventarchive-photo"])
        # A remote photo only where browsers fetch it: other builders would download it.
        only = addnodes.only(expr="html and not epub")
        only += nodes.image(uri=profile.photo, alt=alt, classes=["eventarchive-photo"])
        return only


def bio_runs(bio: nodes.Element) -> Bio:
    """A bio as paragraphs of text runs, each with its web link (or "")."""
    paragraphs = []
    for paragraph in bio.findall(nodes.paragraph):
        runs: list[tuple[str, str]] = []
        for node in paragraph.findall(nodes.Text):
            url = _web_link(node, paragraph)
            value = node.astext()
            if runs and runs[-1][1] == url:
                runs[-1] = (runs[-1][0] + value, url)
            else:
                runs.append((value, url))
        if "".join(run for run, _url in runs).strip():
            paragraphs.append(tuple(runs))
    return tuple(paragraphs)


def _web_link(node: nodes.Node, stop: nodes.Element) -> str:
    parent = node.parent
    while parent is not None and parent is not stop:
        if isinstance(parent, nodes.reference):
            url = str(parent.get("refuri", ""))
            return url if url.startswith(("https://", "http://")) else ""
        parent = parent.parent
    return ""
