"""The README states only what is true: its commands, names, paths and rules
are checked against the code."""
import pathlib
import re

import pytest

import gluon_opt
from gluon_opt import reproduce, training

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_that_need_nothing_beside_the_clone():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "gluon-opt reproduce" in commands[0]
    assert "pytest" in commands[1]
    for command in commands:
        assert "GLUON_OPT_DATA" not in command and "shared" not in command


def test_ci_runs_the_second_quick_start_command_without_a_data_folder():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "sed -n 2p" in ci and "unset GLUON_OPT_DATA" in ci


def test_every_gluon_opt_name_the_readme_mentions_exists():
    names = set(re.findall(r"`gluon_opt((?:\.\w+)+)", README))
    assert names  # the README does name some
    for dotted in sorted(names):
        target = gluon_opt
        for part in dotted.strip(".").split("."):
            assert hasattr(target, part), f"gluon_opt{dotted} does not exist"
            target = getattr(target, part)


def test_the_results_path_is_where_reproduce_writes():
    assert "`OUT/results/NAME.json`" in README
    assert reproduce.result_path("OUT", "NAME") == "OUT/results/NAME.json"


@pytest.mark.parametrize("losses,diverged", [
    ([1.0, 0.5, 2.0], True),        # above its first: made worse
    ([16.3, 4.7e-5, 0.037], False),  # improved, then rose a little
    ([0.0, 0.1], True),              # from exactly zero (no division)
    ([1.0, float("nan")], True),
])
def test_the_divergence_rule_is_the_one_the_readme_states(losses, diverged):
    assert "when its last loss\nis above its first" in README
    assert "1000" not in README.split("**Divergence.**")[1].split("\n\n")[0]
    assert training.is_diverged(losses) is diverged


def test_the_python_the_readme_names_is_the_one_setup_requires():
    setup = (ROOT / "setup.py").read_text()
    assert 'python_requires=">=3.11,<3.12"' in setup
    assert "**Python 3.11 is required.**" in README
    assert "py_modules" not in setup  # nothing named utils installed


def test_the_data_credits_name_the_sources_and_licences():
    for text in ("UCI", "CC BY 4.0", "LeCun", "Cortes", "Burges",
                 "CC BY-SA 3.0"):
        assert text in README
