"""Reading, validating and protecting response data."""

from .readers import read_responses

__all__ = ["read_responses"]
