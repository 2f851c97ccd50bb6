"""What a hostile or careless client can put in a form: any unicode (every script, controls,
null bytes), very long strings, numbers and dates out of range, wrong types, a field left out
or sent twice; mixed with values the field would accept, so valid submissions happen too."""

from django import forms
from hypothesis import strategies as st

ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
LONG_TEXT = st.sampled_from(["x" * 5_000, "笼" * 20_000, "a\u202e" * 3_000])
ODD_VALUES = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "0",
        "-1",
        "1e309",
        "NaN",
        "99999999999999999999",
        "2026-02-30",
        "[]",
        "{'a': 1}",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "on",
        "true",
    ]
)


def good_values(field: forms.Field) -> list[str]:
    """Values of the right shape for this field."""
    if isinstance(field, forms.ModelChoiceField):
        return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:3]] or ["1"]
    if isinstance(field, forms.ChoiceField):
        return [str(value) for value, _label in field.choices if value != ""] or ["x"]
    if isinstance(field, forms.BooleanField):
        return ["on"]
    if isinstance(field, forms.DateTimeField):
        return ["2026-05-01T19:30", "2026-05-02 10:00"]
    if isinstance(field, forms.DateField):
        return ["2026-05-01", "2026-09-30"]
    if isinstance(field, forms.IntegerField):
        return ["1", "3", "2026"]
    if isinstance(field, forms.EmailField):
        return ["fuzz@example.org"]
    if isinstance(field, forms.URLField):
        return ["https://example.org/watch"]
    if isinstance(field, forms.SlugField):
        return ["fuzz-slug"]
    return ["Fuzz 测试", "A title"]


def field_value(field: forms.Field):
    one = st.one_of(
        st.sampled_from(good_values(field)),
        ANY_TEXT,
        ODD_VALUES,
        LONG_TEXT,
        st.integers().map(str),
    )
    # None: the field is left out; a list: the field is sent several times.
    return st.one_of(st.none(), one, one, st.lists(one, min_size=2, max_size=3))


@st.composite
def form_data(draw, fields: dict[str, forms.Field], fixed: dict | None = None):
    data = {}
    for name, field in fields.items():
        value = draw(field_value(field))
        if value is not None:
            data[name] = value
    if draw(st.booleans()):
        data[draw(ANY_TEXT) or "extra"] = draw(ANY_TEXT)
    return {**data, **(fixed or {})}
