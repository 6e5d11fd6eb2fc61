"""powderkeg: news in, trustworthy conflict and cooperation event data out."""

__version__ = "0.1.0"
