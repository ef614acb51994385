"""Studio settings: each setting declared once, on its XBlock ``Field``; everything else derived.

A setting is a field made by :func:`setting`: its label is the field's
``display_name`` and its range the field's ``values`` (``{"min", "max"}``, the
form Studio's generic editor reads; a choice field lists ``{"display_name",
"value"}`` pairs).  The block names its editable settings, in editor order,
in ``editable_fields`` (the name Open edX's StudioEditableXBlockMixin uses).
From those two the Studio form (:func:`labels`), the value checks
(:func:`check_setting`), the pass-rule and policy views (:func:`policy`) and
:meth:`StudioMixin.validate` are derived, so a new setting is one field and one
name in ``editable_fields``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from web_fragments.fragment import Fragment
from xblock.fields import Field, Float, Integer, Scope, String
from xblock.validation import Validation, ValidationMessage

from hocvuso_xblocks import grading, views
from hocvuso_xblocks.http import api, error
from hocvuso_xblocks.strings import T

# Settings the block's pass rule is made of (grading.PassRule's fields, in its order).
RULE = ("competency_threshold", "overall_threshold", "min_items_per_competency")
# Editable settings that are not learner-facing policy (the intro page does not list them).
NOT_POLICY = ("display_name", "weight")
MAX_NAME = 200


def setting(kind: type[Field], *, label: str, default: Any, help: str, low: float | None = None,
            high: float | None = None, choices: dict[str, str] | None = None, percent: bool = False) -> Field:
    """A Studio setting: a ``Scope.settings`` field carrying its label, its range or its choices.

    ``percent`` marks a share (0–1) that the editor shows and takes in percent.
    """
    values: Any = None
    if choices is not None:
        values = [{"display_name": name, "value": value} for value, name in choices.items()]
    elif low is not None and high is not None:
        values = {"min": low, "max": high}
    return kind(display_name=label, default=default, scope=Scope.settings, help=help, values=values, percent=percent)


def fields_of(block_class: Any) -> dict[str, Field]:
    """The editable setting fields of a block class, in editor order."""
    return {name: block_class.fields[name] for name in block_class.editable_fields}


def labels(block_class: Any) -> dict[str, str]:
    """Setting name → its label (the field's display_name)."""
    return {name: str(field.display_name) for name, field in fields_of(block_class).items()}


def is_percent(field: Field) -> bool:
    return bool(field.runtime_options.get("percent"))


def policy(block: Any) -> dict[str, Any]:
    """The learner-facing policy values (every editable setting but the name and the weight)."""
    return {name: getattr(block, name) for name in type(block).editable_fields if name not in NOT_POLICY}


def rule(block: Any) -> grading.PassRule:
    return grading.PassRule(*(getattr(block, name) for name in RULE))


class SettingError(ValueError):
    """A value a setting cannot take; the message says what it needs."""


def check_setting(field: Field, value: Any) -> Any:
    """``value`` checked against the field's type, range or choices; raises :class:`SettingError`."""
    values = field.values
    if isinstance(field, String):
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
            raise SettingError(T["need_text"].format(n=MAX_NAME))
        if isinstance(values, list) and value not in [v["value"] for v in values]:
            raise SettingError(T["need_choice"].format(choices=", ".join(str(v["value"]) for v in values)))
        return value.strip()
    integer = isinstance(field, Integer)
    if (isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
            or (integer and value != int(value))):
        raise SettingError(T["need_integer" if integer else "need_number"])
    if isinstance(values, dict) and not values["min"] <= value <= values["max"]:
        raise SettingError(T["need_range"].format(low=f"{values['min']:g}", high=f"{values['max']:g}"))
    return int(value) if integer else float(value)


def bad_settings(block: Any) -> list[tuple[str, str]]:
    """(label, reason) of every editable setting whose stored value is out of its range (an OLX edited by hand)."""
    out = []
    for name, field in fields_of(type(block)).items():
        try:
            check_setting(field, getattr(block, name))
        except SettingError as err:
            out.append((str(field.display_name), str(err)))
    return out


class StudioMixin:
    """Studio's editor, its save handler and ``validate()`` for the block's settings."""

    editable_fields: tuple[str, ...] = ()

    def studio_view(self, context: dict[str, Any] | None = None) -> Fragment:
        """Studio editor for the settings, with notes on the bank and the signing key."""
        notes = [T["studio_bank"].format(total=len(self.bank.get("questions", [])))]
        notes.extend(m.text for m in self.validate().messages)
        notes.extend(self.signing_notes())
        fields = fields_of(type(self))
        rows = [views.StudioRow(name=name, label=str(field.display_name), value=getattr(self, name),
                                percent=is_percent(field), choices=field.values if isinstance(field.values, list) else None,
                                number=isinstance(field, Integer | Float))
                for name, field in fields.items()]
        frag = Fragment(views.studio(rows, notes))
        frag.add_javascript(views.resource("static/studio.js"))
        frag.initialize_js("HocvusoAssessmentStudio")
        return frag

    @api
    def studio_submit(self, data: dict[str, Any]) -> dict[str, Any]:
        """Save settings from Studio: course staff only; every value is checked before any is saved."""
        if not self.can_edit():
            raise error(403, "err_staff_only")
        fields = fields_of(type(self))
        checked = {}
        for name, value in data.items():
            if name not in fields:
                raise error(400, "err_unknown_setting", field=str(name)[:80])
            try:
                checked[name] = check_setting(fields[name], value)
            except SettingError as err:
                raise error(400, "err_setting", field=name, reason=err) from err
        for name, value in checked.items():
            setattr(self, name, value)
        return {"result": "success"}

    def validate(self) -> Validation:
        """Problems Studio shows on the block: an unusable bank, a bank too small, a setting out of range."""
        result = Validation(self.scope_ids.usage_id)
        problems = grading.check_bank(self.bank)
        if problems:
            result.add(ValidationMessage(ValidationMessage.ERROR,
                                         T["bank_problem_staff"].format(problems="; ".join(problems[:5]))))
        else:
            short = [code for code, n in grading.bank_counts(self.bank).items() if n < self.min_items_per_competency]
            if short:
                result.add(ValidationMessage(ValidationMessage.WARNING, T["short_bank_staff"].format(
                    codes=", ".join(short), n=self.min_items_per_competency)))
        for label, reason in bad_settings(self):
            result.add(ValidationMessage(ValidationMessage.ERROR, T["err_setting"].format(field=label, reason=reason)))
        return result

    def can_edit(self) -> bool:
        """Whether the current user may change settings: Studio's write permission, or staff in the LMS."""
        permissions = self.runtime.service(self, "studio_user_permissions")
        if permissions is not None:
            return bool(permissions.can_write(self.scope_ids.usage_id.context_key))
        return self.is_staff()

    if TYPE_CHECKING:  # provided by the block (XBlock, AssessmentBlock, IssuingMixin)
        runtime: Any
        scope_ids: Any
        @property
        def bank(self) -> dict[str, Any]: ...

        min_items_per_competency: int

        def is_staff(self) -> bool: ...

        def signing_notes(self) -> list[str]: ...

