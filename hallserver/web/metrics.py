"""Prometheus /metrics: queue lengths and waits read from the hall, request latencies measured."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hallserver.domain.counters import CounterState
from hallserver.domain.tickets import TicketState
from hallserver.service import HallService

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class HallCollector(Collector):
    """Reads the hall at scrape time: nothing to keep in step, nothing stale."""

    def __init__(self, hall: HallService) -> None:
        self.hall = hall

    def collect(self) -> Iterator[Metric]:
        hall = self.hall.hall
        now = self.hall.now()
        waiting = GaugeMetricFamily(
            "kezek_queue_waiting", "Visitors waiting now, per service", labels=["service"]
        )
        longest = GaugeMetricFamily(
            "kezek_queue_longest_wait_seconds",
            "How long the first visitor in line has waited, per service",
            labels=["service"],
        )
        estimate = GaugeMetricFamily(
            "kezek_queue_estimated_wait_seconds",
            "Estimated wait for a ticket issued now, per service",
            labels=["service"],
        )
        for line in hall.queue(now):
            waiting.add_metric([line.service.id], line.waiting)
            longest.add_metric([line.service.id], line.longest_wait_s)
            estimate.add_metric([line.service.id], line.estimate_for_new.estimated_wait_s)
        counters = GaugeMetricFamily("kezek_counters", "Counters by state", labels=["state"])
        for state in CounterState:
            count = sum(1 for c in hall.counters.values() if c.state is state)
            counters.add_metric([state.value], count)
        tickets = GaugeMetricFamily(
            "kezek_tickets_today", "Today's tickets by status", labels=["status"]
        )
        for status in TicketState:
            count = sum(1 for t in hall.tickets.values() if t.state is status)
            tickets.add_metric([status.value], count)
        yield from (waiting, longest, estimate, counters, tickets)
        yield CounterMetricFamily(
            "kezek_events_committed",
            "Events committed to the log",
            value=self.hall.committed_events,
        )
        yield CounterMetricFamily(
            "kezek_commits", "Group commits to the database", value=self.hall.commits
        )
        yield GaugeMetricFamily(
            "kezek_event_stream_subscribers",
            "Open event streams (terminals, pages)",
            value=self.hall.hub.subscribers,
        )


class Metrics:
    """One registry per app (tests start many apps in one process)."""

    def __init__(self, hall: HallService) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.registry.register(HallCollector(hall))
        self.latency = Histogram(
            "kezek_http_request_duration_seconds",
            "Time to answer an HTTP request, by route",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=LATENCY_BUCKETS,
        )


class LatencyMiddleware:
    """Times every HTTP request; labels it by its route's template, not its concrete path."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self._series: dict[tuple[str, str, int], Any] = {}  # labels -> its histogram

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None)
            label = f"{scope.get('root_path', '')}{path}" if path else "unmatched"
            key = (scope["method"], label, status)
            series = self._series.get(key)
            if series is None:  # looking the labels up costs more than the rest of this
                series = self.metrics.latency.labels(scope["method"], label, str(status))
                if len(self._series) < 1000:
                    self._series[key] = series
            series.observe(time.perf_counter() - started)


async def metrics_endpoint(request: Request) -> Response:
    metrics: Metrics = request.app.state.web_metrics
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)


def routes() -> list[Route]:
    return [Route("/metrics", metrics_endpoint, methods=["GET"])]
