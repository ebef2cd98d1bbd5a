"""The test OpenID provider's fixtures for the accounts tests (oidc_provider.py)."""

from .oidc_provider import ansattporten, oidc_provider

__all__ = ["ansattporten", "oidc_provider"]
