"""archiver: faithful WARC captures and clean JSON article records of observatory-style sites."""

__version__ = "0.1.0"
#: The contact URL the default User-Agent carries until the operator sets theirs (a crawl warns).
PLACEHOLDER_CONTACT_URL = "https://example.org/archiver-contact"


def user_agent(contact_url: str) -> str:
    """The archiver's User-Agent: the project, its version and the operator's contact URL."""
    return f"archiver/{__version__} (+{contact_url})"
