"""codetables: status-code and error-code tables from API documentation, as artifacts."""

__version__ = "0.1.0"
