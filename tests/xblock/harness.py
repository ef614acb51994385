"""Drive the assessment block through the XBlock SDK workbench runtime, as the LMS would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import jwt
import webob
from xblock.fields import Scope
from xblock.reference.user_service import UserService, XBlockUser

from hocvuso_xblocks.grading import match_options


class _StaffService(UserService):
    """The LMS's user service for a staff member (its user carries ``edx-platform.user_is_staff``)."""

    def get_current_user(self) -> XBlockUser:
        return self._user


class _Base:
    def setUp(self) -> None:  # the mixin chains to unittest's setUp
        pass


def _loader() -> Any:
    """The SDK's XBlockHandlerTestCaseMixin (imported late: the workbench needs Django set up first)."""
    from workbench.test_utils import XBlockHandlerTestCaseMixin

    class Loader(XBlockHandlerTestCaseMixin, _Base):
        pass

    loader = Loader()
    loader.setUp()
    return loader


def scenario_xml(bank: dict[str, Any], policy: dict[str, Any]) -> str:
    attrs = " ".join(f"{k}={quoteattr(str(v))}" for k, v in policy.items())
    return f"<hocvuso_assessment item_bank={quoteattr(json.dumps(bank, ensure_ascii=False))} {attrs}/>"


class Harness:
    """One block in a fresh scenario; ``call`` returns (status, JSON) of a handler request."""

    def __init__(self, folder: Path, bank: dict[str, Any], policy: dict[str, Any], user_id: str = "1") -> None:
        self.loader = _loader()
        self.runtime = self.loader.runtime
        self.runtime.id_generator.set_scenario(folder.name)
        path = folder / "scenario.xml"
        path.write_text(scenario_xml(bank, policy), encoding="utf-8")
        self.loader.set_user(user_id)
        self.usage_id = self.loader.load_scenario(str(path)).scope_ids.usage_id
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.runtime.publish = lambda block, kind, data: self.events.append((kind, data))

    def as_user(self, user_id: str) -> Harness:
        self.loader.set_user(user_id)
        return self

    def as_staff(self, staff: bool = True) -> Harness:
        """Requests from course staff: the user attribute the LMS's user service sets for them."""
        user = XBlockUser(is_current_user=True, full_name="Nhân viên khoá học")
        user.opt_attrs["edx-platform.user_is_staff"] = staff
        self.runtime._services["user"] = _StaffService(user=user)  # the workbench has no staff switch
        return self

    @property
    def block(self) -> Any:
        """A fresh block instance (a new request): fields come from the database."""
        return self.runtime.get_block(self.usage_id)

    def call(self, handler: str, payload: Any = None, *, raw: bytes | None = None, method: str = "POST",
             suffix: str = "") -> tuple[int, Any]:
        body = raw if raw is not None else json.dumps(payload if payload is not None else {}).encode()
        request = webob.Request.blank("/", method=method, body=body if method == "POST" else None,
                                      content_type="application/json")
        response = self.runtime.handle(self.block, handler, request, suffix)
        try:
            return response.status_code, json.loads(response.body)
        except ValueError:
            return response.status_code, response.body

    def download(self, handler: str, suffix: str = "") -> webob.Response:
        return self.runtime.handle(self.block, handler, webob.Request.blank("/"), suffix)

    def view(self, name: str = "student_view") -> str:
        return self.runtime.render(self.block, name).content

    def state(self) -> dict[str, Any]:
        """The learner's stored state (every user_state field), to compare before and after a request."""
        block = self.block
        return {name: json.dumps(field.read_from(block), sort_keys=True) for name, field in block.fields.items()
                if field.scope == Scope.user_state}

    def grades(self) -> list[dict[str, Any]]:
        return [data for kind, data in self.events if kind == "grade"]


def right_answer(q: dict[str, Any], perm: list[int]) -> Any:
    """The right answer in display positions, typed as a learner might (comma decimals, other case)."""
    kind = q["type"]
    if kind in ("single", "dropdown"):
        return next(i for i, c in enumerate(perm) if q["choices"][c]["correct"])
    if kind == "multiple":
        return [i for i, c in enumerate(perm) if q["choices"][c]["correct"]]
    if kind == "numeric":
        return f"{q['numeric']['value']:.12g}".replace(".", ",")
    if kind == "text":
        return "  " + q["answers"][0].upper() + " "
    if kind == "matching":
        options = match_options(q)
        return [options.index(q["matches"][c]["right"]) for c in perm]
    return [c + 1 for c in perm]


def wrong_answer(q: dict[str, Any], perm: list[int]) -> Any:
    kind = q["type"]
    if kind in ("single", "dropdown"):
        return next(i for i, c in enumerate(perm) if not q["choices"][c]["correct"])
    if kind == "multiple":
        return [next(i for i, c in enumerate(perm) if not q["choices"][c]["correct"])]
    if kind == "numeric":
        return "-1"
    if kind == "text":
        return "không biết"
    if kind == "matching":
        options = match_options(q)
        return [(options.index(q["matches"][c]["right"]) + 1) % len(options) for c in perm]
    return [(c + 1) % len(perm) + 1 for c in perm]


def answers_for(h: Harness, bank: dict[str, Any], wrong: set[str] = frozenset(), wrong_n: dict[str, int] | None = None) -> dict[str, Any]:
    """Answers to the open form: right, except every item of the competencies in ``wrong`` and
    the first ``wrong_n[code]`` items of others."""
    questions = {q["id"]: q for q in bank["questions"]}
    counts: dict[str, int] = {}
    out = {}
    for item in h.block.form["items"]:
        q = questions[item["id"]]
        code = q["competency"]
        counts[code] = counts.get(code, 0) + 1
        bad = code in wrong or counts[code] <= (wrong_n or {}).get(code, 0)
        out[item["id"]] = (wrong_answer if bad else right_answer)(q, item["perm"])
    return out


def passed_learner(tmp_path: Path, bank_policy: tuple[dict, dict], user: str = "7") -> Harness:
    """A learner who started and passed the assessment with every right answer."""
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy, user_id=user)
    h.call("start")
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank)})
    assert (status, body["passed"]) == (200, True)
    return h


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def payload(token: str) -> dict:
    """A JWT's claims, unverified (the tests verify signatures separately)."""
    return jwt.decode(token, options={"verify_signature": False})


def operator_settings(conf: dict, **extra: object) -> dict:
    """The operator's XBLOCK_SETTINGS with ``extra`` keys set on the assessment block."""
    return {"hocvuso_assessment": {**conf["hocvuso_assessment"], **extra}}
