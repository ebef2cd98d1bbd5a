"""Names shared by the login views, the login signal and the logout."""

# The id_token of this session's login: the hint the provider's end-session endpoint needs.
ID_TOKEN = "ansattporten_id_token"  # noqa: S105 (a session key, not a secret)
# Set on the request while Ansattporten logs a user in: its own event replaces the generic one.
ANSATTPORTEN_LOGIN_FLAG = "_bosetting_ansattporten_login"
# The authentication record's method (allauth's records): counts as the second factor.
METHOD = "ansattporten"
