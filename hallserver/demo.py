"""`kezek demo`: the demo hall on this machine, with fresh credentials printed to try it."""

from __future__ import annotations

import secrets
import sys
from datetime import UTC, datetime

from sqlalchemy import delete

from hallserver.access import Actor, Role, hash_pin, new_token
from hallserver.config import ServerConfig
from hallserver.server import open_store, serve
from hallserver.service import HallService, token_row
from hallserver.store import schema

DEMO_OPERATORS = (
    ("aigul", "Айгүл Сейітова", "c1", False),
    ("daniyar", "Данияр Омаров", "c4", False),
    ("supervisor", "Гүлнар Ахметова", "c12", True),
)


def run_demo(db_url: str, *, port: int) -> int:
    store = open_store(db_url)
    now = datetime.now(UTC)
    tokens = {role: new_token() for role in ("kiosk", "consultant", "supervisor")}
    counter_tokens = {counter: new_token() for _, _, counter, _ in DEMO_OPERATORS}
    pins = {login: f"{secrets.randbelow(10**4):04d}" for login, *_ in DEMO_OPERATORS}
    with store.engine.begin() as conn:  # fresh credentials each run: none is a default
        conn.execute(delete(schema.tokens))
        conn.execute(delete(schema.operators))
        for role, token in tokens.items():
            conn.execute(
                schema.tokens.insert(), [token_row(token, Actor(Role(role), f"demo-{role}"), now)]
            )
        for counter, token in counter_tokens.items():
            actor = Actor(Role.COUNTER, f"demo-counter-{counter}", counter)
            conn.execute(schema.tokens.insert(), [token_row(token, actor, now)])
        for login, name, _, supervisor in DEMO_OPERATORS:
            conn.execute(
                schema.operators.insert(),
                [
                    {
                        "login": login,
                        "name": name,
                        "pin_hash": hash_pin(pins[login]),
                        "supervisor": supervisor,
                    }
                ],
            )
    store.close()
    config = ServerConfig(db_url=db_url, port=port, demo=True, always_open=True)

    def ready(url: str, hall: HallService) -> None:
        api = f"{url}/api/v1"
        name = hall.catalogue.name.en
        first = DEMO_OPERATORS[0]
        lines = [
            f"Kezek demo hall: {name}",
            f"  hall server   {url}   (opening hours ignored in the demo)",
            f"  look at       {api}/queue   {api}/services   {url}/openapi.json",
            f"  live events   ws://{url.removeprefix('http://')}/api/v1/events",
            "",
            "Fresh credentials for this run (there are no default passwords):",
            *(f"  {role:<11} token  {token}" for role, token in tokens.items()),
            *(
                f"  operator {login:<10} PIN {pins[login]}  at counter terminal {counter} "
                f"(token {counter_tokens[counter]})"
                for login, _, counter, _ in DEMO_OPERATORS
            ),
            "",
            "Try it:",
            f"  K={tokens['kiosk']}",
            f'  curl -s -X POST {api}/tickets -H "Authorization: Bearer $K" '
            """-d '{"service_id": "id-card", "language": "kk"}'""",
            f"  OP=$(curl -s -X POST {api}/counters/{first[2]}/sign-in "
            f'-H "Authorization: Bearer {counter_tokens[first[2]]}" '
            f"""-d '{{"login": "{first[0]}", "pin": "{pins[first[0]]}"}}' """
            """| python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')""",
            f'  curl -s -X POST {api}/counters/{first[2]}/open -H "Authorization: Bearer $OP"',
            f'  curl -s -X POST {api}/counters/{first[2]}/call -H "Authorization: Bearer $OP"',
            "",
            "The kiosk, counter and display apps are not built yet (issues 4-6). Ctrl+C stops.",
        ]
        print("\n".join(lines))
        sys.stdout.flush()

    serve(config, on_ready=ready)
    return 0
