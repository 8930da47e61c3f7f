"""The terminals' side of the protocol: commands, event stream with resume, discovery, enrollment.

Plain Python (no Qt): kiosk, counter and display wrap it in a small Qt link; the simulator and the
tests use it directly. Errors, all caught by one ``except ClientError``::

    ClientError
    ├── HallUnreachable   no answer: connection refused, timed out, DNS, broken socket
    ├── HallRefused       the server answered 4xx/5xx; carries its JSON {error, message}
    ├── BadReply          the server answered something this protocol version can't read
    └── EnrollmentError   a saved enrollment file can't be read or written

One module per part: `errors`, `commands` (HallClient), `events` (EventStream), `discovery`,
`enrollment` (Enrollment, Heartbeat). Import from here.
"""

from hallserver.client.commands import (
    EnrolledTerminal,
    HallClient,
    Identity,
    OperatorSession,
    PairingCode,
)
from hallserver.client.discovery import DiscoveredHall, discover
from hallserver.client.enrollment import Enrollment, Heartbeat
from hallserver.client.errors import (
    BadReply,
    ClientError,
    EnrollmentError,
    HallRefused,
    HallUnreachable,
    api_url,
    server_url,
)
from hallserver.client.events import EventStream
from hallserver.client.interrupt import INTERRUPTED, quit_on_interrupt

__all__ = [
    "INTERRUPTED",
    "BadReply",
    "ClientError",
    "DiscoveredHall",
    "EnrolledTerminal",
    "Enrollment",
    "EnrollmentError",
    "EventStream",
    "HallClient",
    "HallRefused",
    "HallUnreachable",
    "Heartbeat",
    "Identity",
    "OperatorSession",
    "PairingCode",
    "api_url",
    "discover",
    "quit_on_interrupt",
    "server_url",
]
