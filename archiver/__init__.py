"""archiver: faithful WARC captures and clean JSON article records of observatory-style sites."""

__version__ = "0.1.0"


def user_agent(contact_url: str) -> str:
    """The archiver's User-Agent: the project, its version and the operator's contact URL."""
    return f"archiver/{__version__} (+{contact_url})"
