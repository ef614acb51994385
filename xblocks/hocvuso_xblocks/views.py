"""HTML of the block's states: intro, form, result; and the Studio editor.

Pure functions from plain data to HTML strings.  The form is drawn only from
:func:`grading.public_question` views, so no answer data can reach it.
Markup is for screen readers and keyboards too: every control has a label,
each question is a fieldset named by its text, and the heading of each new
state takes focus (``tabindex="-1"``) when the script swaps it in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from typing import Any

from hocvuso_xblocks.strings import T

Rewrite = Callable[[str], str]


def resource(path: str) -> str:
    """A text file shipped in the package (static/, data/)."""
    return (files("hocvuso_xblocks") / path).read_text(encoding="utf-8")


def _pct(share: float) -> int:
    return round(share * 100)


def _when(epoch: float) -> str:
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7)))
    return moment.strftime("%H:%M ngày %d/%m/%Y (giờ Việt Nam)")


def notice(text: str, kind: str = "info") -> str:
    role = ' role="alert"' if kind == "error" else ""
    return f'<p class="hv-notice hv-{kind}"{role}>{escape(text)}</p>'


def intro(title: str, bank: dict[str, Any], policy: dict[str, Any], status: dict[str, Any]) -> str:
    """The page before an attempt: what the assessment is, its rules and the start button."""
    comps = bank.get("competencies", [])
    items = policy["min_items_per_competency"] * len(comps)
    opening = T["placement_intro"] if policy.get("mode") == "placement" else T["intro"]
    lines = [opening, T["form_size"].format(items=items, competencies=len(comps)),
             T["time_limit"].format(minutes=policy["time_limit_minutes"]) if policy["time_limit_minutes"] else T["no_time_limit"],
             (T["attempts"].format(used=status["used"], max=policy["max_attempts"]) if policy["max_attempts"]
              else T["attempts_unlimited"].format(used=status["used"])),
             T["rule"].format(competency=_pct(policy["competency_threshold"]), overall=_pct(policy["overall_threshold"]))]
    if policy["wait_hours"]:
        lines.append(T["wait_rule"].format(hours=f"{policy['wait_hours']:g}"))
    comp_list = "".join(
        f"<li><span class=\"hv-code\">{escape(c['code'])}</span> {escape(c.get('name', ''))} "
        f"<span class=\"hv-muted\">({escape(T['target'].format(level=c.get('level_name') or c.get('level', '')))})</span></li>"
        for c in comps)
    button = ""
    if status.get("can_start"):
        label = T["resume"] if status.get("open") else (T["retake"] if status["used"] else T["start"])
        button = f'<button type="button" class="hv-button hv-start">{escape(label)}</button>'
    return (f'<h2 class="hv-title" tabindex="-1">{escape(title)}</h2>'
            + "".join(f"<p>{escape(line)}</p>" for line in lines)
            + f'<h3>{escape(T["competencies_heading"])}</h3><ul class="hv-competencies">{comp_list}</ul>'
            + "".join(notice(m, k) for k, m in status.get("messages", []))
            + button)


def form(title: str, questions: list[dict[str, Any]], bank: dict[str, Any], form_id: str, deadline: float | None,
         rewrite: Rewrite) -> str:
    """The drawn form: one fieldset per competency, one per question, labelled controls only."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for n, q in enumerate(questions, 1):
        groups.setdefault(q["competency"], []).append((n, q))
    names = {c["code"]: c.get("name", "") for c in bank.get("competencies", [])}
    parts = [f'<h2 class="hv-title" tabindex="-1">{escape(T["form_heading"].format(title=title))}</h2>']
    if deadline:
        parts.append(f'<p class="hv-timer" data-deadline="{int(deadline)}"><span>{escape(T["time_left"])}</span> '
                     f'<strong class="hv-clock" role="timer" aria-live="off">--:--</strong></p>')
    parts.append(f'<form class="hv-form" data-form-id="{escape(form_id)}" novalidate>')
    for code, members in groups.items():
        parts.append(f'<fieldset class="hv-group"><legend>{escape(code)} {escape(names.get(code, ""))}</legend>')
        parts.extend(_question(n, q, rewrite) for n, q in members)
        parts.append("</fieldset>")
    parts.append(f'<p class="hv-error" role="alert" aria-live="assertive"></p>'
                 f'<button type="submit" class="hv-button hv-submit">{escape(T["submit"])}</button></form>')
    return "".join(parts)


