"""Login with Ansattporten, Digdir's OpenID Connect login for public-sector employees.

Authlib does the protocol (authorization code flow with PKCE, state, nonce, private_key_jwt, the
id_token's signature and claims); these modules add what Ansattporten and Bosetting need on top:
the `iss` of the callback (RFC 9207), the security level (acr), the organisation the employee
chose (authorization_details), and who may come in. docs/adr/0019-login-with-ansattporten.md.
"""
