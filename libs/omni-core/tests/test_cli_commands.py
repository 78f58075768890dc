"""Subcommands: the built-ins, the in-process registry, and plugins found through the
`omni.commands` entry-point group of an installed distribution."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from omni_core import cli


def test_builtins_are_registered() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"up", "status", "down"} <= set(sub.choices)
    up = sub.choices["up"].parse_args(["--services", "a,b", "--no-wait", "--timeout", "5"])
    assert (up.services, up.wait, up.timeout, up.only_infra) == ("a,b", False, 5.0, False)


def test_no_command_prints_help_and_returns_2(capsys) -> None:
    assert cli.main([]) == 2
    assert "up" in capsys.readouterr().out


def test_register_command_in_process(capsys) -> None:
    seen = []

    def configure(parser: argparse.ArgumentParser) -> None:
        """Say hello."""
        parser.add_argument("--name", default="world")
        parser.set_defaults(func=lambda args: seen.append(args.name) or 7)

    cli.register_command("hello-test", configure)
    try:
        assert cli.main(["hello-test", "--name", "omni"]) == 7
        assert seen == ["omni"]
        assert "Say hello." in cli.build_parser().format_help()
    finally:
        cli._REGISTRY.pop("hello-test", None)


def test_only_infra_and_services_exclude_each_other(capsys) -> None:
    assert cli.main(["up", "--only-infra", "--services", "control-plane"]) == 2


def test_plugin_command_from_entry_point(tmp_path: Path) -> None:
    """A distribution (a real .dist-info on sys.path) declaring `omni.commands` adds a
    subcommand; a broken one is reported and does not break the CLI."""
    (tmp_path / "omni_plugin_demo.py").write_text(
        "import argparse\n"
        "def configure(parser: argparse.ArgumentParser) -> None:\n"
        "    '''Run a demo backtest.'''\n"
        "    parser.add_argument('--strategy', required=True)\n"
        "    parser.set_defaults(func=lambda a: print('backtest', a.strategy) or 0)\n"
    )
    dist = tmp_path / "omni_plugin_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: omni-plugin-demo\n"
                                   "Version: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[omni.commands]\n"
        "backtest = omni_plugin_demo:configure\n"
        "broken = omni_plugin_demo:does_not_exist\n"
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "omni_core.cli", *args], env=env,
                              capture_output=True, text=True, timeout=60)

    helped = run("--help")
    assert helped.returncode == 0
    assert "backtest" in helped.stdout and "Run a demo backtest." in helped.stdout
    assert "cannot load command 'broken'" in helped.stderr
    ran = run("backtest", "--strategy", "sma-cross")
    assert ran.returncode == 0 and ran.stdout.strip() == "backtest sma-cross"
