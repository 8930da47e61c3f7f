"""The event log's records and their hash chain: each record seals the one before it.

The chain shows a change to one event, but a forger who can write the database can seal every
event after the changed one again, or cut the log short. A *witness* catches both: an event's
number and hash written down where the database's owner cannot reach (a printed daily report,
the system journal, another machine). A log rewritten or cut at or before that event no longer
matches it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import orjson

from hallserver.domain.bookings import masked_iin
from hallserver.domain.ids import JsonObject

GENESIS = "0" * 64
DAMAGE_KEPT = "log.damage_kept"  # a restore kept damaged events on purpose: which, from what


def canonical(data: JsonObject) -> str:
    """The one JSON text of `data` that is stored and hashed (sorted keys, UTF-8, compact)."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")


class EventRecord(NamedTuple):
    """One event as logged: numbered, timed, attributed and chained.

    A named tuple: one is made for every event, and its fields are the row the writer stores.
    """

    seq: int
    at: str
    type: str
    actor: str
    counter_id: str | None
    ticket_id: str | None
    data: str  # canonical JSON
    prev_hash: str
    hash: str

    def wire(self) -> str:
        """The JSON text sent to terminals for this event. The event stream is public: a
        booking's IIN is masked, and so is its code while the code can still check in or
        cancel (the log keeps both whole). A message to the operators goes without its text and
        sender (the actor is its role alone): their consoles read it with their own token. A
        finished visit's result stays with the staff too, and so does an issue's request key
        (its digest is of the IIN or booking code asked with)."""
        actor = self.actor
        data = self.data
        if '"request":{' in data:  # a kiosk's request key: between it and the hall
            public = orjson.loads(data)
            public.pop("request", None)
            data = canonical(public)
        if '"booking":{' in data:  # only booking events and check-ins: rare
            public = orjson.loads(data)
            booking = public.get("booking")
            if isinstance(booking, dict):
                booking["iin"] = masked_iin(booking.get("iin"))
                if booking.get("state") == "booked":
                    booking["code"] = None
            data = canonical(public)
        elif self.type.startswith("message."):  # for the operators: to whom and when, not what
            public = orjson.loads(data)
            message = public.get("message")
            if isinstance(message, dict):
                message["text"] = None
                message["sender"] = None
            data = canonical(public)
            actor = actor.partition(":")[0]  # the role, not the supervisor's login
        elif '"result":"' in data:  # a finished visit's result is for the staff
            public = orjson.loads(data)
            ticket = public.get("ticket")
            if isinstance(ticket, dict):
                ticket["result"] = None
            if "result" in public:  # of a visit sent back where it came from
                public["result"] = None
            data = canonical(public)
        head = orjson.dumps({"type": self.type, "at": self.at, "actor": actor})
        return f'{{"seq":{self.seq},{head[1:-1].decode()},"data":{data}}}'


