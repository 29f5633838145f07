from __future__ import annotations

from nhsoa.errors import YamlProblem
from nhsoa.registry import rules


def test_every_rule_is_named_for_what_it_checks_and_listed_once() -> None:
    named = {name: value for name, value in vars(rules).items() if isinstance(value, rules.Rule)}
    assert {value.name.replace("-", "_").upper() for value in named.values()} == set(named)
    assert sorted(named.values(), key=lambda rule: rule.id) == sorted(rules.RULES, key=lambda rule: rule.id)
    assert len({rule.id for rule in rules.RULES}) == len(rules.RULES)
    assert {rule.id: rule for rule in rules.RULES} == rules.BY_ID


def test_every_reason_a_file_cannot_be_loaded_breaks_an_unskippable_rule() -> None:
    assert set(rules.PARSE_RULES) == set(YamlProblem)
    assert not any(rule.skippable for rule in rules.PARSE_RULES.values())


def test_only_known_skippable_rules_with_reasons_are_skipped() -> None:
    entry = {
        "skip_checks": [
            {"rule": rules.SIMILAR_NAME.id, "reason": "a different tool with a similar name"},
            {"rule": rules.LICENCE_DECLARED.id, "reason": "short"},
            {"rule": rules.YAML_SYNTAX.id, "reason": "cannot be skipped however long the reason"},
            {"rule": "OA999", "reason": "there is no such rule in the table"},
        ]
    }
    assert rules.skipped(entry) == {rules.SIMILAR_NAME}
