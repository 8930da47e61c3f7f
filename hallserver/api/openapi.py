"""The OpenAPI 3.1 description of /api/v1, served at /openapi.json."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import Route

from hallserver.api.wire import PROTOCOL_VERSION
from hallserver.domain.ids import JsonObject, JsonValue

_S = "#/components/schemas/"

TEXT: JsonObject = {
    "type": "object",
    "required": ["kk", "ru", "en"],
    "properties": {"kk": {"type": "string"}, "ru": {"type": "string"}, "en": {"type": "string"}},
}
ANNOUNCEMENT: JsonObject = {
    "type": "object",
    "description": "text: one for every language; or texts: one per language, an empty one "
    "showing the first text there is (kk, ru, en). All empty clears the line.",
    "properties": {
        "text": {"type": "string", "maxLength": 500},
        "texts": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                lang: {"type": "string", "maxLength": 500} for lang in ("kk", "ru", "en")
            },
        },
    },
    "oneOf": [{"required": ["text"]}, {"required": ["texts"]}],
}
ERROR: JsonObject = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "stable code, e.g. hall_closed"},
        "message": {"type": "string", "description": "what was wrong, for people"},
        "opens_at": {"type": ["string", "null"], "format": "date-time"},
    },
}
TICKET: JsonObject = {
    "type": "object",
    "required": [
        "id",
        "number",
        "service_id",
        "status",
        "position",
        "estimated_wait_s",
        "issued_at",
        "status_url",
    ],
    "properties": {
        "id": {"type": "string", "example": "20261122-A001"},
        "number": {"type": "string", "example": "A001"},
        "service_id": {"type": "string"},
        "status": {
            "enum": [
                "waiting",
                "called",
                "serving",
                "postponed",
                "finished",
                "no_show",
                "cancelled",
                "expired",
            ]
        },
        "priority": {"enum": ["regular", "disabled", "elderly", "pregnant", "veteran"]},
        "position": {"type": "integer", "description": "1 = next; 0 when not waiting"},
        "people_ahead": {"type": "integer"},
        "estimated_wait_s": {
            "type": ["integer", "null"],
            "description": "null when the service has ended for today (`service_ended`)",
        },
        "service_ended": {
            "type": "boolean",
            "description": "waiting past closing with no counter left for the service",
        },
        "issued_at": {"type": "string", "format": "date-time"},
        "counter_id": {"type": ["string", "null"]},
        "counter_number": {"type": ["integer", "null"]},
        "return_service_id": {
            "type": ["string", "null"],
            "description": "sent on and back: the service it returns to once done here",
        },
        "return_counter_id": {"type": ["string", "null"]},
        "result": {
            "type": ["string", "null"],
            "description": "how a finished visit ended: one of GET /hall's results",
        },
        "status_url": {"type": "string"},
        "witness": {
            "type": ["string", "null"],
            "description": "in the issue's answer: the event log's seal at the issue "
            "(EVENT:HASH), printed on the ticket; `kezek audit verify --witness` checks it",
        },
    },
}

# (method, path) -> (summary, request body schema or None, success status, response schema ref)
OPERATIONS: dict[tuple[str, str], tuple[str, JsonObject | None, str, str | None]] = {
    ("GET", "/hall"): (
        "The hall: name, hours, open now, announcement, the results a visit may end with",
        None,
        "200",
        None,
    ),
    ("GET", "/health"): (
        "{ok: true} while the hall can save commands; 503 {ok: false, error, message} while "
        "it cannot (its database has not answered a command for 10 s, or it is reloading)",
        None,
        "200",
        None,
    ),
    ("GET", "/services"): ("Services with documents, fees, durations", None, "200", None),
    ("GET", "/services/{service_id}"): ("One service", None, "200", None),
    ("PATCH", "/services/{service_id}"): (
        "Change a service's words and figures while the hall runs (supervisor, admin): saved in "
        "the catalogue, its comments kept, and shown by the terminals at once. 422 bad_field "
        "names the field; id, prefix, group, hours and counters change with the catalogue file",
        {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "name": {"$ref": "#/components/schemas/Text"},
                "description": {"$ref": "#/components/schemas/Text"},
                "fee": {
                    "oneOf": [{"$ref": "#/components/schemas/Text"}, {"type": "null"}],
                    "description": "null: free of charge, nothing said",
                },
                "documents": {
                    "type": "array",
                    "maxItems": 30,
                    "items": {"$ref": "#/components/schemas/Text"},
                },
                "duration_min": {"type": "integer", "minimum": 1, "maximum": 1440},
                "target_wait_min": {"type": "integer", "minimum": 1, "maximum": 1440},
                "daily_limit": {
                    "type": ["integer", "null"],
                    "minimum": 0,
                    "maximum": 9999,
                    "description": "null or 0: no limit",
                },
            },
        },
        "200",
        None,
    ),
    ("POST", "/services/{service_id}/suspend"): (
        "Stop issuing for a service today (supervisor)",
        None,
        "200",
        None,
    ),
    ("POST", "/services/{service_id}/resume"): (
        "Issue for it again (supervisor)",
        None,
        "200",
        None,
    ),
    ("GET", "/counters"): ("Counters and their state", None, "200", None),
    ("GET", "/queue"): ("Waiting per service and the estimate for a new ticket", None, "200", None),
    ("GET", "/snapshot"): (
        "Everything a screen shows, with the last event's seq and seq_at (its at; null when "
        "the log holds none): a stream resumes after it with ?after=seq&at=seq_at",
        None,
        "200",
        None,
    ),
    ("POST", "/tickets"): (
        "Issue a ticket (kiosk, consultant). Refused with 409 and opens_at: hall_closed, "
        "service_closed, service_suspended, issuing_ended (before closing), daily_limit_reached. "
        "With request_id, a request sent again (its answer lost) answers 200 with the ticket "
        "that key was issued today, as it is now, and issues none; the key with another "
        "request is 409 request_reused",
        {
            "type": "object",
            "properties": {
                "service_id": {"type": "string"},
                "priority": {"enum": ["regular", "disabled", "elderly", "pregnant", "veteran"]},
                "priority_reason": {"type": "string"},
                "language": {"enum": ["kk", "ru", "en"]},
                "appointment_code": {"type": "string"},
                "iin": {"type": "string", "pattern": "^[0-9]{12}$"},
                "request_id": {  # one per visitor's tap: a retry sends it again
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 64,
                    "description": "The client's key for this request (a UUID): remembered "
                    "for the hall's day, a restart too; printable characters only",
                },
            },
            "anyOf": [  # a service, or a booking to check in by its code or the visitor's IIN
                {"required": ["service_id"]},
                {"required": ["appointment_code"]},
                {"required": ["iin"]},
            ],
        },
        "201",
        "Ticket",
    ),
    ("GET", "/tickets/{ticket_id}"): (
        "A ticket with its position and estimate",
        None,
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/recall"): (
        "Call again; past the recall limit it becomes no-show",
        None,
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/start"): (
        "The visitor came: service begins",
        None,
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/finish"): (
        "Service done; result: how it ended, one of GET /hall's results (422 unknown_result)",
        {"type": "object", "properties": {"result": {"type": "string"}}},
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/no-show"): ("The visitor did not come", None, "200", "Ticket"),
    ("POST", "/tickets/{ticket_id}/requeue"): (
        "Back to the queue, keeping its place",
        None,
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/postpone"): (
        "The visitor steps away (to pay, to copy): off the counter and every queue until the "
        "counter calls them back (POST /counters/{id}/call with their ticket_id)",
        None,
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/transfer"): (
        "Send to another service (and optionally one counter), keeping the issue time; with "
        "come_back, finishing there sends the visitor back to this service and counter",
        {
            "type": "object",
            "required": ["service_id"],
            "properties": {
                "service_id": {"type": "string"},
                "counter_id": {"type": "string"},
                "note": {"type": "string"},
                "come_back": {"type": "boolean", "default": False},
            },
        },
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/cancel"): (
        "Cancel a waiting or called ticket",
        {"type": "object", "properties": {"reason": {"type": "string"}}},
        "200",
        "Ticket",
    ),
    ("POST", "/tickets/{ticket_id}/rating"): (
        "The visitor's rating of a finished visit",
        {
            "type": "object",
            "required": ["grade"],
            "properties": {"grade": {"enum": ["excellent", "good", "satisfactory"]}},
        },
        "200",
        "Ticket",
    ),
    ("POST", "/messages"): (
        "A supervisor's message to one counter's operator (counter_id) or to every counter; the "
        "public event stream says message.sent without its text",
        {
            "type": "object",
            "required": ["text"],
            "properties": {
                "text": {"type": "string", "maxLength": 200},
                "counter_id": {"type": "string"},
            },
        },
        "201",
        None,
    ),
    ("GET", "/messages"): (
        "Today's messages: all for a supervisor; for an operator, those to their counter or to "
        "all, each with read_here",
        None,
        "200",
        None,
    ),
    ("POST", "/messages/{message_id}/read"): (
        "The operator read the message at their counter (message.read, once per counter)",
        None,
        "200",
        None,
    ),
    ("POST", "/counters/{counter_id}/call"): (
        "Call the next ticket (204 when nobody waits). With service_id: the next of that one "
        "line of the counter's profile (the event says chosen_service). With ticket_id: a "
        "visitor of this counter back from stepping away (no reason), or a supervisor's "
        "out-of-order call (reason)",
        {
            "type": "object",
            "properties": {
                "ticket_id": {"type": "string"},
                "reason": {"type": "string"},
                "service_id": {"type": "string"},
            },
        },
        "200",
        "Ticket",
    ),
    ("POST", "/counters/{counter_id}/open"): ("Open the counter", None, "200", None),
    ("POST", "/counters/{counter_id}/pause"): (
        "Pause with a reason",
        {
            "type": "object",
            "properties": {
                "reason": {"enum": ["break", "lunch", "technical", "paperwork", "other"]}
            },
        },
        "200",
        None,
    ),
    ("POST", "/counters/{counter_id}/close"): ("Close the counter", None, "200", None),
    ("POST", "/counters/{counter_id}/profile"): (
        "Change the work profile for the rest of the day (supervisor)",
        {
            "type": "object",
            "required": ["profile"],
            "properties": {
                "profile": {
                    "type": "object",
                    "additionalProperties": {"enum": ["main", "backup"]},
                }
            },
        },
        "200",
        None,
    ),
    ("POST", "/counters/{counter_id}/sign-in"): (
        "An operator signs in (counter terminal token); returns the operator's token",
        {
            "type": "object",
            "required": ["login", "pin"],
            "properties": {"login": {"type": "string"}, "pin": {"type": "string"}},
        },
        "200",
        None,
    ),
    ("POST", "/counters/{counter_id}/sign-out"): ("The operator signs out", None, "200", None),
    ("POST", "/announcement"): (
        "Set the line of announcements on the displays (supervisor)",
        ANNOUNCEMENT,
        "200",
        None,
    ),
    ("POST", "/pairing-codes"): (
        "A one-time code to enroll a terminal (supervisor, admin)",
        {
            "type": "object",
            "required": ["role", "name"],
            "properties": {
                "role": {
                    "enum": ["kiosk", "counter", "display", "consultant", "supervisor", "admin"]
                },
                "name": {"type": "string"},
                "counter_id": {"type": "string"},
            },
        },
        "201",
        None,
    ),
    ("POST", "/enroll"): (
        "A terminal trades a pairing code for its own token",
        {
            "type": "object",
            "required": ["code"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "roles": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "what this terminal runs as: a code for another role is "
                    "refused (409 wrong_role) and stays good",
                },
            },
        },
        "201",
        None,
    ),
    ("GET", "/whoami"): ("What this token is", None, "200", None),
    ("GET", "/audit/head"): (
        "The event log's newest durable event: {seq, hash, witness} (supervisor, admin); write the "
        "witness down elsewhere, and `kezek audit verify --witness` shows a log rewritten or "
        "cut short since",
        None,
        "200",
        None,
    ),
    ("POST", "/terminals/status"): (
        "A terminal's heartbeat and printer state; an event when the printer state changes",
        {
            "type": "object",
            "properties": {
                "printer": {
                    "enum": [
                        "online",
                        "paper_near_end",
                        "paper_out",
                        "cover_open",
                        "offline",
                        "none",
                    ]
                },
                "detail": {"type": "string"},
            },
        },
        "200",
        None,
    ),
    ("GET", "/terminals"): ("Terminals' last reports (supervisor)", None, "200", None),
    ("GET", "/operators/{login}/today"): (
        "An operator's day: served, average service time, no-shows, ratings",
        None,
        "200",
        None,
    ),
    ("POST", "/bookings"): (
        "Book a visit: a service, an hourly slot and the visitor's IIN (a consultant, "
        "supervisor or admin may leave it out, booking by phone). Without a token, one "
        "address may book `kezek hall --bookings-per-hour` times an hour (429 "
        "too_many_bookings)",
        {
            "type": "object",
            "required": ["service_id", "slot_at"],
            "properties": {
                "service_id": {"type": "string"},
                "slot_at": {"type": "string", "format": "date-time"},
                "iin": {"type": "string"},
            },
        },
        "201",
        None,
    ),
    ("GET", "/bookings/{code}"): ("A booking by its code", None, "200", None),
    ("POST", "/bookings/{code}/cancel"): ("Cancel a booking", None, "200", None),
}

# The browser pages' JSON routes (hallserver.web), by their full path. The board's actions take
# the supervisor's session cookie and the header X-Kezek-Board: 1 instead of a bearer token.
WEB_OPERATIONS: dict[tuple[str, str], tuple[str, JsonObject | None, str, str | None]] = {
    ("GET", "/api/v1/services/{service_id}/slots"): (
        "Hourly booking slots of a service on a day (?day=YYYY-MM-DD, default today): "
        "{service_id, day, slots: [{at, free, capacity}]}",
        None,
        "200",
        None,
    ),
    ("POST", "/board/api/counters/{counter_id}/profile"): (
        "Board: change a counter's work profile for the rest of the day (session cookie)",
        {"type": "object", "required": ["profile"], "properties": {"profile": {"type": "object"}}},
        "200",
        None,
    ),
    ("POST", "/board/api/counters/{counter_id}/call"): (
        "Board: call a ticket out of order at a counter, with the reason (session cookie)",
        {
            "type": "object",
            "required": ["ticket_id", "reason"],
            "properties": {"ticket_id": {"type": "string"}, "reason": {"type": "string"}},
        },
        "200",
        None,
    ),
    ("POST", "/board/api/counters/{counter_id}/{action}"): (
        "Board: open, pause ({reason}) or close a counter (session cookie)",
        {"type": "object", "properties": {"reason": {"type": "string"}}},
        "200",
        None,
    ),
    ("POST", "/board/api/announcement"): (
        "Board: set the displays' announcement line (session cookie)",
        ANNOUNCEMENT,
        "200",
        None,
    ),
    ("POST", "/board/api/messages"): (
        "Board: a message to one counter's operator (counter_id) or to all (session cookie)",
        {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string"}, "counter_id": {"type": ["string", "null"]}},
        },
        "201",
        None,
    ),
}


# changes anyone may make without a token (a booking's token, when given, is staff's)
OPEN_CHANGES = {("POST", "/enroll"), ("POST", "/bookings/{code}/cancel")}
TOKEN_OPTIONAL = {("POST", "/bookings")}
# reads that need a token
TOKEN_READS = {
    ("GET", "/whoami"),
    ("GET", "/audit/head"),
    ("GET", "/terminals"),
    ("GET", "/messages"),
    ("GET", "/operators/{login}/today"),
}
# reads answered with a JSON array, not an object
LISTS = {"/counters", "/services", "/queue", "/messages", "/terminals"}
UNAVAILABLE: JsonObject = {
    "description": "the database refused or could not be reached; nothing changed, try again",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document(routes: Sequence[Route], web_routes: Sequence[Route] = ()) -> JsonObject:
    paths: dict[str, JsonValue] = {}
    described = [("/api/v1", route, OPERATIONS) for route in routes]
    described += [("", route, WEB_OPERATIONS) for route in web_routes]
    for prefix, route, operations in described:
        for method in sorted(route.methods or ()):
            if method == "HEAD":
                continue
            summary, body, status, schema = operations[(method, route.path)]
            shape: JsonObject = {"type": "object"}
            if method == "GET" and prefix and route.path in LISTS:
                shape = {"type": "array", "items": {"type": "object"}}
            responses: dict[str, JsonValue] = {
                status: {
                    "description": "done",
                    "content": {
                        "application/json": {"schema": {"$ref": _S + schema} if schema else shape}
                    },
                },
                "4XX": {
                    "description": "refused; nothing changed",
                    "content": {"application/json": {"schema": {"$ref": _S + "Error"}}},
                },
            }
            responses["503"] = UNAVAILABLE  # a read may meet the database down too
            if (method, route.path) == ("POST", "/counters/{counter_id}/call"):
                responses["204"] = {"description": "nobody waits for this counter"}
            operation: dict[str, JsonValue] = {"summary": summary, "responses": responses}
            params = [p.strip("{}") for p in route.path.split("/") if p.startswith("{")]
            if params:
                operation["parameters"] = [
                    {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                    for p in params
                ]
            if body is not None:
                operation["requestBody"] = {
                    # an empty body misses a field
                    "required": bool(
                        body.get("required") or body.get("anyOf") or body.get("oneOf")
                    ),
                    "content": {"application/json": {"schema": body}},
                }
            key = (method, route.path)
            if prefix and key in TOKEN_OPTIONAL:
                operation["security"] = [{}, {"bearer": []}]
            elif prefix and (key in TOKEN_READS or (method != "GET" and key not in OPEN_CHANGES)):
                operation["security"] = [{"bearer": []}]
            entry = paths.setdefault(prefix + route.path, {})
            assert isinstance(entry, dict)
            entry[method.lower()] = operation
    paths["/api/v1/events"] = {
        "get": {
            "summary": "WebSocket: one JSON object per event {seq, type, at, actor, data}; "
            "?after=SEQ replays from SEQ, otherwise (or when too far behind, or when the "
            "server's event SEQ was not stamped AT) a snapshot {seq, seq_at, type, at, data} "
            "first; seq_at is the at of event seq, sent back as AT after a snapshot",
            "parameters": [
                {"name": "after", "in": "query", "required": False, "schema": {"type": "integer"}},
                {"name": "at", "in": "query", "required": False, "schema": {"type": "string"}},
            ],
            "responses": {
                "101": {"description": "switching to WebSocket"},
                "426": {
                    "description": "a plain HTTP request: the stream is a WebSocket",
                    "content": {"application/json": {"schema": {"$ref": _S + "Error"}}},
                },
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kezek hall server",
            "version": str(PROTOCOL_VERSION),
            "description": "The queue of one public-service hall.",
        },
        "paths": paths,
        "components": {
            "schemas": {"Ticket": TICKET, "Error": ERROR, "Text": TEXT},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