def _question(n: int, q: dict[str, Any], rewrite: Rewrite) -> str:
    qid = f"hv-q{n}"
    number = escape(T["question"].format(n=n))
    stem = f'<div class="hv-stem" id="{qid}-stem"><span class="hv-number">{number}.</span> {rewrite(q["stem_html"])}</div>'
    kind = q["type"]
    body = ""
    if kind in ("single", "multiple"):
        input_type = "radio" if kind == "single" else "checkbox"
        help_text = f'<p class="hv-help" id="{qid}-help">{escape(T["multiple_help"])}</p>' if kind == "multiple" else ""
        body = help_text + "".join(
            f'<div class="hv-choice"><input type="{input_type}" id="{qid}-c{i}" name="{qid}" value="{i}">'
            f'<label for="{qid}-c{i}">{rewrite(html)}</label></div>' for i, html in enumerate(q["choices"]))
    elif kind == "dropdown":
        options = "".join(f'<option value="{i}">{escape(text)}</option>' for i, text in enumerate(q["choices"]))
        body = (f'<label for="{qid}-s">{escape(T["dropdown_label"])}</label>'
                f'<select id="{qid}-s" name="{qid}"><option value="">{escape(T["choose"])}</option>{options}</select>')
    elif kind in ("numeric", "text"):
        mode = ' inputmode="decimal"' if kind == "numeric" else ""
        label = T["numeric_label"] if kind == "numeric" else T["text_label"]
        limit = 40 if kind == "numeric" else 200
        body = (f'<label for="{qid}-t">{escape(label)}</label>'
                f'<input type="text" id="{qid}-t" name="{qid}" maxlength="{limit}" autocomplete="off"{mode}>')
    elif kind == "matching":
        options = "".join(f'<option value="{i}">{escape(text)}</option>' for i, text in enumerate(q["options"]))
        body = "".join(
            f'<div class="hv-row"><label for="{qid}-r{i}">{rewrite(html)}</label>'
            f'<select id="{qid}-r{i}" data-row="{i}"><option value="">{escape(T["choose"])}</option>{options}</select></div>'
            for i, html in enumerate(q["rows"]))
    elif kind == "ordering":
        steps = "".join(f'<option value="{k}">{escape(T["step"].format(n=k))}</option>' for k in range(1, len(q["items"]) + 1))
        body = f'<p class="hv-help">{escape(T["order_help"])}</p>' + "".join(
            f'<div class="hv-row"><label for="{qid}-r{i}">{rewrite(html)}</label>'
            f'<select id="{qid}-r{i}" data-row="{i}"><option value="">{escape(T["choose"])}</option>{steps}</select></div>'
            for i, html in enumerate(q["items"]))
    described = f' aria-describedby="{qid}-help"' if kind == "multiple" else ""
    return (f'<fieldset class="hv-question" id="{qid}" data-qid="{escape(q["id"])}" data-type="{kind}" '
            f'aria-labelledby="{qid}-stem"{described}>{stem}{body}</fieldset>')


def result(attempt: dict[str, Any], bank: dict[str, Any], policy: dict[str, Any], lesson_url: Callable[[str], str]) -> str:
    """The competency profile of one graded attempt, one card per competency: reached or not, levels, lessons to revisit.

    Cards, not a table: on a 360 px phone every card shows its lessons to revisit in full.
    """
    comps = {c["code"]: c for c in bank.get("competencies", [])}
    levels = {lv["code"]: lv.get("name", lv["code"]) for lv in bank.get("levels", [])}
    cards = []
    for res in attempt["competencies"]:
        comp = comps.get(res["code"], {})
        status = T["reached"] if res["reached"] else T["not_reached"]
        level = res.get("level_reached")
        review = escape(T["nothing_to_review"])
        if not res["reached"] and comp.get("lessons"):
            review = "<ul>" + "".join(f'<li><a href="{escape(lesson_url(lesson["id"]))}">{escape(lesson["title"])}</a></li>'
                                      for lesson in comp["lessons"]) + "</ul>"
        fields = [(T["col_target"], escape(comp.get("level_name") or res.get("level", ""))),
                  (T["col_score"], f'{res["right"]}/{res["items"]} ({_pct(res["share"])}%)'),
                  (T["col_level"], escape(f"{level} – {levels.get(level, level)}") if level else escape(T["no_level"])),
                  (T["col_review"], review)]
        cards.append(
            f'<li class="hv-card {"hv-reached" if res["reached"] else "hv-not-reached"}">'
            f'<h4 class="hv-card-title"><span class="hv-code">{escape(res["code"])}</span> {escape(res.get("name", ""))}'
            f' <span class="hv-badge">{"✔" if res["reached"] else "✘"} {escape(status)}</span></h4>'
            f'<dl>{"".join(f"<div><dt>{escape(k)}</dt><dd>{v}</dd></div>" for k, v in fields)}</dl></li>')
    summary = T["passed"] if attempt["passed"] else T["failed"]
    if policy.get("mode") == "placement":
        summary = T["placement_result"]
    extra = notice(T["expired_attempt"], "warning") if attempt.get("expired") else ""
    return (f'<h2 class="hv-title" tabindex="-1">{escape(T["result_heading"])}</h2>'
            f'<p class="hv-summary {"hv-pass" if attempt["passed"] else "hv-fail"}"><strong>{escape(summary)}</strong></p>'
            f'<p>{escape(T["attempt_of"].format(n=attempt["number"]))} '
            f'{escape(T["overall"].format(share=_pct(attempt["share"]), need=_pct(policy["overall_threshold"])))}</p>{extra}'
            f'<h3 id="hv-profile-h">{escape(T["profile_caption"])}</h3>'
            f'<ol class="hv-profile" aria-labelledby="hv-profile-h">{"".join(cards)}</ol>')


