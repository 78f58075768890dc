"""The ``omni`` command: ``omni up``, ``omni status``, ``omni down`` (and whatever other packages
add).

Adding a subcommand
-------------------
A subcommand is a *configure* function that receives its own argparse sub-parser, adds its
arguments and sets ``func``: a callable taking the parsed ``argparse.Namespace`` and returning
the exit code. Its docstring's first line is the one-line help.

From another package, declare it as an entry point in the group ``omni.commands``; the entry
point's name is the subcommand name (the module is imported only when the CLI starts)::

    # services/strategy-engine/pyproject.toml
    [project.entry-points."omni.commands"]
    backtest = "svc_strategy_engine.cli:configure_backtest"

    # svc_strategy_engine/cli.py
    def configure_backtest(parser: argparse.ArgumentParser) -> None:
        \"\"\"Run a backtest on the live code path.\"\"\"
        parser.add_argument("--strategy", required=True)
        parser.set_defaults(func=lambda args: run_backtest(args.strategy))

In-process (tests, scripts), use the ``command`` decorator / ``register_command``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points

__all__ = ["main", "build_parser", "command", "register_command", "ENTRY_POINT_GROUP"]

ENTRY_POINT_GROUP = "omni.commands"

Configure = Callable[[argparse.ArgumentParser], None]

_REGISTRY: dict[str, tuple[Configure, str | None]] = {}


def register_command(name: str, configure: Configure, help: str | None = None) -> None:
    """Register a subcommand in this process (the built-ins use this too)."""
    _REGISTRY[name] = (configure, help)


def command(name: str, help: str | None = None) -> Callable[[Configure], Configure]:
    def deco(fn: Configure) -> Configure:
        register_command(name, fn, help)
        return fn

    return deco


def _first_line(fn: Callable) -> str | None:
    doc = (fn.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else None


# ---------------------------------------------------------------------------------------------
# built-in commands

UP_EPILOG = """\
infrastructure:
  Kafka      OMNI_KAFKA_BOOTSTRAP if set (the eight topics are created if missing),
             else the embedded broker (Tansu, in memory) on 127.0.0.1 at a free port.
  database   OMNI_DATABASE_URL if set, else SQLite per service under $OMNI_HOME/data/.
  cache      OMNI_REDIS_URL if set, else each service's in-process cache.
  state      $OMNI_HOME (default ./.omni): fleet.json, logs/<service>.log, data/.

long sessions and memory:
  The embedded broker keeps every message in memory: it enforces no retention, so its
  memory grows with the traffic for as long as it runs (the status table shows its RSS).
  For long sessions restart the stack now and then (`omni down && omni up` is cheap: state in
  SQLite survives, the broker starts empty), lower the market-data simulator's rate, or point
  OMNI_KAFKA_BOOTSTRAP at a real Kafka with retention. See docs/embedded.md.

stopping:
  Ctrl-C (or SIGTERM, or `omni down` from another terminal) stops every service's process
  group (SIGTERM, then SIGKILL after --grace seconds), then the broker. A second Ctrl-C kills
  at once.
"""


@command("up")
def _configure_up(parser: argparse.ArgumentParser) -> None:
    """Start the embedded stack: broker, topics and every implemented service, supervised."""
    parser.description = (
        "Start the infrastructure and every implemented service as supervised processes "
        "(restarted with exponential backoff when they crash), wait until each answers its "
        "gRPC health check, and show a live status table until Ctrl-C."
    )
    parser.epilog = UP_EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--services", metavar="A,B,C",
                        help="only these services (catalogue names, comma-separated)")
    parser.add_argument("--only-infra", action="store_true",
                        help="start the broker and topics only, no services")
    parser.add_argument("--no-wait", dest="wait", action="store_false",
                        help="do not wait for readiness before showing the table")
    parser.add_argument("--timeout", type=float, default=180.0, metavar="SECONDS",
                        help="how long to wait for every service to be READY (default 180)")
    parser.add_argument("--grace", type=float, default=10.0, metavar="SECONDS",
                        help="on stop, how long services get after SIGTERM (default 10)")
    parser.add_argument("--home", help="state directory (default $OMNI_HOME or ./.omni)")
    parser.add_argument("--refresh", type=float, default=1.0, metavar="SECONDS",
                        help="status table refresh interval (default 1)")

    def run(args: argparse.Namespace) -> int:
        from omni_core.embedded.fleet import UpOptions, run_up

        if args.only_infra and args.services:
            print("omni up: --only-infra and --services exclude each other", file=sys.stderr)
            return 2
        return run_up(UpOptions(
            services=args.services, only_infra=args.only_infra, wait=args.wait,
            timeout=args.timeout, grace=args.grace, home=args.home, refresh=args.refresh,
        ))

    parser.set_defaults(func=run)


@command("status")
def _configure_status(parser: argparse.ArgumentParser) -> None:
    """Show the fleet started by `omni up` (exit 1 if nothing is running)."""
    parser.add_argument("--home", help="state directory (default $OMNI_HOME or ./.omni)")

    def run(args: argparse.Namespace) -> int:
        from omni_core.embedded.fleet import status

        return status(args.home)

    parser.set_defaults(func=run)


@command("down")
def _configure_down(parser: argparse.ArgumentParser) -> None:
    """Stop the fleet started by another `omni up`."""
    parser.add_argument("--home", help="state directory (default $OMNI_HOME or ./.omni)")
    parser.add_argument("--timeout", type=float, default=40.0, metavar="SECONDS",
                        help="how long to wait for `omni up` to stop everything (default 40)")

    def run(args: argparse.Namespace) -> int:
        from omni_core.embedded.fleet import down

        return down(args.home, timeout=args.timeout)

    parser.set_defaults(func=run)


# ---------------------------------------------------------------------------------------------


def _plugin_commands() -> dict[str, tuple[Configure, str | None]]:
    found: dict[str, tuple[Configure, str | None]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in _REGISTRY or ep.name in found:
            continue
        try:
            configure = ep.load()
        except Exception as exc:  # a broken plugin must not break `omni up`
            print(f"omni: cannot load command {ep.name!r} ({ep.value}): {exc}", file=sys.stderr)
            continue
        found[ep.name] = (configure, None)
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omni", description="Omni Alpha: run and inspect the embedded stack."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands = dict(_REGISTRY)
    commands.update(_plugin_commands())
    for name, (configure, help_text) in commands.items():
        text = help_text or _first_line(configure)
        p = sub.add_parser(name, help=text, description=text)
        configure(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
