"""The mutator of ./dev mutants makes the changes it says, and only those."""

import ast

from tests.mutants.plugin import _Sites

SOURCE = '''
def sample(value, items):
    """Not code."""
    logger.info("seen %s", value)
    items.append(value)
    label = _("Shown")
    return normalise(value) + len(items)
'''


def sites() -> list[str]:
    finder = _Sites()
    finder.visit(ast.parse(SOURCE).body[0])
    return [change for _line, change in finder.sites]


def applied(change: str) -> str:
    tree = ast.parse(SOURCE)
    _Sites(apply=sites().index(change)).visit(tree.body[0])
    return ast.unparse(tree.body[0].body[-1])


def test_a_call_wrapping_one_argument_is_dropped_to_its_argument():
    assert applied("normalise(x) -> x") == "return value + len(items)"
    assert applied("len(x) -> x") == "return normalise(value) + items"


def test_translations_log_calls_and_call_statements_are_not_unwrapped():
    found = sites()

    assert "_(x) -> x" not in found
    assert "append(x) -> x" not in found  # a statement: "call removed" covers it
    assert found.count("call removed") == 1  # the log call is not a mutant
