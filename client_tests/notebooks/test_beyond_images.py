"""Executes notebooks/03-beyond-images.ipynb through nbclient: 1-D signals with Conv1D,
texts with Embedding and Conv1D in a user model, and volumes with Conv3D, each shown,
trained and tested."""
import re

import pytest

from notebook_helpers import assert_picture, cell_containing, cell_errors, notebook_fixture, rich_outputs, stdout_of


executed = notebook_fixture("03-beyond-images.ipynb")


def test_no_cell_errors(executed):
    nb, _, _ = executed
    assert not cell_errors(nb)


def accuracy_of(cell):
    match = re.search(r"test accuracy: ([0-9.]+)", stdout_of(cell))
    assert match, stdout_of(cell)
    return float(match.group(1))


@pytest.mark.parametrize("data, model, least", [("Tones(count:", "toneNet.fit(", 0.7),
                                               ("Sentences(count:", "textNet.fit(", 0.85),
                                               ("Volumes(count:", "volumeNet.fit(", 0.85)])
def test_each_kind_of_data_is_shown_and_learned(executed, data, model, least):
    nb, messages, _ = executed
    _, cell = cell_containing(nb, data)
    (shown,) = rich_outputs(cell)
    if data.startswith("Sentences"):
        assert "<table>" in shown["data"]["text/html"]   # sentences show as a table
    else:
        assert_picture(shown)
    index, cell = cell_containing(nb, model)
    created = [m for m in messages[index] if m["msg_type"] == "display_data"]
    assert len(created) == 2, "one live chart and one progress line"
    accuracy = accuracy_of(cell)
    print(f"\n{model} test accuracy {accuracy:.3f}")
    assert accuracy >= least


def test_the_sentence_table_has_both_classes(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "Sentences(count:")
    assert stdout_of(cell).split()[1] == "words"
    (table,) = rich_outputs(cell)
    html = table["data"]["text/html"]
    assert "<table>" in html and ">positive<" in html and ">negative<" in html


def test_predictions_are_printed_with_their_sentences(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "zip(few.texts")
    lines = stdout_of(cell).splitlines()
    assert len(lines) == 6
    assert all(re.fullmatch(r"(positive|negative) ← [a-z ]+", line) for line in lines), lines


def test_volume_model_summary(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "volumeNet.summary(")
    summary = [o for o in rich_outputs(cell) if "text/html" in o["data"]][-1]
    assert "1×16×8×8×8" in summary["data"]["text/html"] and "3,730" in summary["data"]["text/html"]
