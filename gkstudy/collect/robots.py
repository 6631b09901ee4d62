"""robots.txt rules per site (RFC 9309): a missing file (4xx) allows everything; a file the server
fails to give (5xx, timeout, network error) forbids everything, because the site may be saying no."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

UA_TOKEN = "gkstudy"  # the product token robots.txt groups are matched against
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 §2.5: crawlers must read at least 500 KiB; more is not needed


@dataclass
class Rules:
    parser: RobotFileParser | None  # None: no rules (allow all) or unavailable (see ``reachable``)
    reachable: bool = True

    def refusal(self, url: str) -> str | None:
        """None if ``url`` may be fetched, else the SOURCES.csv status saying why not."""
        if not self.reachable:
            return "robots_unavailable"
        if self.parser is not None and not self.parser.can_fetch(UA_TOKEN, url):
            return "robots"
        return None

    def crawl_delay(self) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(UA_TOKEN)
        return float(delay) if delay else 0.0


def rules_from(status: str, text: str) -> Rules:
    """The rules given the HTTP status (or failure reason) of fetching robots.txt and its text."""
    if status.startswith("2"):
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return Rules(parser)
    if status.isdigit() and 400 <= int(status) < 500:
        return Rules(None)
    return Rules(None, reachable=False)
