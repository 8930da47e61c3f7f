"""What the API sends: domain objects turned into the JSON of the public contract."""

from __future__ import annotations

from datetime import datetime

from hallserver.domain.catalogue import Catalogue
from hallserver.domain.estimates import Estimate
from hallserver.domain.hall import Hall, ServiceQueue
from hallserver.domain.ids import JsonObject, JsonValue
from hallserver.domain.tickets import Ticket, TicketState

PROTOCOL_VERSION = 1


def hall_view(catalogue: Catalogue, hall: Hall, now: datetime) -> JsonObject:
    opens = hall.opens_at(now)
    return {
        "id": catalogue.hall_id,
        "name": catalogue.name.to_json(),
        "timezone": catalogue.timezone,
        "hours": catalogue.hours.to_json(),
        "dates": catalogue.hours.dates_json(),
        "last_ticket_min": catalogue.last_ticket_min,
        "priority_streak_cap": catalogue.priority_streak_cap,
        "max_recalls": catalogue.max_recalls,
        "day": hall.state.day.isoformat(),
        "now": now.isoformat(),
        "open": hall.is_open(now),
        "opens_at": opens.isoformat() if opens else None,
        **hall.state.announcement.fields(),
        "protocol_version": PROTOCOL_VERSION,
        "groups": [
            {"id": g.id, "name": g.name.to_json(), "icon": g.icon} for g in catalogue.groups
        ],
        "results": [{"id": r.id, "name": r.name.to_json()} for r in catalogue.results],
    }


def queue_view(entry: ServiceQueue) -> JsonObject:
    return entry.to_json()


def ticket_view(
    ticket: Ticket,
    hall: Hall,
    now: datetime,
    base_url: str,
    *,
    estimate: Estimate | None = None,
    ticket_json: JsonObject | None = None,
) -> JsonObject:
    """A ticket as the API shows it; `estimate` and `ticket_json` when the caller has just
    made them (issuing does both)."""
    view: dict[str, JsonValue] = dict(ticket_json or ticket.to_json())
    if ticket.state is TicketState.WAITING:
        est = estimate or hall.estimate_for(ticket, now)
        view["people_ahead"] = est.people_ahead
        view["position"] = est.people_ahead + 1
        view["estimated_wait_s"] = est.estimated_wait_s
        if hall.ended_today(ticket.service, now):  # closed, no counter left: none will open
            view["estimated_wait_s"] = None
            view["service_ended"] = True
    else:
        view["people_ahead"] = 0
        view["position"] = 0
        view["estimated_wait_s"] = 0
    counter = hall.counters.get(ticket.counter) if ticket.counter else None
    view["counter_number"] = counter.number if counter else None
    view["status_url"] = f"{base_url}/t/{ticket.id}"
    return view


def snapshot(catalogue: Catalogue, hall: Hall, now: datetime, base_url: str) -> JsonObject:
    """Everything a screen shows, after it (re)connects."""
    open_tickets = [t for t in hall.tickets.values() if t.state.is_open]
    open_tickets.sort(key=lambda t: (t.issued_at, t.order))
    return {
        "hall": hall_view(catalogue, hall, now),
        "queue": [queue_view(q) for q in hall.queue(now)],
        "counters": [c.to_json() for c in sorted(hall.counters.values(), key=lambda c: c.number)],
        "tickets": [ticket_view(t, hall, now, base_url) for t in open_tickets],
    }