def certificate_links(png_url: str, credential_url: str) -> str:
    return (f'<section class="hv-certificate" aria-labelledby="hv-cert-h"><h3 id="hv-cert-h">{escape(T["certificate_heading"])}</h3>'
            f'<p>{escape(T["credential_note"])}</p><ul>'
            f'<li><a class="hv-download-png" href="{escape(png_url)}" download>{escape(T["download_png"])}</a></li>'
            f'<li><a class="hv-download-credential" href="{escape(credential_url)}" download>{escape(T["download_credential"])}</a></li>'
            "</ul></section>")


def wait_message(until: float) -> str:
    return T["wait_until"].format(when=_when(until))


@dataclass(frozen=True)
class StudioRow:
    """One setting in the Studio editor (see studio.py)."""

    name: str
    label: str
    value: Any
    percent: bool = False
    number: bool = False
    choices: list[dict[str, Any]] | None = None


def studio(rows: list[StudioRow], notes: list[str]) -> str:
    """The Studio editor: one labelled input per setting (shares in percent, choices as a select)."""
    items = []
    for row in rows:
        control_id = f"hv-set-{row.name}"
        if row.choices:
            options = "".join(f'<option value="{escape(str(c["value"]))}"{" selected" if c["value"] == row.value else ""}>'
                              f'{escape(str(c["display_name"]))}</option>' for c in row.choices)
            control = f'<select class="input setting-input" id="{control_id}" name="{row.name}">{options}</select>'
        else:
            value = _pct(row.value) if row.percent else row.value
            kind = 'type="number" min="0" step="any"' if row.number else 'type="text"'
            control = (f'<input class="input setting-input" id="{control_id}" name="{row.name}" {kind}'
                       f'{" data-percent" if row.percent else ""} value="{escape(str(value))}">')
        items.append(f'<li class="field comp-setting-entry"><div class="wrapper-comp-setting">'
                     f'<label class="label setting-label" for="{control_id}">{escape(row.label)}</label>{control}'
                     f"</div></li>")
    return (f'<div class="hocvuso-assessment-studio editor-with-buttons" lang="vi">'
            f'<div class="wrapper-comp-settings is-active"><p>{escape(T["studio_intro"])}</p>'
            + "".join(f"<p>{escape(n)}</p>" for n in notes)
            + f'<ul class="list-input settings-list">{"".join(items)}</ul>'
            f'<p class="hv-error" role="alert"></p></div>'
            f'<div class="xblock-actions"><ul><li class="action-item"><button type="button" class="button action-primary hv-save">'
            f'{escape(T["save"])}</button></li><li class="action-item"><button type="button" class="button hv-cancel">'
            f'{escape(T["cancel"])}</button></li></ul></div></div>')


def staff_overrides(url: str, overrides: dict[str, dict[str, int]], max_attempts: int, max_minutes: int) -> str:
    """The staff's form for one learner's extra attempts and minutes (posted by staff.js to ``staff_override``)."""
    current = ", ".join(T["override_item"].format(user_id=user, **values) for user, values in sorted(overrides.items())
                        if values.get("extra_attempts") or values.get("extra_minutes"))
    fields = [("hv-ov-user", "user_id", T["override_user"], 'type="text" maxlength="80" required'),
              ("hv-ov-attempts", "extra_attempts", T["override_attempts"].format(n=max_attempts),
               f'type="number" min="0" max="{max_attempts}" step="1" value="1"'),
              ("hv-ov-minutes", "extra_minutes", T["override_minutes"].format(n=max_minutes),
               f'type="number" min="0" max="{max_minutes}" step="1" value="0"')]
    inputs = "".join(f'<label for="{fid}">{escape(label)}</label><input id="{fid}" name="{name}" {attrs} autocomplete="off">'
                     for fid, name, label, attrs in fields)
    return (f'<details class="hv-staff-overrides"><summary>{escape(T["override_heading"])}</summary>'
            f'<form class="hv-override" data-url="{escape(url)}" novalidate><p>{escape(T["override_help"])}</p>'
            + (f'<p>{escape(T["override_current"].format(items=current))}</p>' if current else "")
            + f'{inputs}<button type="submit" class="hv-button">{escape(T["override_button"])}</button>'
            f'<p class="hv-override-result" role="status" aria-live="polite"></p></form></details>')
