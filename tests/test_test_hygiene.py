"""The tests read the clock only inside a test or fixture, never when a module is imported.

A date taken at import time (a module constant, a parametrize list, a decorator argument, a class
attribute or a default argument) goes stale when a run crosses midnight: the test then compares
yesterday's date with today's and fails for no reason. Dates are computed inside the test, in London
time (`timezone.localdate()`), as the house rules say.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# The last name of a call that reads the clock: date.today(), datetime.now(), timezone.now(),
# timezone.localdate(), timezone.localtime(), datetime.utcnow(), and the same names imported bare.
CLOCK_CALLS = {"today", "now", "utcnow", "localdate", "localtime"}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _reads_the_clock(call: ast.Call) -> bool:
    name = _called_name(call)
    if name not in CLOCK_CALLS:
        return False
    # localtime(value) and localdate(value) convert a value they are given; without one they read the clock.
    return not (name in ("localtime", "localdate") and (call.args or call.keywords))


class _ImportTimeClock(ast.NodeVisitor):
    """Collects clock calls evaluated when the module is imported (outside every function body)."""

    def __init__(self):
        self.found: list[int] = []

    def _function(self, node):
        # Decorators, default values and annotations run when the function is defined; only the body waits.
        for expression in [*getattr(node, "decorator_list", []), *node.args.defaults, *node.args.kw_defaults]:
            if expression is not None:
                self.visit(expression)

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node):
        for expression in [*node.args.defaults, *node.args.kw_defaults]:
            if expression is not None:
                self.visit(expression)

    def visit_Call(self, node):
        if _reads_the_clock(node):
            self.found.append(node.lineno)
        self.generic_visit(node)


def import_time_clock_calls(source: str) -> list[int]:
    visitor = _ImportTimeClock()
    visitor.visit(ast.parse(source))
    return visitor.found


def test_no_test_module_reads_the_clock_at_import_time():
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in import_time_clock_calls(path.read_text())
    ]
    assert offenders == [], "compute dates inside the test, in London time:\n" + "\n".join(offenders)


def test_the_check_finds_each_kind_of_import_time_date():
    source = '''
import pytest
from datetime import date, timedelta
from django.utils import timezone

TOMORROW = date.today() + timedelta(days=1)

@pytest.mark.parametrize("day", [timezone.localdate()])
def test_a(day, when=timezone.now()):
    ok = date.today()

class TestB:
    stamp = datetime.now()

    def test_c(self):
        return timezone.localtime(), (lambda: timezone.now())()

converted = timezone.localtime(stamp)
'''
    assert import_time_clock_calls(source) == [6, 8, 9, 13]
