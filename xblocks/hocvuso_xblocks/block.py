"""The certification assessment XBlock (``hocvuso_assessment``).

State machine per learner: *intro* → ``start`` draws a form (counts as an
attempt) → ``submit`` grades it on the server → *result* (competency
profile; certificate when passed).  The browser only ever receives public
question views; correct answers stay in the ``item_bank`` field.

Every handler speaks JSON through :func:`api`: wrong method 405, oversized
body 413, bad JSON or bad answers 400, a stale or replayed form 409, a form
past its time limit 403 — always ``{"error": "…"}`` and never a state change.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import time
from importlib.resources import files
from typing import Any
from xml.sax.saxutils import quoteattr

import jwt
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String

from hocvuso_xblocks import certificate, credential, grading, views
from hocvuso_xblocks.strings import FIELD_LABELS, T

MAX_BODY = 64 * 1024
GRACE_SECONDS = 60  # network and clock slack after the time limit
SAMPLE_BANK = "data/sample_bank.json"


def _error(status: int, key: str, **args: Any) -> JsonHandlerError:
    return JsonHandlerError(status, T[key].format(**args))


def api(func: Any) -> Any:
    """A POST JSON handler with a size limit; JsonHandlerError becomes a JSON error response."""

    @XBlock.handler
    @functools.wraps(func)
    def wrapper(self: AssessmentBlock, request: Any, suffix: str = "") -> Response:
        try:
            if request.method != "POST":
                raise _error(405, "err_method")
            if (request.content_length or 0) > MAX_BODY:
                raise _error(413, "err_too_large", limit=MAX_BODY // 1024)
            body = request.body
            if len(body) > MAX_BODY:
                raise _error(413, "err_too_large", limit=MAX_BODY // 1024)
            try:
                data = json.loads(body.decode("utf-8")) if body.strip() else {}
            except (UnicodeDecodeError, ValueError) as err:
                raise _error(400, "err_json") from err
            if not isinstance(data, dict):
                raise _error(400, "err_object")
            result = func(self, data)
        except JsonHandlerError as err:
            return err.get_response()
        return Response(json.dumps(result, ensure_ascii=False), content_type="application/json", charset="utf-8")

    return wrapper


@XBlock.wants("user", "settings", "replace_urls")
class AssessmentBlock(XBlock):
    """Server-graded certification assessment with a competency profile and an Open Badges 3.0 credential."""

    block_settings_key = credential.SETTINGS_KEY
    has_score = True
    icon_class = "problem"

    display_name = String(display_name="Tên hiển thị", default="Đánh giá cuối khoá", scope=Scope.settings,
                          help="Tên bài đánh giá người học thấy")
    weight = Float(display_name="Trọng số", default=1.0, scope=Scope.settings, help="Điểm tối đa của khối trong sổ điểm")
    time_limit_minutes = Integer(default=0, scope=Scope.settings, help="Thời gian một lần làm bài, 0 = không giới hạn")
    max_attempts = Integer(default=3, scope=Scope.settings, help="Số lần làm bài, 0 = không giới hạn")
    wait_hours = Float(default=0.0, scope=Scope.settings, help="Số giờ chờ sau một lần chưa đạt")
    competency_threshold = Float(default=0.6, scope=Scope.settings, help="Tỉ lệ đúng cần có ở mỗi năng lực (0–1)")
    overall_threshold = Float(default=0.7, scope=Scope.settings, help="Tỉ lệ đúng cần có toàn bài (0–1)")
    min_items_per_competency = Integer(default=3, scope=Scope.settings, help="Số câu rút cho mỗi năng lực")
    item_bank = String(default="", scope=Scope.content, multiline_editor=True,
                       help="Ngân hàng câu hỏi do hocvuso biên dịch: JSON định dạng hocvuso-itembank 1")

    form = Dict(default={}, scope=Scope.user_state, help="The form being answered: id, drawn items, times")
    attempts = List(default=[], scope=Scope.user_state, help="Graded attempts (results only, no answers)")
    passed = Boolean(default=False, scope=Scope.user_state, help="Whether any attempt passed")
    best_share = Float(default=0.0, scope=Scope.user_state, help="Best overall share, the published grade")
    credential_jwt = String(default="", scope=Scope.user_state, help="The signed credential (VC-JWT)")
    learner_name = String(default="", scope=Scope.user_state, help="The name printed on the certificate")

    POLICY = ("time_limit_minutes", "max_attempts", "wait_hours", "competency_threshold", "overall_threshold",
              "min_items_per_competency")

    # --- policy and environment ----------------------------------------------------

    @property
    def policy(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.POLICY}

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
    def rule(self) -> grading.PassRule:
        return grading.PassRule(self.competency_threshold, self.overall_threshold, self.min_items_per_competency)

    def max_score(self) -> float:
        return self.weight

    @staticmethod
    def _now() -> float:
        return time.time()

    def _settings(self) -> dict[str, Any]:
        service = self.runtime.service(self, "settings")
        return (service.get_settings_bucket(self) or {}) if service else {}

    def _signer(self) -> tuple[credential.Signer | None, str]:
        return credential.load_signer(self._settings())

    def _user(self) -> Any:
        service = self.runtime.service(self, "user")
        return service.get_current_user() if service else None

    def _is_staff(self) -> bool:
        user = self._user()
        return bool(user and user.opt_attrs.get("edx-platform.user_is_staff"))

    def _rewrite(self, html: str) -> str:
        service = self.runtime.service(self, "replace_urls")
        return service.replace_urls(html) if service else html

    def _lesson_url(self, lesson_id: str) -> str:
        return self._rewrite(f"/jump_to_id/{lesson_id}")

    # --- state -------------------------------------------------------------------------

    def _bank_problems(self) -> list[str]:
        return grading.check_bank(self.bank)

    def _expired(self, now: float) -> bool:
        deadline = self.form.get("deadline")
        return bool(self.form and deadline and now > deadline + GRACE_SECONDS)

    def _close_expired(self, now: float) -> None:
        """A form left past its time limit counts as an attempt with nothing right."""
        if self._expired(now):
            self._record(grading.grade(self.bank, self.form, {}, self.rule), now, expired=True)

    def _used(self) -> int:
        return len(self.attempts) + (1 if self.form else 0)

    def _status(self, now: float) -> dict[str, Any]:
        """Whether the learner may start (or resume) and what to tell them."""
        messages: list[tuple[str, str]] = []
        problems = self._bank_problems()
        can = False
        if problems:
            messages.append(("error", T["bank_problem"]))
            if self._is_staff():
                messages.append(("warning", T["bank_problem_staff"].format(problems="; ".join(problems[:5]))))
        elif self.passed:
            messages.append(("success", T["already_passed"]))
        elif self.form:
            can = True
        elif self.max_attempts and self._used() >= self.max_attempts:
            messages.append(("warning", T["no_attempts_left"]))
        elif (until := self._wait_until()) and until > now:
            messages.append(("warning", views.wait_message(until)))
        else:
            can = True
        if not problems and self._is_staff():
            short = [code for code, n in grading.bank_counts(self.bank).items() if n < self.min_items_per_competency]
            if short:
                messages.append(("warning", T["short_bank_staff"].format(codes=", ".join(short), n=self.min_items_per_competency)))
        return {"can_start": can, "open": bool(self.form), "used": self._used(), "messages": messages}

    def _wait_until(self) -> float | None:
        if not self.attempts or not self.wait_hours:
            return None
        return self.attempts[-1]["submitted"] + self.wait_hours * 3600

    def _record(self, result: dict[str, Any], now: float, expired: bool = False) -> dict[str, Any]:
        attempt = {"number": len(self.attempts) + 1, "form_id": self.form.get("form_id", ""),
                   "started": self.form.get("started", now), "submitted": now, "expired": expired, **result}
        self.attempts = [*self.attempts, attempt]
        self.form = {}
        if result["passed"]:
            self.passed = True
        self.best_share = max(self.best_share, result["share"])
        self.runtime.publish(self, "grade", {"value": round(self.best_share * self.weight, 6), "max_value": self.weight})
        return attempt

    # --- views ---------------------------------------------------------------------------

    def student_view(self, context: dict[str, Any] | None = None) -> Fragment:
        """The learner's page: intro, the open form, or the last result."""
        now = self._now()
        self._close_expired(now)
        frag = Fragment(f'<div class="hocvuso-assessment" lang="{self._language()}">'
                        f'<div class="hv-body">{self._state_html(now)}</div></div>')
        frag.add_css(_resource("static/assessment.css"))
        frag.add_javascript(_resource("static/assessment.js"))
        frag.initialize_js("HocvusoAssessment", {"confirm": T["confirm_unanswered"]})
        return frag

    def _language(self) -> str:
        return str(self.bank.get("course", {}).get("language", "vi"))

    def _state_html(self, now: float) -> str:
        if self.form:
            return self._form_html()
        parts = []
        if self.attempts:
            parts.append(views.result(self.attempts[-1], self.bank, self.policy, self._lesson_url))
            parts.append(self._certificate_html())
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

    def _certificate_html(self) -> str:
        if not self.passed:
            return ""
        signer, reason = self._signer()
        parts = []
        if signer is None and not self.credential_jwt:
            parts.append(views.notice(T["no_key_learner"], "warning"))
            if self._is_staff():
                parts.append(views.notice(T["no_key_staff"].format(reason=reason), "warning"))
            return "".join(parts)
        if signer is not None and signer.test and self._is_staff():
            parts.append(views.notice(T["test_key_staff"], "warning"))
        parts.append(views.certificate_links(self.runtime.handler_url(self, "certificate_png"),
                                             self.runtime.handler_url(self, "credential")))
        return "".join(parts)

    def studio_view(self, context: dict[str, Any] | None = None) -> Fragment:
        """Studio editor for the policy fields."""
        notes = [T["studio_bank"].format(total=len(self.bank.get("questions", [])))]
        problems = self._bank_problems()
        if problems:
            notes.append(T["bank_problem_staff"].format(problems="; ".join(problems[:5])))
        signer, reason = self._signer()
        notes.append(T["studio_key_ok"].format(alg=signer.alg, issuer=signer.issuer_name) if signer
                     else T["no_key_staff"].format(reason=reason))
        if signer is not None and signer.test:
            notes.append(T["test_key_staff"])
        values = {name: getattr(self, name) for name in FIELD_LABELS}
        frag = Fragment(views.studio(values, notes))
        frag.add_javascript(_resource("static/studio.js"))
        frag.initialize_js("HocvusoAssessmentStudio")
        return frag

    # --- handlers --------------------------------------------------------------------------

    @api
    def start(self, data: dict[str, Any]) -> dict[str, Any]:
        """Draw a form (or return the open one): ``{}`` → ``{"html", "form_id", "deadline"}``."""
        now = self._now()
        if self._expired(now):
            self._close_expired(now)  # the old form is over; that is a state change worth keeping
        status = self._status(now)
        if not status["can_start"]:
            reason = " ".join(m for _, m in status["messages"]) or T["no_attempts_left"]
            raise _error(409, "err_cannot_start", reason=reason)
        if not self.form:
            drawn = grading.draw_form(self.bank, self.min_items_per_competency, random.SystemRandom())
            drawn["started"] = now
            drawn["deadline"] = now + self.time_limit_minutes * 60 if self.time_limit_minutes else None
            self.form = drawn
        return {"html": self._form_html(), "form_id": self.form["form_id"], "deadline": self.form.get("deadline")}

    @api
    def submit(self, data: dict[str, Any]) -> dict[str, Any]:
        """Grade ``{"form_id": …, "answers": {question id: answer}}``; → ``{"html", "passed", "share", "competencies"}``."""
        now = self._now()
        form_id = data.get("form_id")
        form = self.form
        if not form or form_id != form["form_id"]:
            if any(a.get("form_id") == form_id for a in self.attempts):
                raise _error(409, "err_replayed")
            raise _error(409, "err_form_id" if form else "err_no_form")
        if form.get("deadline") and now > form["deadline"] + GRACE_SECONDS:
            raise _error(403, "err_expired")
        answers = self._checked_answers(form, data.get("answers"))
        result = grading.grade(self.bank, form, answers, self.rule)
        attempt = self._record(result, now)
        if attempt["passed"]:
            self._issue(now)
        return {"html": self._state_html(now), "passed": attempt["passed"], "share": attempt["share"],
                "competencies": [{k: c[k] for k in ("code", "share", "reached", "level_reached")}
                                 for c in attempt["competencies"]]}

    def _checked_answers(self, form: dict[str, Any], raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise _error(400, "err_answers")
        perms = {item["id"]: item["perm"] for item in form["items"]}
        questions = grading.questions_by_id(self.bank)
        answers = {}
        for qid, value in raw.items():
            if qid not in perms:
                raise _error(400, "err_unknown_question", id=str(qid)[:80])
            try:
                answers[qid] = grading.normalize_answer(questions[qid], perms[qid], value)
            except grading.AnswerError as err:
                raise _error(400, "err_answer", id=qid, reason=err) from err
        return answers

    def _issue(self, now: float) -> str:
        """Sign the credential for the passing attempt, once; '' when no key is configured."""
        if self.credential_jwt:
            return self.credential_jwt
        signer, _ = self._signer()
        passing = next((a for a in self.attempts if a["passed"]), None)
        if signer is None or passing is None:
            return ""
        user = self._user()
        name = (getattr(user, "full_name", "") or (user.opt_attrs.get("edx-platform.username") if user else "")
                or str(self.scope_ids.user_id))
        learner = credential.Learner(key=str(self.scope_ids.user_id), name=name)
        issued = dt.datetime.fromtimestamp(passing["submitted"], dt.UTC)
        rule = {"competency_threshold": self.competency_threshold, "overall_threshold": self.overall_threshold,
                "min_items_per_competency": self.min_items_per_competency}
        cred = credential.build_credential(self.bank, passing, learner, signer, issued, rule)
        self.credential_jwt = credential.sign(cred, signer)
        self.learner_name = name
        return self.credential_jwt

    def _issued_or_error(self) -> str:
        if not self.passed:
            raise _error(404, "err_not_passed")
        token = self._issue(self._now())
        if not token:
            raise _error(409, "err_no_credential", reason=self._signer()[1])
        return token

    @XBlock.handler
    def credential(self, request: Any, suffix: str = "") -> Response:
        """The signed credential as a .jwt download (suffix 'json': its payload, readable)."""
        try:
            token = self._issued_or_error()
        except JsonHandlerError as err:
            return err.get_response()
        slug = self._file_slug()
        if suffix == "json":
            payload = jwt.decode(token, options={"verify_signature": False})
            return Response(json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json", charset="utf-8")
        return Response(token, content_type="application/jwt", charset="utf-8",
                        content_disposition=f'attachment; filename="chung-nhan-{slug}.jwt"')

    @XBlock.handler
    def certificate_png(self, request: Any, suffix: str = "") -> Response:
        """The printable certificate (PNG) of the signed credential."""
        try:
            token = self._issued_or_error()
        except JsonHandlerError as err:
            return err.get_response()
        payload = jwt.decode(token, options={"verify_signature": False})
        signer, _ = self._signer()
        image = certificate.certificate_png(self._certificate_text(payload, token, signer.verify_url if signer else ""))
        return Response(image, content_type="image/png",
                        content_disposition=f'attachment; filename="chung-nhan-{self._file_slug()}.png"')

    def _certificate_text(self, payload: dict[str, Any], token: str, verify_url: str) -> certificate.CertificateText:
        bank = self.bank
        comps = {c["code"]: c for c in bank.get("competencies", [])}
        subject = payload["credentialSubject"]
        rows = []
        for res in subject["result"]:
            code = (res.get("alignment") or [{}])[0].get("targetCode")
            if code in comps:
                comp = comps[code]
                rows.append((code, comp.get("name", ""), comp.get("level_name") or comp.get("level", ""), res.get("value", "")))
        issued = dt.datetime.strptime(payload["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        return certificate.CertificateText(
            learner=self.learner_name, course=bank.get("course", {}).get("title", ""),
            profile=bank.get("profile", {}).get("name", ""), issuer=payload["issuer"].get("name", ""),
            date=issued.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y"),
            credential_id=payload["id"], fingerprint=credential.digest(token),
            qr=credential.qr_text(payload["id"], token, verify_url), rows=rows,
            test=credential.TEST_MARK if payload["issuer"]["id"] == credential.TEST_ISSUER else "")

    def _file_slug(self) -> str:
        key = str(self.bank.get("course", {}).get("key", "khoa-hoc"))
        return "".join(ch if ch.isalnum() else "-" for ch in key.rsplit(":", maxsplit=1)[-1]).strip("-").lower() or "khoa-hoc"

    @api
    def studio_submit(self, data: dict[str, Any]) -> dict[str, Any]:
        """Save policy fields from Studio; every value is checked before any is saved."""
        checked = {name: _setting(name, value) for name, value in data.items()}
        for name, value in checked.items():
            setattr(self, name, value)
        return {"result": "success"}

    # --- workbench ---------------------------------------------------------------------------

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """A demo with the packaged sample bank; HOCVUSO_WORKBENCH_BANK names another bank file and
        HOCVUSO_WORKBENCH_POLICY a JSON object of policy fields (both for local testing)."""
        import os

        bank_path = os.environ.get("HOCVUSO_WORKBENCH_BANK")
        bank = open(bank_path, encoding="utf-8").read() if bank_path else _resource(SAMPLE_BANK)  # noqa: SIM115
        policy = json.loads(os.environ.get("HOCVUSO_WORKBENCH_POLICY") or "{}")
        attrs = " ".join(f"{name}={quoteattr(str(value))}" for name, value in policy.items())
        compact = json.dumps(json.loads(bank), ensure_ascii=False)
        xml = f"<vertical_demo><hocvuso_assessment item_bank={quoteattr(compact)} {attrs}/></vertical_demo>"
        return [("Đánh giá cuối khoá hocvuso", xml)]


LIMITS: dict[str, tuple[type, float, float]] = {
    "weight": (float, 0, 1000), "time_limit_minutes": (int, 0, 24 * 60), "max_attempts": (int, 0, 100),
    "wait_hours": (float, 0, 24 * 365), "competency_threshold": (float, 0.01, 1), "overall_threshold": (float, 0.01, 1),
    "min_items_per_competency": (int, 1, 50),
}


def _setting(name: str, value: Any) -> Any:
    """A Studio value checked against its field's type and range."""
    if name == "display_name":
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            raise _error(400, "err_setting", field=name, reason="cần 1–200 ký tự")
        return value.strip()
    if name not in LIMITS:
        raise _error(400, "err_unknown_setting", field=str(name)[:80])
    kind, low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and value != int(value)):
        raise _error(400, "err_setting", field=name, reason="cần một số" + (" nguyên" if kind is int else ""))
    if not low <= value <= high:
        raise _error(400, "err_setting", field=name, reason=f"cần trong khoảng {low:g}–{high:g}")
    return kind(value)


def _resource(path: str) -> str:
    return (files("hocvuso_xblocks") / path).read_text(encoding="utf-8")
