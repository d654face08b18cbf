"""Collects the largest output difference each export test measured and prints the table
at the end of the run, so the figures behind LANGUAGE.md §6's claims are on record."""
import pytest

MEASURED = {}


@pytest.fixture
def record_difference():
    def record(name, difference):
        MEASURED[name] = max(MEASURED.get(name, 0.0), float(difference))
    return record


def pytest_terminal_summary(terminalreporter):
    if not MEASURED:
        return
    terminalreporter.section("export: largest |Stride - reference| per case")
    for name in sorted(MEASURED):
        terminalreporter.write_line(f"{name:32s} {MEASURED[name]:.3g}")
