"""The security suite: a summary of the cases it tried, for the README's "Security test suite"."""

from tests.security.counts import NOTED, TRIED


def pytest_terminal_summary(terminalreporter):
    if not TRIED:
        return
    terminalreporter.section("security cases tried")
    for kind in sorted(TRIED):
        terminalreporter.write_line(f"{kind}: {TRIED[kind]}")
    terminalreporter.write_line(f"total cases tried: {sum(TRIED.values())}")
    for kind in sorted(NOTED):
        terminalreporter.write_line(f"  ({kind}: {NOTED[kind]})")
