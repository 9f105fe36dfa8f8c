"""docs/architecture.md is true: every room is in its layer table, and every
module-level import inside gluon_opt runs down that table."""
import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gluon_opt"
DOC = ROOT / "docs" / "architecture.md"


def room(module):
    """gluon_opt.X.Y -> 'X/' for a subpackage X, else 'X' ('__init__' for
    the package itself)."""
    parts = module.split(".")[1:]
    if not parts:
        return "__init__"
    return parts[0] + "/" if (PACKAGE / parts[0]).is_dir() else parts[0]


def module_name(path, root=ROOT):
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_rooms(path, root=ROOT):
    """The rooms that the module-level imports of the file at `path` reach."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    targets = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[:len(package.split(".")) - node.level + 1]
            if node.module:
                targets.add(".".join(base + [node.module]))
            else:
                targets.update(".".join(base + [alias.name])
                               for alias in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = ([alias.name for alias in node.names]
                     if isinstance(node, ast.Import) else [node.module])
            targets.update(name for name in names
                           if name.split(".")[0] == "gluon_opt")
    return {room(target) for target in targets}


def layers():
    """room -> its layer number, from the doc's table."""
    table = DOC.read_text(encoding="utf-8").split("| layer | name | rooms |")[1]
    result = {}
    for number, rooms in re.findall(r"^\| (\d+) \| [^|]+ \| ([^|]+) \|$",
                                    table, re.MULTILINE):
        for name in re.findall(r"`([\w/]+)`", rooms):
            assert name not in result, f"{name} is in two layers"
            result[name] = int(number)
    return result


def test_every_room_is_in_one_layer_of_the_table():
    rooms = {room(module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert rooms == set(layers())


def test_imports_run_down_the_layers():
    layer = layers()
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = room(module_name(path))
        for target in imported_rooms(path) - {here}:
            if layer[target] >= layer[here]:
                upward.append(f"{path.relative_to(ROOT)} ({here}, layer "
                              f"{layer[here]}) imports {target} (layer "
                              f"{layer[target]})")
    assert not upward, "\n".join(upward)


def test_the_check_reads_every_spelling_of_an_import(tmp_path):
    folder = tmp_path / "gluon_opt" / "optimizers"
    folder.mkdir(parents=True)
    path = folder / "probe.py"
    path.write_text("from .. import training\n"
                    "from ..experiments import EXPERIMENTS\n"
                    "from . import pieces\n"
                    "import gluon_opt.plotting\n"
                    "def late():\n    from .. import cli\n", encoding="utf-8")
    # pieces is inside its own room; an import in a function is not read.
    assert imported_rooms(path, tmp_path) == {
        "training", "experiments/", "optimizers/", "plotting"}
