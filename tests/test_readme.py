"""The README states only what is true: its commands, names, paths and rules
are checked against the code."""
import importlib
import pathlib
import re
import sys

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


def test_the_pythons_the_readme_names_are_the_ones_setup_requires():
    setup = (ROOT / "setup.py").read_text()
    assert 'python_requires=">=3.10"' in setup
    assert "**CPython 3.10, 3.11, 3.12 and 3.13.**" in README
    for minor in (10, 11, 12, 13):
        assert f'"Programming Language :: Python :: 3.{minor}"' in setup
    assert "py_modules" not in setup  # nothing named utils installed


def test_the_tested_set_the_readme_states_is_what_this_python_runs():
    # The row of this Python in the README's table names the numpy,
    # matplotlib and contourpy installed here (major.minor).
    import contourpy
    import matplotlib
    import numpy
    python = "%d.%d" % sys.version_info[:2]
    rows = dict(re.findall(r"^\| (3\.\d+) \| (.+) \|$", README, re.MULTILINE))
    assert python in rows, f"the README's table has no row for {python}"
    stated = [cell.strip() for cell in rows[python].split("|")]
    for cell, module in zip(stated, (numpy, matplotlib, contourpy)):
        assert (cell.split(".")[:2] == module.__version__.split(".")[:2]), (
            f"README says {module.__name__} {cell} on {python}, "
            f"{module.__version__} is installed")


def test_the_quick_start_installs_the_mxnet_that_setup_names():
    setup = (ROOT / "setup.py").read_text()
    mxnet = re.search(r'^MXNET = "([^"]+)"', setup, re.MULTILINE).group(1)
    for command in quick_start_commands():
        assert command.startswith("python3 -m venv .venv && ")
        assert f"pip install -q --no-deps mxnet=={mxnet} && " in command
    # The one pip check line the README explains is the one CI lets pass.
    said = " ".join(README.split())
    assert ("`pip check` reports that one stale bound on 3.13 (`mxnet 1.9.1 "
            "has requirement numpy<2.0.0,>1.16.0, but you have numpy") in said
    ci = (ROOT / ".ci" / "run").read_text()
    assert ("'^mxnet 1\\.9\\.1 has requirement numpy<2\\.0\\.0,>1\\.16\\.0, "
            "but you have numpy 2\\.'") in ci


def test_the_data_credits_name_the_sources_and_licences():
    for text in ("UCI", "CC BY 4.0", "LeCun", "Cortes", "Burges",
                 "CC BY-SA 3.0"):
        assert text in README


# ------------------------------------------------------------ the API tables

API_SECTIONS = ("## The book's editions", "## API", "## The current book")
IDENTIFIER = re.compile(r"([A-Za-z_]\w*)(\(.*\))?")


def api_tables():
    """Every markdown table of the API sections, as (header cells, rows of
    cells)."""
    tables = []
    for title in API_SECTIONS:
        section = README.split(title, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"((?:^\|.*\|\n)+)", section, re.M):
            rows = [[cell.strip() for cell in line.strip("|").split(" | ")]
                    for line in block.strip().splitlines()]
            tables.append((rows[0], rows[2:]))
    return tables


def names_in(cell):
    """The names a table cell gives: each `name` or `name(...)` in
    backticks (dotted, quoted and pattern spans such as `init_*_states` are
    not names of the module)."""
    return [match.group(1) for span in re.findall(r"`([^`]+)`", cell)
            if (match := IDENTIFIER.fullmatch(span))]


def namespace(header):
    """The module a table's names live in, from its first header cell:
    'name (`gluon_opt.utils`)'; None for the module table and the editions'."""
    found = re.fullmatch(r"name \(`(gluon_opt(?:\.\w+)*)`\)", header[0])
    return importlib.import_module(found.group(1)) if found else None


def test_every_api_table_says_where_its_names_live():
    tables = api_tables()
    assert len(tables) == 5
    headers = [header[0] for header, _ in tables]
    assert headers == ["edition", "name (`gluon_opt.utils`)",
                       "name (`gluon_opt`)", "module",
                       "name (`gluon_opt.d2l`)"]


def test_every_name_in_every_api_table_exists():
    checked = 0
    for header, rows in api_tables():
        module = namespace(header)
        for row in rows:
            if header[0] == "module":
                module_of_row = importlib.import_module(row[0].strip("`"))
                names = [(module_of_row, name) for name in names_in(row[1])]
            elif module is not None:
                names = [(module, name) for name in names_in(row[0])]
            else:
                continue
            for owner, name in names:
                assert hasattr(owner, name), f"{owner.__name__}.{name}"
                checked += 1
    assert checked > 100


def test_the_editions_table_gives_each_editions_import_line():
    (header, rows), *_ = api_tables()
    assert header == ["edition", "the book's first cell imports",
                      "write instead"]
    books = {row[0]: row[1].split("`")[1] for row in rows}
    ours = {row[0]: row[2].split("`")[1] for row in rows}
    assert books == {
        "April 2018, `utils.py`": "import utils",
        "mid-2018, gluonbook": "import gluonbook as gb",
        "d2l-zh 1.0, d2lzh": "import d2lzh as d2l",
        "d2l-zh 2.0 (zh.d2l.ai)": "from d2l import mxnet as d2l",
        "d2l-en 1.0 (d2l.ai)": "from d2l import mxnet as d2l"}
    expected = [gluon_opt.utils, gluon_opt, gluon_opt, gluon_opt.d2l,
                gluon_opt.d2l]
    for (edition, line), module in zip(ours.items(), expected):
        bound = {}
        exec(line, bound)  # the line imports and binds the book's name
        name = books[edition].split()[-1]
        assert bound[name] is module, edition


def test_the_d2l_table_counts_the_aliases_right():
    from gluon_opt import d2l
    assert f"all {len(d2l.ALIASES)} (`d2l.ALIASES`)" in README


def test_the_chinese_readme_gives_the_same_quick_start():
    def block(path, heading):
        text = (ROOT / path).read_text(encoding="utf-8")
        return re.search(heading + r"\n\n```\n(.*?)```", text, re.S).group(1)
    assert block("README.zh-CN.md", "## 快速开始") == block("README.md", "## Quick start")
