"""ORA2's own XML parser and validator, run in a minimal Django configuration."""

from __future__ import annotations

from unittest import mock

from tests.django_config import configure

configure()  # normally done already by tests/conftest.py

from openassessment.xblock.utils.validation import validator  # noqa: E402 (after configure)
from openassessment.xblock.utils.xml import parse_from_xml  # noqa: E402


def parse_and_validate(element) -> tuple[dict, bool, str]:
    """(parsed fields, ok, message) from ORA2's parser and its semantic validator."""
    parsed = parse_from_xml(element)
    # A fresh, unreleased block: what Studio has when the course is first imported.
    block = mock.MagicMock(start=None, due=None, prompts=[], rubric_criteria=[], rubric_assessments=[])
    block.is_released.return_value = False
    check = validator(block, lambda text: text)
    ok, message = check(
        {"prompts": parsed["prompts"], "criteria": parsed["rubric_criteria"], "feedbackprompt": parsed["rubric_feedback_prompt"]},
        parsed["rubric_assessments"],
        leaderboard_show=parsed["leaderboard_show"],
        submission_start=parsed["submission_start"], submission_due=parsed["submission_due"],
    )
    return parsed, ok, str(message)
