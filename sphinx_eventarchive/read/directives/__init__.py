"""The directives: argument parsing and nodes only."""

from __future__ import annotations

from sphinx_eventarchive.read.directives.event import EventDirective
from sphinx_eventarchive.read.directives.listings import EventListDirective, SessionListDirective
from sphinx_eventarchive.read.directives.reportlist import ReportListDirective
from sphinx_eventarchive.read.directives.session import SessionDirective
from sphinx_eventarchive.read.directives.speaker import SpeakerDirective
from sphinx_eventarchive.read.directives.speakerdeck import SpeakerDeckDirective
from sphinx_eventarchive.read.directives.tweet import TweetDirective

DIRECTIVES = {
    "event": EventDirective,
    "session": SessionDirective,
    "speakerdeck": SpeakerDeckDirective,
    "speaker": SpeakerDirective,
    "tweet": TweetDirective,
    "eventlist": EventListDirective,
    "sessionlist": SessionListDirective,
    "reportlist": ReportListDirective,
}
