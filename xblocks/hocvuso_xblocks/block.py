"""The certification assessment XBlock (``hocvuso_assessment``): fields, learner state and handlers.

State machine per learner: *intro* → ``start`` draws a form (counts as an
attempt) → ``submit`` grades it on the server → *result* (competency
profile; certificate when passed).  The browser only ever receives public
question views; correct answers stay in the ``item_bank`` field.

A form is graded once: ``submit`` claims the form id in the shared cache
(:mod:`hocvuso_xblocks.claims`) before grading, so of N requests carrying the
same form (double taps, retries, the timer and the button) one is graded and
the others get 409 and change nothing.  Everything else about the learner
(passed, the grade, the report) is derived from the attempt log.

Studio settings live in :mod:`studio`, credential issuing in :mod:`issuing`,
the JSON handler wrapper in :mod:`http`.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import time
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Dict, Field, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from hocvuso_xblocks import attempts, claims, credential, grading, studio, views
from hocvuso_xblocks.http import MAX_BODY, api, error
from hocvuso_xblocks.issuing import IssuingMixin, credential_id_of
from hocvuso_xblocks.strings import T, speaking

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["GRACE_SECONDS", "MAX_BODY", "AssessmentBlock"]

GRACE_SECONDS = 60  # network and clock slack after the time limit
SAMPLE_BANK = "data/sample_bank.json"
MODES = {attempts.CERTIFICATION: "Đánh giá cấp chứng nhận", attempts.PLACEMENT: "Kiểm tra đầu vào (không tính điểm)"}
MAX_EXTRA_ATTEMPTS = 20
MAX_EXTRA_MINUTES = 24 * 60


@XBlock.wants("user", "settings", "replace_urls", "studio_user_permissions")
class AssessmentBlock(studio.StudioMixin, IssuingMixin, ScorableXBlockMixin, XBlock):
    """Server-graded certification assessment with a competency profile and an Open Badges 3.0 credential."""

    block_settings_key = credential.SETTINGS_KEY
    icon_class = "problem"

    # --- settings (Studio): label and range declared here, once ----------------------
    display_name = studio.setting(String, label="Tên hiển thị", default="Đánh giá cuối khoá",
                                  help="Tên bài đánh giá người học thấy")
    mode = studio.setting(String, label="Loại bài", default=attempts.CERTIFICATION, choices=MODES,
                          help="Đánh giá cấp chứng nhận, hoặc kiểm tra đầu vào: một lần, không tính điểm, không cấp chứng nhận")
    weight = studio.setting(Float, label="Trọng số điểm", default=1.0, low=0, high=1000,
                            help="Điểm tối đa của khối trong sổ điểm (Open edX nhân tỉ lệ đúng với trọng số)")
    time_limit_minutes = studio.setting(Integer, label="Thời gian làm bài (phút, 0 = không giới hạn)", default=0,
                                        low=0, high=24 * 60, help="Thời gian một lần làm bài, 0 = không giới hạn")
    max_attempts = studio.setting(Integer, label="Số lần làm bài tối đa (0 = không giới hạn)", default=3,
                                  low=0, high=100, help="Số lần làm bài, 0 = không giới hạn")
    wait_hours = studio.setting(Float, label="Số giờ chờ giữa hai lần làm bài", default=24.0, low=0, high=24 * 365,
                                help="Số giờ chờ sau một lần chưa đạt trước khi làm lại")
    competency_threshold = studio.setting(Float, label="Ngưỡng đạt mỗi năng lực (%)", default=0.6, low=0.01, high=1,
                                          percent=True, help="Tỉ lệ đúng cần có ở mỗi năng lực (0–1)")
    overall_threshold = studio.setting(Float, label="Ngưỡng đạt toàn bài (%)", default=0.7, low=0.01, high=1,
                                       percent=True, help="Tỉ lệ đúng cần có toàn bài (0–1)")
    min_items_per_competency = studio.setting(Integer, label="Số câu rút cho mỗi năng lực", default=5, low=1, high=50,
                                              help="Số câu mỗi đề có ở mỗi năng lực, chia theo bậc như ngân hàng")
    editable_fields = ("display_name", "mode", "weight", "time_limit_minutes", "max_attempts", "wait_hours",
                       "competency_threshold", "overall_threshold", "min_items_per_competency")

    item_bank = String(default="", scope=Scope.content, multiline_editor=True,
                       help="Ngân hàng câu hỏi do hocvuso biên dịch: JSON định dạng hocvuso-itembank 1")

    # --- learner state -----------------------------------------------------------------
    form = Dict(default={}, scope=Scope.user_state, help="The form being answered: id, drawn items, times")
    attempt_log = List(default=[], scope=Scope.user_state,
                       help="Graded attempts: items with normalised answers, verdicts and item versions, and results")
    attempts = Field(default=0, scope=Scope.user_state,
                     help="Attempts used since the last instructor reset (an integer; a list in states before 0.2)")
    score_override = Dict(default={}, scope=Scope.user_state, help="A score set by staff (instructor score override)")
    credential_jwt = String(default="", scope=Scope.user_state, help="Before 0.3: the whole signed credential (read only)")
    learner_name = String(default="", scope=Scope.user_state, help="Before 0.3: the name printed on the certificate")

    # --- staff overrides per learner (one record for the block, keyed by the LMS user id) --
    overrides = Dict(default={}, scope=Scope.user_state_summary,
                     help="Per-learner extra attempts and minutes set by staff: {user id: {extra_attempts, extra_minutes}}")

    # --- derived state -------------------------------------------------------------------

    @property
    def bank(self) -> dict[str, Any]:
        """The item bank, parsed once per block instance ({} when it is not JSON).

        A block instance lives for one request, and nothing in a request changes
        the bank, so the field is read (a storage lookup in some runtimes) only once.
        """
        cached = self.__dict__.get("_bank_cache")
        if cached is None:
            try:
                parsed = json.loads(self.item_bank) if self.item_bank else {}
            except ValueError:
                parsed = {}
            cached = parsed if isinstance(parsed, dict) else {}
            self.__dict__["_bank_cache"] = cached
        return cached

    @property
    def log(self) -> list[dict[str, Any]]:
        return attempts.log_of(self.attempt_log, self.attempts)

    @property
    def passed(self) -> bool:
        return attempts.passed(self.log)

    @property
    def best_share(self) -> float:
        return attempts.best_share(self.log)

    @property
    def placement(self) -> bool:
        return bool(self.mode == attempts.PLACEMENT)

    @property
    def issues_credentials(self) -> bool:
        return not self.placement

    @property
    def policy(self) -> dict[str, Any]:
        return {**studio.policy(self), "max_attempts": self._attempt_limit()}

    @property
    def rule(self) -> grading.PassRule:
        return studio.rule(self)

    def _override(self) -> dict[str, int]:
        return dict(self.overrides.get(str(self.scope_ids.user_id), {}))

    def _attempt_limit(self) -> int:
        """0 = unlimited; a placement check is taken once; staff may add attempts for one learner."""
        base = 1 if self.placement else self.max_attempts
        return base + self._override().get("extra_attempts", 0) if base else 0

    def _used(self) -> int:
        return attempts.used(self.attempt_log, self.attempts) + (1 if self.form else 0)

    @staticmethod
    def _now() -> float:
        return time.time()

    def _user(self) -> Any:
        service = self.runtime.service(self, "user")
        return service.get_current_user() if service else None

    def is_staff(self) -> bool:
        user = self._user()
        return user is not None and bool(user.opt_attrs.get("edx-platform.user_is_staff"))

    def _rewrite(self, html: str) -> str:
        service = self.runtime.service(self, "replace_urls")
        return service.replace_urls(html) if service else html

    def _lesson_url(self, lesson_id: str) -> str:
        return self._rewrite(f"/jump_to_id/{lesson_id}")

    # --- scoring (Open edX grades, rescore, score override) -------------------------------

    def max_score(self) -> float:
        """Raw points possible: a share (1.0); Open edX multiplies by ``weight``.

        A placement check has 0 possible points: Open edX's grades app counts a
        score with 0 weighted possible points as not graded
        (``lms/djangoapps/grades/scores.py``, get_score), so it never weighs in.
        """
        return 0.0 if self.placement else 1.0

    def has_submitted_answer(self) -> bool:
        return bool(self.log)

    def get_score(self) -> Score:
        if self.score_override:
            return Score(float(self.score_override["earned"]), float(self.score_override["possible"]))
        return Score(self.best_share if not self.placement else 0.0, self.max_score())

    def set_score(self, score: Score) -> None:
        """Instructor score override (the LMS then calls :meth:`publish_grade`)."""
        self.score_override = {"earned": float(score.raw_earned), "possible": float(score.raw_possible)}

    def publish_grade(self) -> None:
        """Publish the stored score (the LMS's score-override task calls this after set_score)."""
        if not self.placement:
            self._publish_grade(self.get_score())

    def calculate_score(self) -> Score:
        """The best share of the attempt log marked again against the current bank (state unchanged)."""
        return Score(attempts.best_share(self._remarked_log()) if not self.placement else 0.0, self.max_score())

    def rescore(self, only_if_higher: bool) -> None:
        """Mark every stored attempt again against the bank as it is now, keep the results, publish the grade.

        Instructor rescore after a key correction: items whose question changed get the
        new verdict; the attempt's shares, levels and pass are recomputed.
        """
        if not self.has_submitted_answer():
            raise ValueError(f"no submitted attempt to rescore: {self.scope_ids.usage_id}")
        self.attempt_log = self._remarked_log()
        self.score_override = {}
        if not self.placement:
            self._publish_grade(Score(self.best_share, self.max_score()), only_if_higher)

    def _remarked_log(self) -> list[dict[str, Any]]:
        out = []
        for attempt in self.log:
            if "items" not in attempt:  # a pre-0.2 attempt stored no answers: nothing to mark again
                out.append(attempt)
                continue
            marked = grading.remark(self.bank, attempt["items"])
            result = grading.score(self.bank, marked, self.rule)
            changed = result["share"] != attempt.get("share") or result["passed"] != attempt.get("passed")
            out.append({**attempt, **result, "items": marked, **({"rescored": self._now()} if changed else {})})
        return out

    def _publish(self) -> None:
        if not self.placement:
            self._publish_grade(Score(self.best_share, self.max_score()))

    def _publish_grade(self, score: Score, only_if_higher: bool | None = None) -> None:
        event: dict[str, Any] = {"value": round(score.raw_earned, 6), "max_value": score.raw_possible}
        if only_if_higher is not None:
            event["only_if_higher"] = only_if_higher
        self.runtime.publish(self, "grade", event)

    # --- state -------------------------------------------------------------------------

    def _expired(self, now: float) -> bool:
        deadline = self.form.get("deadline")
        return bool(self.form and deadline and now > deadline + GRACE_SECONDS)

    def _close_expired(self, now: float) -> None:
        """A form left past its time limit counts as an attempt with nothing right (once, like a submit)."""
        if self._expired(now):
            with contextlib.suppress(claims.TakenError), self._claiming(self.form["form_id"]):
                self._record(self.form, {}, now, expired=True)
                self._publish()

    def _status(self, now: float) -> dict[str, Any]:
        """Whether the learner may start (or resume) and what to tell them."""
        messages: list[tuple[str, str]] = []
        problems = grading.check_bank(self.bank)
        limit = self._attempt_limit()
        can = False
        if problems:
            messages.append(("error", T["bank_problem"]))
            if self.is_staff():
                messages.append(("warning", T["bank_problem_staff"].format(problems="; ".join(problems[:5]))))
        elif self.passed and not self.placement:
            messages.append(("success", T["already_passed"]))
        elif self.form:
            can = True
        elif limit and self._used() >= limit:
            messages.append(("warning", T["placement_done"] if self.placement else T["no_attempts_left"]))
        elif (until := self._wait_until()) and until > now:
            messages.append(("warning", views.wait_message(until)))
        else:
            can = True
        if not problems and self.is_staff():
            messages.extend(("warning", m.text) for m in self.validate().messages)
        return {"can_start": can, "open": bool(self.form), "used": self._used(), "messages": messages}

    def _wait_until(self) -> float | None:
        """When the next attempt may start: ``wait_hours`` after the last one (lifted by an instructor reset)."""
        log = self.log
        if not log or not self.wait_hours or not attempts.used(self.attempt_log, self.attempts):
            return None
        return float(log[-1]["submitted"]) + float(self.wait_hours) * 3600

    @contextlib.contextmanager
    def _claiming(self, form_id: str) -> Iterator[None]:
        """Hold the form for grading; another request with it gets claims.TakenError.  Released only on error."""
        key = claims.form_key(str(self.scope_ids.usage_id), str(self.scope_ids.user_id), form_id)
        if not claims.claim(key):
            raise claims.TakenError(form_id)
        try:
            yield
        except BaseException:
            claims.release(key)  # nothing was recorded: the form can still be submitted
            raise

    def _record(self, form: dict[str, Any], answers: dict[str, Any], now: float, expired: bool = False) -> dict[str, Any]:
        marked = grading.mark(self.bank, form["items"], answers)
        result = grading.score(self.bank, marked, self.rule)
        log = self.log
        attempt = attempts.new_attempt(log, form, result, marked, now, self.mode, expired)
        self.attempts = attempts.used(self.attempt_log, self.attempts) + 1
        self.attempt_log = [*log, attempt]
        self.form = {}
        return attempt

    # --- views ---------------------------------------------------------------------------

    def student_view(self, context: dict[str, Any] | None = None) -> Fragment:
        """The learner's page: intro, the open form, or the last result, in the course's language."""
        with speaking(self._language()):
            return self._student_view()

    def _student_view(self) -> Fragment:
        now = self._now()
        self._close_expired(now)
        frag = Fragment(f'<div class="hocvuso-assessment" lang="{self._language()}">'
                        f'<div class="hv-body">{self._state_html(now)}</div></div>')
        frag.add_css(views.resource("static/assessment.css"))
        frag.add_javascript(views.resource("static/assessment.js"))
        staff_tools = self.staff_credential_html()
        if staff_tools:
            frag.add_content(staff_tools)
            frag.add_css(views.resource("static/staff.css"))
        if self.is_staff():
            frag.add_content(views.staff_overrides(self.runtime.handler_url(self, "staff_override"), self.overrides,
                                                   MAX_EXTRA_ATTEMPTS, MAX_EXTRA_MINUTES))
        if staff_tools or self.is_staff():
            frag.add_javascript(views.resource("static/staff.js"))  # binds whichever staff forms are on the page
        frag.initialize_js("HocvusoAssessment", {"confirm": T["confirm_unanswered"]})
        return frag

    def _language(self) -> str:
        return str(self.bank.get("course", {}).get("language", "vi"))

    def _state_html(self, now: float) -> str:
        if self.form:
            return self._form_html()
        log = self.log
        if log:
            parts = [views.result(log[-1], self.bank, self.policy, self._lesson_url), self._certificate_html()]
            status = self._status(now)
            parts.append("".join(views.notice(m, k) for k, m in status["messages"]))
            if status["can_start"]:
                parts.append(f'<button type="button" class="hv-button hv-start">{T["retake"]}</button>')
            return "".join(parts)
        return views.intro(self.display_name, self.bank, self.policy, self._status(now))

    def _form_html(self) -> str:
        questions = grading.questions_by_id(self.bank)
        public = [grading.public_question(questions[item["id"]], item["perm"]) for item in self.form["items"]]
        return views.form(self.display_name, public, self.bank, self.form["form_id"], self.form.get("deadline"),
                          self._rewrite)

    # --- learner handlers --------------------------------------------------------------------

    @api
    def start(self, data: dict[str, Any]) -> dict[str, Any]:
        """Draw a form (or return the open one): ``{}`` → ``{"html", "form_id", "deadline"}``."""
        now = self._now()
        self._close_expired(now)  # the old form is over; that is a state change worth keeping
        status = self._status(now)
        if not status["can_start"]:
            reason = " ".join(m for _, m in status["messages"]) or T["no_attempts_left"]
            raise error(409, "err_cannot_start", reason=reason)
        if not self.form:
            drawn = grading.draw_form(self.bank, self.min_items_per_competency, random.SystemRandom(),
                                      attempts.seen_items(self.log))
            minutes = self.time_limit_minutes + (self._override().get("extra_minutes", 0) if self.time_limit_minutes else 0)
            drawn["started"] = now
            drawn["deadline"] = now + minutes * 60 if minutes else None
            self.form = drawn
        return {"html": self._form_html(), "form_id": self.form["form_id"], "deadline": self.form.get("deadline")}

    @api
    def submit(self, data: dict[str, Any]) -> dict[str, Any]:
        """Grade ``{"form_id": …, "answers": {question id: answer}}``; → ``{"html", "passed", "share", "competencies"}``."""
        now = self._now()
        form_id = data.get("form_id")
        form = self.form
        if not form or form_id != form["form_id"]:
            if any(a.get("form_id") == form_id for a in self.log):
                raise error(409, "err_replayed")
            raise error(409, "err_form_id" if form else "err_no_form")
        if form.get("deadline") and now > form["deadline"] + GRACE_SECONDS:
            raise error(403, "err_expired")
        answers = self._checked_answers(form, data.get("answers"))
        try:
            with self._claiming(form["form_id"]):
                attempt = self._record(form, answers, now)
                if attempt["passed"]:
                    self._issue(now)
        except claims.TakenError as err:
            raise error(409, "err_replayed") from err
        self._publish()  # only once the attempt is recorded and its credential issued
        return {"html": self._state_html(now), "passed": attempt["passed"], "share": attempt["share"],
                "competencies": [{k: c[k] for k in ("code", "share", "reached", "level_reached")}
                                 for c in attempt["competencies"]]}

    def _checked_answers(self, form: dict[str, Any], raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise error(400, "err_answers")
        perms = {item["id"]: item["perm"] for item in form["items"]}
        questions = grading.questions_by_id(self.bank)
        answers = {}
        for qid, value in raw.items():
            if qid not in perms:
                raise error(400, "err_unknown_question", id=str(qid)[:80])
            try:
                answers[qid] = grading.normalize_answer(questions[qid], perms[qid], value)
            except grading.AnswerError as err:
                raise error(400, "err_answer", id=qid, reason=err) from err
        return answers

    # --- staff -------------------------------------------------------------------------------

    @api
    def staff_override(self, data: dict[str, Any]) -> dict[str, Any]:
        """Give one learner extra attempts and/or minutes: ``{"user_id", "extra_attempts", "extra_minutes"}`` (staff)."""
        if not self.is_staff():
            raise error(403, "err_staff_only")
        user_id = data.get("user_id")
        if not isinstance(user_id, str | int) or isinstance(user_id, bool) or not str(user_id).strip():
            raise error(400, "err_setting", field="user_id", reason=T["need_text"].format(n=80))
        record = {}
        for name, high in (("extra_attempts", MAX_EXTRA_ATTEMPTS), ("extra_minutes", MAX_EXTRA_MINUTES)):
            value = data.get(name, 0)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
                raise error(400, "err_setting", field=name, reason=T["need_range"].format(low=0, high=high))
            record[name] = value
        user = str(user_id).strip()[:80]
        overrides = {k: v for k, v in self.overrides.items() if k != user}
        if any(record.values()):
            overrides[user] = record
        self.overrides = overrides
        return {"result": "success", "user_id": user, **record,
                "message": T["override_saved"].format(user_id=user, **record)}

    def generate_report_data(self, user_state_iterator: Any, limit_responses: int | None = None) -> Any:
        """Rows of Open edX's "problem responses" report: one per learner per attempt.

        Keys: Mode, Attempt, Submitted, Overall, Passed, Competencies, Credential, Form
        (see README).  ``limit_responses`` caps the number of rows.
        """
        return attempts.report_rows(user_state_iterator, self.mode, credential_id_of, limit_responses)

    # --- workbench ---------------------------------------------------------------------------

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """A demo with the packaged sample bank; HOCVUSO_WORKBENCH_BANK names another bank file and
        HOCVUSO_WORKBENCH_POLICY a JSON object of policy fields (both for local testing)."""
        bank_path = os.environ.get("HOCVUSO_WORKBENCH_BANK")
        bank = open(bank_path, encoding="utf-8").read() if bank_path else views.resource(SAMPLE_BANK)  # noqa: SIM115
        policy = json.loads(os.environ.get("HOCVUSO_WORKBENCH_POLICY") or "{}")
        attrs = " ".join(f"{name}={quoteattr(str(value))}" for name, value in policy.items())
        compact = json.dumps(json.loads(bank), ensure_ascii=False)
        xml = f"<vertical_demo><hocvuso_assessment item_bank={quoteattr(compact)} {attrs}/></vertical_demo>"
        return [("Đánh giá cuối khoá hocvuso", xml)]
