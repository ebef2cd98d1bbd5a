"""Per-request facts that actions need without taking the request: the client's IP address."""

from contextvars import ContextVar, Token

_ip_address: ContextVar[str | None] = ContextVar("ip_address", default=None)


def current_ip_address() -> str | None:
    return _ip_address.get()


def set_ip_address(ip: str | None) -> Token[str | None]:
    return _ip_address.set(ip)


def reset(token: Token[str | None]) -> None:
    _ip_address.reset(token)
