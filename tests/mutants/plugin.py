"""Mutation testing in one pytest session: `./dev mutants` (not run by CI: it takes minutes).

Each mutant is one small change to one function of a target module (a comparison turned round,
`and` for `or`, a condition negated, a constant changed, a call statement removed, a call
wrapping one argument dropped (`f(x)` -> `x`), a keyword dropped from a query's filter, a
return value lost). The mutant is applied by swapping the
function's code object (`function.__code__`), so every reference to the function, however it
was imported, runs the mutant; nothing is written to disk and nothing restarts. A mutant is
killed when one of the tests that ran the function fails with it applied.

Why our own rather than mutmut or cosmic-ray: both start the test command again for each mutant
(cosmic-ray) or copy the source tree and import it from there (mutmut 3), and with this project a
Django test run starts in tens of seconds on a busy machine: a few hundred mutants would take
hours. Here the tests are collected once, each test is run once to learn which target functions
it reaches (sys.monitoring, only on the targets' code objects), and then only those tests are
run against each mutant, stopping at the first failure.

Used as a pytest plugin (`-p tests.mutants.plugin --mutate films/reminders.py …`); the modules
and the tests that concern them are listed in tests/mutants/targets.py."""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import json
import signal
import sys
import time
import types
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol

# Calls whose keyword arguments decide which rows are read or written: dropping one is a mutant.
QUERY_METHODS = {"filter", "exclude", "get", "update", "first_or_none", "update_or_create"}
# Statements whose removal changes nothing a test can see by design.
SILENT_CALLS = {"logger", "log", "logging"}
# Calls that wrap one argument and whose removal is not a change of behaviour: translations.
UNWRAPPED_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "format_lazy"}
NEGATED_COMPARISONS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
# A mutant that makes a test hang is killed by this alarm. The baseline runs without one: its
# first test sets up the test database, which on a busy machine takes a while.
MUTANT_SECONDS = 120


@dataclass
class Mutant:
    module: str
    path: str
    function: str
    index: int
    line: int
    change: str
    status: str = "pending"  # killed, survived, no test
    killed_by: str = ""


@dataclass
class Target:
    module: str
    path: str
    tree: ast.Module
    functions: dict[str, types.FunctionType] = field(default_factory=dict)


def pytest_addoption(parser):
    group = parser.getgroup("mutants")
    group.addoption("--mutate", action="append", default=[], help="a target module's path")
    group.addoption("--mutants-report", default="", help="write the results as JSON here")
    group.addoption("--mutants-only", default="", help="only mutants of this function")


class _Sites(ast.NodeTransformer):
    """Counts the mutation sites of one function in a fixed order; with `apply` set, changes
    the site with that number and leaves the rest."""

    def __init__(self, apply: int = -1):
        self.apply = apply
        self.sites: list[tuple[int, str]] = []

    def _site(self, node: ast.AST, change: str) -> bool:
        self.sites.append((getattr(node, "lineno", 0), change))
        return len(self.sites) - 1 == self.apply

    def visit_Compare(self, node):
        self.generic_visit(node)
        for position, op in enumerate(node.ops):
            negated = NEGATED_COMPARISONS.get(type(op))
            if negated and self._site(node, f"{type(op).__name__} -> {negated.__name__}"):
                node.ops[position] = negated()
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._site(node, f"{type(node.op).__name__} -> {other.__name__}"):
            node.op = other()
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, "not x -> x"):
            return node.operand
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap and self._site(node, f"{type(node.op).__name__} -> {swap.__name__}"):
            node.op = swap()
        return node

    def visit_Constant(self, node):
        if isinstance(node.value, bool):
            if self._site(node, f"{node.value} -> {not node.value}"):
                return ast.copy_location(ast.Constant(not node.value), node)
        elif isinstance(node.value, int) and self._site(node, f"{node.value} -> {node.value + 1}"):
            return ast.copy_location(ast.Constant(node.value + 1), node)
        return node

    def visit_If(self, node):
        self.generic_visit(node)
        plain = not isinstance(node.test, ast.Compare | ast.BoolOp | ast.UnaryOp)
        if plain and self._site(node, "if x -> if not x"):
            node.test = ast.copy_location(ast.UnaryOp(ast.Not(), node.test), node.test)
        return node

    def visit_Return(self, node):
        self.generic_visit(node)
        returns_something = node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        )
        if returns_something and self._site(node, "return x -> return None"):
            node.value = None
        return node

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Call):
            node.value.statement = True  # removed whole below; not also unwrapped
        self.generic_visit(node)
        call = node.value
        if isinstance(call, ast.Call) and not _silent(call) and self._site(node, "call removed"):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if method in QUERY_METHODS:
            for keyword in list(node.keywords):
                if keyword.arg and self._site(node, f".{method}() without {keyword.arg}="):
                    node.keywords.remove(keyword)
        if _wraps_one(node) and self._site(node, f"{_callee(node)}(x) -> x"):
            return node.args[0]
        return node

    def visit_JoinedStr(self, node):
        return node  # the pieces of an f-string are text, not logic

    def visit_FunctionDef(self, node):
        # Docstrings are not code; nested functions are visited as part of their parent.
        body = node.body
        start = 1 if body and _is_docstring(body[0]) else 0
        node.body = body[:start] + [self.visit(statement) for statement in body[start:]]
        return node  # decorators and defaults run at import, not in a test

    visit_AsyncFunctionDef = visit_FunctionDef