def seal(
    prev_hash: str,
    seq: int,
    at: str,
    type_: str,
    actor: str,
    counter_id: str | None,
    ticket_id: str | None,
    data: str,
) -> str:
    """The hash of one record, chained to the previous record's hash."""
    text = "\x1f".join(
        (prev_hash, str(seq), at, type_, actor, counter_id or "", ticket_id or "", data)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_record(
    prev_hash: str,
    seq: int,
    at: str,
    type_: str,
    actor: str,
    data: JsonObject,
) -> EventRecord:
    counter_id, ticket_id = subjects(data)
    text = canonical(data)
    return EventRecord(
        seq,
        at,
        type_,
        actor,
        counter_id,
        ticket_id,
        text,
        prev_hash,
        seal(prev_hash, seq, at, type_, actor, counter_id, ticket_id, text),
    )


def subjects(data: JsonObject) -> tuple[str | None, str | None]:
    """The counter and the ticket an event's data is about (None: none)."""
    ticket = data.get("ticket")
    counter = data.get("counter")
    ticket_id = ticket.get("id") if isinstance(ticket, dict) else None
    counter_id: object = data.get("counter_id") or data.get("from_counter_id")
    if counter_id is None and isinstance(ticket, dict):
        counter_id = ticket.get("counter_id")
    if counter_id is None and isinstance(counter, dict):
        counter_id = counter.get("id")
    return (
        counter_id if isinstance(counter_id, str) else None,
        ticket_id if isinstance(ticket_id, str) else None,
    )


def stored_digest(record: EventRecord) -> str:
    """The SHA-256 of everything a record holds as stored, its hash column included: what a
    damaged record kept on purpose must go on holding (its hash no longer pins its content)."""
    fields = orjson.dumps(list(record), default=_bytes_as_hex)  # None and "" differ
    return hashlib.sha256(fields).hexdigest()


def _bytes_as_hex(value: object) -> object:
    if isinstance(value, bytes):  # a text column written over with bytes
        return {"bytes": value.hex()}
    raise TypeError(f"{type(value).__name__} is not stored in an event")


@dataclass(frozen=True)
class ChainBreak:
    """The first record that does not fit the chain, and why."""

    seq: int
    reason: str


def verify_chain(
    records: Iterable[EventRecord],
    start_hash: str = GENESIS,
    start_seq: int | None = None,
    accepted: Mapping[int, str] | None = None,
) -> ChainBreak | None:
    """Walk records in order; name the first whose hash, link or number is wrong. With
    `start_seq`, the first record must be the one after it. `accepted` are damaged records
    kept on purpose (a restore of the only backup left), by number and the digest of what they
    held (`stored_digest`): such a record, while it holds just that, is passed as it is, and
    the chain is checked on from it."""
    prev = start_hash
    expected_seq = None if start_seq is None else start_seq + 1
    for record in records:
        if accepted and record.seq in accepted and accepted[record.seq] == stored_digest(record):
            prev, expected_seq = record.hash, record.seq + 1
            continue
        if expected_seq is not None and record.seq != expected_seq:
            return ChainBreak(record.seq, f"sequence jumps from {expected_seq - 1} to {record.seq}")
        if record.prev_hash != prev:
            return ChainBreak(record.seq, "its link to the previous event does not match")
        text = (record.at, record.type, record.actor, record.data, record.hash)
        subjects = (record.counter_id, record.ticket_id)
        if not all(isinstance(f, str) for f in text) or not all(  # bytes in a text column
            f is None or isinstance(f, str) for f in subjects
        ):
            return ChainBreak(record.seq, "a field of it is not text: it was written over")
        actual = seal(
            record.prev_hash,
            record.seq,
            record.at,
            record.type,
            record.actor,
            record.counter_id,
            record.ticket_id,
            record.data,
        )
        if actual != record.hash:
            return ChainBreak(record.seq, "its content does not match its hash")
        prev = record.hash
        expected_seq = record.seq + 1
    return None


WITNESS_HEX = 16  # 64 bits of the hash: a forger cannot make another event match by chance
_WITNESS = re.compile(rf"\b([1-9][0-9]{{0,17}}):([0-9a-fA-F]{{{WITNESS_HEX},64}})\b")
WITNESS_FORM = "EVENT:HASH with at least 16 hex digits of the hash, like 4821:3fa9c2d1e0b7a4f6"


@dataclass(frozen=True)
class Witness:
    """An event's number and its hash (or the hash's first digits), kept outside the database."""

    seq: int
    hash: str  # lower-case hex, WITNESS_HEX to 64 digits

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def of(cls, seq: int, hash_: str) -> Witness:
        return cls(seq, hash_[:WITNESS_HEX])

    @classmethod
    def parse(cls, text: str) -> Witness:
        """One witness as written; ValueError saying the form otherwise."""
        match = _WITNESS.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text.strip()!r} is not a witness: write {WITNESS_FORM}")
        return cls._found(match)

    @classmethod
    def _found(cls, match: re.Match[str]) -> Witness:
        return cls(int(match.group(1)), match.group(2).lower())


def witnesses_in(text: str) -> list[Witness]:
    """Every witness in a text (a saved journal, a report typed in), by event number."""
    found = {Witness._found(m) for m in _WITNESS.finditer(text)}
    return sorted(found, key=lambda w: (w.seq, w.hash))


def check_witnesses(
    witnesses: Iterable[Witness], hashes: Mapping[int, str], last_seq: int
) -> ChainBreak | None:
    """The first witness the log does not bear out. `hashes` holds the walked log's hashes of
    the witnessed events, `last_seq` the number of its newest event."""
    for witness in sorted(witnesses, key=lambda w: w.seq):
        if witness.seq > last_seq:
            return ChainBreak(
                witness.seq,
                f"it is missing: the log ends at event {last_seq}, but a witness ({witness}) "
                "saw it written: the log was cut short",
            )
        held = hashes.get(witness.seq, "")
        if not held.startswith(witness.hash):
            return ChainBreak(
                witness.seq,
                f"it does not match its witness ({witness}; the log holds "
                f"{witness.seq}:{held[: len(witness.hash)]}): the log was rewritten at or "
                "before it",
            )
    return None
