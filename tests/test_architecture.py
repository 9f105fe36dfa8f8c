"""docs/architecture.md is true: every room is in its layer table, every
module-level import inside gluon_opt runs down that table, and no chain of
imports, those made inside functions included, comes back to where it began;
and the library imports nothing of the repository's tooling beside it
(benchmarks/, tests/), which the wheel does not hold."""
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


def tooling_imports(package=PACKAGE, root=ROOT):
    """Each import, anywhere in a file of `package`, of a module that lives
    in the repository beside the package: a top-level package or module
    other than gluon_opt (benchmarks, the utils.py facade, setup) or a
    module of tests/."""
    tooling = {path.stem for path in root.iterdir()
               if path.suffix == ".py" or (path / "__init__.py").exists()}
    tooling |= {path.stem for path in (root / "tests").glob("*.py")}
    tooling.discard(package.name)
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            found += [f"{path.relative_to(root)} imports {name}"
                      for name in names if name.split(".")[0] in tooling]
    return found


def test_the_library_imports_nothing_of_the_repositorys_tooling():
    assert (ROOT / "benchmarks" / "__init__.py").exists()
    assert not (PACKAGE / "bench").exists()
    assert tooling_imports() == []


def test_every_benchmark_module_has_its_row_in_the_doc():
    section = DOC.read_text(encoding="utf-8").split(
        "## Outside the package: the benchmarks")[1].split("\n## ")[0]
    named = set(re.findall(r"`(?:benchmarks/)?(\w+)\.py`", section))
    modules = {path.stem for path in (ROOT / "benchmarks").glob("*.py")}
    assert named == modules - {"__init__"}


def test_the_tooling_check_sees_an_import_of_the_benchmarks(tmp_path):
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "benchmarks" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "optimizer_cases.py").write_text("", encoding="utf-8")
    (tmp_path / "gluon_opt").mkdir()
    (tmp_path / "gluon_opt" / "a.py").write_text(
        "import mxnet\nfrom . import b\n"
        "def late():\n    from benchmarks.suite import CASES\n"
        "    import optimizer_cases\n", encoding="utf-8")
    assert tooling_imports(tmp_path / "gluon_opt", tmp_path) == [
        "gluon_opt/a.py imports benchmarks.suite",
        "gluon_opt/a.py imports optimizer_cases"]


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


def imported_modules(path, root=ROOT):
    """The gluon_opt modules that any import in the file at `path` names,
    those inside functions included: `from . import X` names module X where
    X is a file or a subpackage, else the package whose attribute it is."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    known = {module_name(p, root) for p in (root / "gluon_opt").rglob("*.py")}
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1]
                                + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.add(candidate if candidate in known else base)
        elif isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
    return {target for target in targets if target in known} - {module}


def import_cycles(root=ROOT):
    """Each set of modules that import one another round a circle (Tarjan)."""
    graph = {module_name(path, root): imported_modules(path, root)
             for path in (root / "gluon_opt").rglob("*.py")}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_chain_of_imports_comes_back_where_it_began():
    assert import_cycles() == []


def test_the_cycle_check_sees_a_circle_made_inside_a_function(tmp_path):
    folder = tmp_path / "gluon_opt"
    (folder / "sub").mkdir(parents=True)
    (folder / "__init__.py").write_text("from . import a\n", encoding="utf-8")
    (folder / "a.py").write_text("def late():\n    from .sub import b\n", encoding="utf-8")
    (folder / "sub" / "__init__.py").write_text("from .b import thing\n", encoding="utf-8")
    (folder / "sub" / "b.py").write_text("from .. import a\nthing = 1\n", encoding="utf-8")
    assert import_cycles(tmp_path) == [["gluon_opt.a", "gluon_opt.sub.b"]]
    (folder / "a.py").write_text("x = 1\n", encoding="utf-8")
    assert import_cycles(tmp_path) == []
