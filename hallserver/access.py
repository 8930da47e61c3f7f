"""Who may do what: roles, tokens, pairing codes and operators' PINs."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from hallserver.domain.errors import Forbidden


class Role(enum.Enum):
    """What a token lets its holder do."""

    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"
    CONSULTANT = "consultant"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    OPERATOR = "operator"  # a signed-in operator's session at one counter
    PUBLIC = "public"  # anyone, with no token: the log's actor for the public booking page

    __hash__ = object.__hash__  # members are singletons; checked on every request


TERMINAL_ROLES = ("kiosk", "counter", "display", "consultant", "supervisor", "admin")


@dataclass(frozen=True)
class Actor:
    """The holder of a token: a terminal, an operator at a counter, a supervisor, a script."""

    role: Role
    subject: str
    counter_id: str | None = None
    supervisor: bool = False  # an operator with supervisor rights

    @property
    def label(self) -> str:
        return f"{self.role.value}:{self.subject}"

    @property
    def oversees(self) -> bool:
        """May act for any counter."""
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


SYSTEM = Actor(Role.ADMIN, "system")

ISSUERS = frozenset({Role.KIOSK, Role.CONSULTANT, Role.SUPERVISOR, Role.ADMIN})
CANCELLERS = frozenset({Role.CONSULTANT, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN})
RATERS = frozenset({Role.KIOSK, Role.COUNTER, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN})
OVERSEERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


def require(actor: Actor | None, roles: frozenset[Role], what: str) -> Actor:
    if actor is None:
        raise Forbidden(f"{what} needs a token (Authorization: Bearer …)", code="unauthorized")
    if actor.role not in roles:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise Forbidden(f"{what} is for {allowed}; this token is {actor.role.value}")
    return actor


def counter_for(actor: Actor | None, counter_id: str, what: str) -> Actor:
    """An operator acts for their own counter; supervisors and admins for any."""
    if actor is None:
        raise Forbidden(f"{what} needs a token (Authorization: Bearer …)", code="unauthorized")
    if actor.oversees:
        return actor
    if actor.role is Role.OPERATOR and actor.counter_id == counter_id:
        return actor
    if actor.role is Role.OPERATOR:
        raise Forbidden(f"{what}: you are signed in at another counter", code="other_counter")
    raise Forbidden(f"{what} needs an operator signed in at this counter", code="not_operator")


def new_token() -> str:
    """A fresh secret; never one that starts with "-", which a command line would take for an
    option (`kezek counter --token -x…` said "expected one argument")."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_pairing_code() -> str:
    return f"{secrets.randbelow(10**8):08d}"


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1)
    return hmac.compare_digest(digest.hex(), digest_hex)