def _wraps_one(call: ast.Call) -> bool:
    """`f(x)` with one plain argument: dropping the call (a check, a conversion, an escape, a
    normalisation) leaves the value it wrapped. Translations and log calls are not logic."""
    return (
        len(call.args) == 1
        and not call.keywords
        and not isinstance(call.args[0], ast.Starred)
        and not getattr(call, "statement", False)
        and _callee(call) not in UNWRAPPED_CALLS
        and not _silent(call)
    )


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "call")


def _silent(call: ast.Call) -> bool:
    root = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in SILENT_CALLS


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _functions(tree: ast.Module):
    """(qualname, node) of the module's functions and its classes' methods."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{item.name}", item


def _live_function(module, qualname: str):
    owner, _, name = qualname.rpartition(".")
    holder = getattr(module, owner) if owner else module
    value = holder.__dict__.get(name) if owner else getattr(module, name, None)
    if isinstance(value, staticmethod | classmethod | property):
        value = value.__func__ if not isinstance(value, property) else value.fget
    value = getattr(value, "run", value)  # a Celery task's function
    value = inspect.unwrap(value) if callable(value) else None
    if isinstance(value, types.FunctionType) and value.__code__.co_qualname == qualname:
        return value
    return None


def _code_in(code: types.CodeType, qualname: str, line: int):
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            if const.co_qualname == qualname and const.co_firstlineno == line:
                return const
            found = _code_in(const, qualname, line)
            if found is not None:
                return found
    return None


def _targets(paths: list[str], root: Path) -> list[Target]:
    targets = []
    for path in paths:
        module_name = path.removesuffix(".py").replace("/", ".")
        module = importlib.import_module(module_name)
        tree = ast.parse((root / path).read_text(), filename=str(root / path))
        target = Target(module=module_name, path=path, tree=tree)
        for qualname, _node in _functions(tree):
            live = _live_function(module, qualname)
            if live is not None:
                target.functions[qualname] = live
        targets.append(target)
    return targets


def _mutants(target: Target, only: str) -> list[Mutant]:
    mutants = []
    for qualname, node in _functions(target.tree):
        if qualname not in target.functions or (only and qualname != only):
            continue
        sites = _Sites()
        sites.visit(copy.deepcopy(node))
        mutants += [
            Mutant(target.module, target.path, qualname, index, line, change)
            for index, (line, change) in enumerate(sites.sites)
        ]
    return mutants


def _mutant_code(target: Target, root: Path, mutant: Mutant) -> types.CodeType | None:
    tree = copy.deepcopy(target.tree)
    node = dict(_functions(tree))[mutant.function]
    _Sites(apply=mutant.index).visit(node)
    ast.fix_missing_locations(tree)
    module_code = compile(tree, str(root / target.path), "exec")
    live = target.functions[mutant.function]
    return _code_in(module_code, mutant.function, live.__code__.co_firstlineno)


class _KeepParents:
    """Stands for 'the next test' after a test is run: its function fixtures are torn down and
    the module's and session's kept, for the next run."""

    def __init__(self, item):
        self._chain = item.listchain()[:-1]

    def listchain(self):
        return self._chain


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout("the mutant made a test hang")


def _run(item, explain: bool = False, seconds: int = 0) -> bool:
    """Run one test; True when it passed. With `seconds`, a test still running then fails."""
    item.session._setupstate.teardown_exact(item)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        reports = runtestprotocol(item, log=False, nextitem=_KeepParents(item))
    finally:
        signal.alarm(0)
    failed = [report for report in reports if report.failed]
    if failed and explain:
        print(f"  baseline failure, left out: {item.nodeid}", file=sys.stderr)
        print("    " + str(failed[0].longrepr).strip().splitlines()[-1][:300], file=sys.stderr)
    return not failed


def _covering(items, targets: list[Target]) -> dict[types.CodeType, list]:
    """Run every test once; which tests reach which target function."""
    monitoring = sys.monitoring
    tool = next(i for i in range(6) if monitoring.get_tool(i) is None)
    monitoring.use_tool_id(tool, "mutants")
    codes = {f.__code__ for target in targets for f in target.functions.values()}
    reached: dict[types.CodeType, list] = {code: [] for code in codes}
    current = []

    def started(code, offset):
        if code in reached and current and current[-1] not in reached[code]:
            reached[code].append(current[-1])
        return monitoring.DISABLE

    monitoring.register_callback(tool, monitoring.events.PY_START, started)
    for code in codes:
        monitoring.set_local_events(tool, code, monitoring.events.PY_START)
    passing = []
    try:
        for item in items:
            current.append(item)
            monitoring.restart_events()
            if _run(item, explain=True):
                passing.append(item)
    finally:
        for code in codes:
            monitoring.set_local_events(tool, code, 0)
        monitoring.register_callback(tool, monitoring.events.PY_START, None)
        monitoring.free_tool_id(tool)
    return {code: [i for i in tests if i in passing] for code, tests in reached.items()}


def pytest_runtestloop(session):
    config = session.config
    paths = config.getoption("--mutate")
    if not paths:
        return None
    root = Path(config.rootpath)
    targets = _targets(paths, root)
    only = config.getoption("--mutants-only")
    started = time.monotonic()
    items = [item for item in session.items if not _slow(item)]
    print(f"\nmutants: {len(items)} tests, learning which reach the targets", file=sys.stderr)
    reached = _covering(items, targets)
    results = []
    for target in targets:
        for mutant in _mutants(target, only):
            _try(mutant, target, root, reached)
            results.append(mutant)
            mark = {"killed": ".", "survived": "S", "no test": "0", "not built": "x"}
            print(mark.get(mutant.status, "?"), end="", file=sys.stderr, flush=True)
        done = [m for m in results if m.path == target.path and m.status != "not built"]
        killed = sum(m.status == "killed" for m in done)
        print(f" {target.path}: {killed}/{len(done)} killed", file=sys.stderr, flush=True)
    session._setupstate.teardown_exact(None)
    _report(results, config.getoption("--mutants-report"), time.monotonic() - started)
    return True


def _slow(item) -> bool:
    return any(item.get_closest_marker(name) for name in ("browser", "worker", "exhaustive"))


def _try(mutant: Mutant, target: Target, root: Path, reached) -> None:
    live = target.functions[mutant.function]
    tests = reached.get(live.__code__, [])
    if not tests:
        mutant.status = "no test"
        return
    code = _mutant_code(target, root, mutant)
    if code is None or code.co_freevars != live.__code__.co_freevars:
        mutant.status = "not built"
        return
    original = live.__code__
    live.__code__ = code
    try:
        mutant.status = "survived"
        for item in tests:
            if not _run(item, seconds=MUTANT_SECONDS):
                mutant.status, mutant.killed_by = "killed", item.nodeid
                break
    finally:
        live.__code__ = original


def _report(results: list[Mutant], path: str, seconds: float) -> None:
    print("\n", file=sys.stderr)
    by_module: dict[str, list[Mutant]] = {}
    for mutant in results:
        by_module.setdefault(mutant.path, []).append(mutant)
    lines = []
    for module, mutants in by_module.items():
        killed = sum(m.status == "killed" for m in mutants)
        built = sum(m.status != "not built" for m in mutants)
        lines.append(f"{module:40} {killed:4}/{built:<4} killed  {_score(killed, built)}")
    killed = sum(m.status == "killed" for m in results)
    built = sum(m.status != "not built" for m in results)
    lines.append(f"{'all':40} {killed:4}/{built:<4} killed  {_score(killed, built)}")
    survivors = [m for m in results if m.status in ("survived", "no test")]
    lines.append(f"\nsurvivors ({len(survivors)}), in {seconds:.0f} s:")
    lines += [f"  {m.path}:{m.line} {m.function}: {m.change} [{m.status}]" for m in survivors]
    print("\n".join(lines), file=sys.stderr)
    if path:
        Path(path).write_text(json.dumps([asdict(m) for m in results], indent=1))


def _score(killed: int, built: int) -> str:
    return f"{100 * killed / built:.0f}%" if built else "-"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if config.getoption("--mutate"):
        config.option.verbose = -1
