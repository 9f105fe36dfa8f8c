"""The quoted numbers' words stand in the committed markdown (nothing is run
here: conftest.execute_notebook compares each quote with its run)."""
import json

import pytest

from conftest import NOTEBOOKS
from quotes import QUOTES, Quote, check, quote_value

ENTRIES = [(name, quote) for name, quotes in QUOTES.items() for quote in quotes]


def markdown(name):
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells
                     if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("name", sorted(QUOTES))
def test_every_key_is_a_notebook(name):
    assert (NOTEBOOKS / name).is_file(), name


@pytest.mark.parametrize("name, quote", ENTRIES,
                         ids=[f"{name}:{quote.number}" for name, quote in ENTRIES])
def test_quoted_words_stand_in_the_markdown(name, quote):
    assert quote.number in quote.words, quote
    quote_value(quote.number)
    assert quote.words in markdown(name), f"{name} no longer says {quote.words!r}"


def test_check_refuses_a_number_the_run_does_not_give(monkeypatch):
    monkeypatch.setitem(QUOTES, "x.ipynb", [Quote("ends at 0.2436", "0.2436", "v", 5e-5)])
    check("x.ipynb", {"v": 0.24362})
    with pytest.raises(AssertionError, match="ends at 0.2436"):
        check("x.ipynb", {"v": 0.2445})


def test_quote_value_reads_the_forms_the_prose_uses():
    assert quote_value("1.2e-3") == 1.2e-3
    assert quote_value("−7") == -7
    assert quote_value("12,150") == 12150
