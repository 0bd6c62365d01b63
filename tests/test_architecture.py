"""One direction (issue 14): the import graph of the product code, read from the source with `ast`.

Every import counts, including those inside functions (they hide cycles, they do not remove them).
`from records.models import Entry` is followed through the app's models module to the feature module
that defines Entry, so a feature depends on the features whose models it reads, not on the whole app.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("access", "casework", "records", "config")
AGGREGATORS = ("access.models", "casework.models", "records.models")  # they only re-export feature models

# access <- casework <- records: an app may import only the apps listed for it.
APP_MAY_IMPORT = {
    "access": {"access"},
    "casework": {"casework", "access"},
    "records": {"records", "casework", "access"},
    "config": {"config", "access", "casework", "records"},
}

# The records features, lowest first. A feature may import its own modules and those of features in
# lower layers, and any feature's models; features in one layer are independent of each other. The app-level modules (models,
# admin, urls, tasks, templatetags, management, apps) wire features together and are not in the order;
# no feature may import them (records.models is followed to the feature that defines the model).
RECORDS_LAYERS = [
    {"designs"},
    {"calendar"},
    {"entries"},
    {"chronology", "documents", "history", "paper_files", "plans"},  # each reads entries, nothing beside
    {"pdfs"},  # the record and chronology PDFs
    {"sharing"},  # disclosures and subject access (its bundle is a PDF)
    {"oversight"},  # case audits and their deficiencies
    {"statutory_visits"},  # how often each child is visited, from the plan, placement and legal status
    {"timeliness"},  # flags over everything above: drafts, reviews, audits, paper files, subject access
    {"retention"},  # issue 18: retention dates, the data protection officer's review, erasure of a whole record
    {"form_register"},  # the fixed forms of every feature above, for senior leadership's approval (§2)
    {"dashboard"},  # team and service figures, flags included
    {"my_work"},  # the home page: what waits on each user, read from every feature above
]
RECORDS_LAYER_OF = {feature: index for index, layer in enumerate(RECORDS_LAYERS) for feature in layer}

Edge = tuple[str, str, int]  # importer, imported, line


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def product_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[_module_name(path)] = path
    return modules


def import_graph() -> dict[str, dict[str, int]]:
    """importer -> {imported module: first line}, for imports among product modules."""
    modules = product_modules()
    defined_in = {}  # (aggregator, name) -> the feature module it re-exports from
    for aggregator in AGGREGATORS:
        for node in ast.parse(modules[aggregator].read_text()).body:
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    defined_in[aggregator, alias.asname or alias.name] = node.module
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                source = node.module
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    if f"{source}.{alias.name}" in modules:
                        targets.append(f"{source}.{alias.name}")
                    elif name not in AGGREGATORS and (source, alias.name) in defined_in:
                        targets.append(defined_in[source, alias.name])
                    else:
                        targets.append(source)
            for target in targets:
                if target in modules and target != name:
                    graph.setdefault(name, {}).setdefault(target, node.lineno)
    return graph


def _show(chain: list[str], graph) -> str:
    return "\n    ".join(f"{a} -> {b}  (line {graph[a][b]} of {a})" for a, b in zip(chain, chain[1:]))


def find_cycles(graph) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module (Tarjan)."""
    index, low, stack, on_stack, components, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(set(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    cycles = []
    for component in components:
        start = min(component)
        # Shortest way back to the start inside the component (breadth first).
        paths, seen = [[start]], {start}
        while paths:
            path = paths.pop(0)
            for nxt in sorted(graph.get(path[-1], {})):
                if nxt == start:
                    cycles.append(path + [start])
                    paths = []
                    break
                if nxt in component and nxt not in seen:
                    seen.add(nxt)
                    paths.append(path + [nxt])
    return cycles


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def _edges(graph):
    for importer, targets in sorted(graph.items()):
        for imported, line in sorted(targets.items()):
            yield importer, imported, line


def test_the_graph_is_read():
    graph = import_graph()
    assert graph["records.entries.services"], "no imports found: the walk is broken"
    # Followed through the models module to the feature that defines the model.
    assert "records.designs.models" in graph["records.entries.selectors"]


def test_no_import_cycles(graph):
    cycles = find_cycles(graph)
    assert not cycles, "import cycles:\n  " + "\n  ".join(_show(cycle, graph) for cycle in cycles)


def test_apps_import_one_way(graph):
    wrong = [f"{a} -> {b}  (line {line})" for a, b, line in _edges(graph)
             if b.split(".")[0] not in APP_MAY_IMPORT[a.split(".")[0]]]
    assert not wrong, "imports against access <- casework <- records:\n  " + "\n  ".join(wrong)


def _records_feature(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "records" and len(parts) > 2 and parts[1] in RECORDS_LAYER_OF else None


def test_every_records_feature_has_a_place_in_the_order():
    packages = {path.parent.name for path in (ROOT / "records").glob("*/__init__.py")}
    app_level = {"migrations", "management", "templatetags"}
    assert packages - app_level == set(RECORDS_LAYER_OF), "put new features in RECORDS_LAYERS"


def test_records_features_import_downwards(graph):
    wrong = []
    for a, b, line in _edges(graph):
        mine = _records_feature(a)
        if mine is None or not b.startswith("records."):
            continue
        theirs = _records_feature(b)
        if theirs == mine or (theirs is not None and b.endswith(".models")):
            continue  # a feature may use another's models: foreign keys join them anyway
        if theirs is None or RECORDS_LAYER_OF[theirs] >= RECORDS_LAYER_OF[mine]:
            wrong.append(f"{a} -> {b}  (line {line})")
    assert not wrong, "imports against the records feature order:\n  " + "\n  ".join(wrong)


def test_models_do_not_import_services_views_or_forms(graph):
    def kind(module):
        return module.rsplit(".", 1)[-1]

    wrong = [f"{a} -> {b}  (line {line})" for a, b, line in _edges(graph)
             if kind(a) == "models" and kind(b) in {"services", "views", "forms"}]
    assert not wrong, "models importing services, views or forms:\n  " + "\n  ".join(wrong)


def test_a_cycle_is_found_and_shown():
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert "c -> a  (line 3 of c)" in _show(["a", "b", "c", "a"], graph)
