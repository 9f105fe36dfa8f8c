"""The Chinese lessons (notebooks/zh/), checked from outside.

One code, two languages: each Chinese notebook has its English twin's code
cells, the same once comments are set aside (a comment may be Chinese), so
the editions cannot drift. Only the prose differs. Each Chinese notebook is
executed in memory like the English ones; the numbers its prose quotes are
held to its run (tests/quotes.py, keys "zh/..."), and rendering its figures
must warn of no missing glyph.
"""
import ast
import json
import re

import pytest

from conftest import NOTEBOOKS, execute_notebook, notebook_text

ZH = NOTEBOOKS / "zh"
SECTIONS = [path.stem for path in sorted(NOTEBOOKS.glob("*.ipynb")) if path.stem != "index"]
TWINS = [f"{name}.ipynb" for name in SECTIONS] + \
        [f"solutions/{name}.ipynb" for name in SECTIONS] + ["index.ipynb"]

# d2l-zh 2.0's own section titles, which the Chinese lesson's title uses.
D2L_ZH_TITLES = {
    "optimization-intro": "优化和深度学习", "convexity": "凸性", "gd-sgd": "梯度下降",
    "minibatch-sgd": "小批量随机梯度下降", "momentum-scratch": "动量法",
    "momentum-gluon": "动量法", "adagrad": "AdaGrad算法", "rmsprop": "RMSProp算法",
    "adadelta": "Adadelta", "adam": "Adam算法", "lr-scheduler": "学习率调度器",
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def cells(path, kind):
    return ["".join(cell["source"]) for cell in
            json.loads(path.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == kind]


def code_without_comments(source):
    """The cell's syntax tree as text: comments, blank lines and layout set aside."""
    from IPython.core.inputtransformer2 import TransformerManager
    return ast.dump(ast.parse(TransformerManager().transform_cell(source)))


def prose(path):
    return "\n".join(cells(path, "markdown"))


@pytest.mark.parametrize("twin", TWINS)
def test_every_english_notebook_has_a_chinese_twin(twin):
    assert (ZH / twin).is_file(), f"notebooks/zh/{twin} is missing"


@pytest.mark.parametrize("twin", TWINS)
def test_chinese_code_is_the_english_code(twin):
    if not (ZH / twin).is_file():
        pytest.skip(f"notebooks/zh/{twin} is missing (its own test fails)")
    english = [code_without_comments(s) for s in cells(NOTEBOOKS / twin, "code")]
    chinese = [code_without_comments(s) for s in cells(ZH / twin, "code")]
    assert len(chinese) == len(english), f"{twin}: {len(chinese)} code cells, English has {len(english)}"
    for number, (en, zh) in enumerate(zip(english, chinese)):
        assert zh == en, f"{twin}: code cell {number} differs from the English lesson's"


def test_comments_and_layout_may_differ_but_code_may_not():
    assert code_without_comments("x = 1  # one\n\nprint(x)") == \
        code_without_comments("# 一\nx = 1\nprint(x)  # 打印")
    assert code_without_comments("print('loss')") != code_without_comments("print('损失')")


@pytest.mark.parametrize("name", SECTIONS)
def test_chinese_lesson_is_a_lesson(name):
    path = ZH / f"{name}.ipynb"
    if not path.is_file():
        pytest.skip(f"notebooks/zh/{name}.ipynb is missing (its own test fails)")
    # The closing 动手试一试 section only introduces the explorer widget: it is
    # not part of the lesson's length.
    text = prose(path).split("\n## 动手试一试\n", 1)[0]
    characters = len(HAN.findall(re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)))
    assert 1400 <= characters <= 3000, f"zh/{name}: {characters} Chinese characters"
    exercises = re.split(r"^#+ *练习\s*$", text, flags=re.MULTILINE)
    assert len(exercises) == 2, f"zh/{name}: one 练习 heading expected"
    assert 3 <= len(re.findall(r"^\d+\. ", exercises[1], flags=re.MULTILINE)) <= 5
    title = text.lstrip().splitlines()[0]
    if name in D2L_ZH_TITLES:
        assert D2L_ZH_TITLES[name] in title, f"zh/{name}: title {title!r}"


def test_index_links_every_chinese_lesson():
    path = ZH / "index.ipynb"
    if not path.is_file():
        pytest.skip("notebooks/zh/index.ipynb is missing (its own test fails)")
    linked = set(re.findall(r"\]\(([\w/-]+\.ipynb)\)", prose(path)))
    assert {f"{name}.ipynb" for name in SECTIONS} <= linked


@pytest.mark.slow
@pytest.mark.parametrize("twin", TWINS[:-1])
def test_chinese_notebook_runs_and_draws_every_glyph(twin):
    if not (ZH / twin).is_file():
        pytest.skip(f"notebooks/zh/{twin} is missing (its own test fails)")
    notebook = execute_notebook(f"zh/{twin}")
    text = notebook_text(notebook)
    assert "Glyph" not in text and "missing from font" not in text, twin
    assert "Traceback" not in text, twin
