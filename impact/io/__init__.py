"""Reading, validating, accounting for and pseudonymising response data."""

from .flow import participant_flow
from .load import load_responses
from .pseudonym import pseudonym, pseudonymise, resolve_key
from .readers import read_responses, sniff_csv
from .load import read_and_validate
from .validate import validate_responses

__all__ = ["read_responses", "sniff_csv", "validate_responses", "read_and_validate",
           "load_responses", "participant_flow", "pseudonymise", "pseudonym", "resolve_key"]
