"""LocaleTranslations: what the runtime and docs may show of a merged .po."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from generator.translations import LocaleTranslations, Translated

forms = st.lists(st.sampled_from(["", "訳", "x {n}"]), min_size=0, max_size=3).map(tuple)
entries = st.dictionaries(
    st.sampled_from(["a", "b", "c", "a\x04one"]), st.builds(Translated, forms, st.booleans(), st.just(1))
)


def _expected_text(entry: Translated | None) -> str | None:
    """What ``text`` promises, from the definition of a usable entry."""
    return entry.forms[0] if entry is not None and entry.usable else None


@given(entries, st.sampled_from([1, 2]))
def test_text_and_forms_show_only_usable_entries(found: dict[str, Translated], nplurals: int) -> None:
    translations = LocaleTranslations("ja", "ja.po", nplurals, "0", found)
    for context in [*found, "missing"]:
        entry = found.get(context)
        assert translations.text(context) == _expected_text(entry)
        usable_forms = entry.forms if entry is not None and entry.usable and len(entry.forms) == nplurals else None
        assert translations.forms(context) == usable_forms
    # the one-lookup index holds exactly the usable one-form entries
    assert translations.singular == {c: e.forms[0] for c, e in found.items() if e.usable and len(e.forms) == 1}


def test_the_index_survives_pickling_to_and_from_workers() -> None:
    translations = LocaleTranslations("ja", "ja.po", 1, "0", {"a": Translated(("訳",), False, 3)})
    copy = pickle.loads(pickle.dumps(translations))
    assert copy == translations
    assert copy.singular == {"a": "訳"}
