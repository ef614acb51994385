"""Issuing the credential of a passed attempt: a thin layer over :mod:`credential` and :mod:`certificate`.

The block's part is only what needs the runtime: the operator's settings, the
current user, the stored token, and the two download handlers.  Building,
signing and drawing live in ``credential.py`` and ``certificate.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

import jwt
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from hocvuso_xblocks import attempts, certificate, credential, views
from hocvuso_xblocks.http import error
from hocvuso_xblocks.strings import T

log = logging.getLogger(__name__)


def credential_id_of(state: dict[str, Any]) -> str:
    """The id of the credential stored in a learner's state ('' when none), for reports."""
    if state.get("credential_id"):
        return str(state["credential_id"])
    token = state.get("credential_jwt") or ""
    if not token:
        return ""
    try:
        return str(jwt.decode(token, options={"verify_signature": False}).get("jti", ""))
    except jwt.PyJWTError:
        return ""


class IssuingMixin:
    """Signs the credential once per learner and serves it (.jwt) and the certificate (.png)."""

    def _settings(self) -> dict[str, Any]:
        service = self.runtime.service(self, "settings")
        return (service.get_settings_bucket(self) or {}) if service else {}

    def _signer(self) -> tuple[credential.Signer | None, str]:
        return credential.load_signer(self._settings())

    def signing_notes(self) -> list[str]:
        """Studio notes on the signing key."""
        signer, reason = self._signer()
        notes = [T["studio_key_ok"].format(alg=signer.alg, issuer=signer.issuer_name) if signer
                 else T["no_key_staff"].format(reason=reason)]
        if signer is not None and signer.test:
            notes.append(T["test_key_staff"])
        return notes

    def _issue(self, now: float) -> str:
        """Sign the credential for the passing attempt, once; '' when no key is configured."""
        if self.credential_jwt:
            return self.credential_jwt
        passing = attempts.passing(self.log)
        if passing is None or not self.issues_credentials:
            return ""
        signer, reason = self._signer()
        if signer is None:
            log.warning("hocvuso_assessment %s: no credential issued: %s", self.scope_ids.usage_id, reason)
            return ""
        user = self._user()
        name = (getattr(user, "full_name", "") or (user.opt_attrs.get("edx-platform.username") if user else "")
                or str(self.scope_ids.user_id))
        learner = credential.Learner(key=str(self.scope_ids.user_id), name=name)
        issued = dt.datetime.fromtimestamp(passing["submitted"], dt.UTC)
        rule = {name: getattr(self, name) for name in ("competency_threshold", "overall_threshold",
                                                       "min_items_per_competency")}
        cred = credential.build_credential(self.bank, passing, learner, signer, issued, rule)
        self.credential_jwt = credential.sign(cred, signer)
        self.learner_name = name
        return self.credential_jwt

    def _issued_or_error(self) -> str:
        if not self.passed:
            raise error(404, "err_not_passed")
        token = self._issue(self._now())
        if not token:
            # The learner gets the generic text; the reason (a file path, a key error) goes to staff and the log.
            if self.is_staff():
                raise error(409, "err_no_credential_staff", reason=self._signer()[1])
            raise error(409, "err_no_credential")
        return token

    def _certificate_html(self) -> str:
        if not self.passed or not self.issues_credentials:
            return ""
        signer, reason = self._signer()
        parts = []
        if signer is None and not self.credential_jwt:
            parts.append(views.notice(T["no_key_learner"], "warning"))
            if self.is_staff():
                parts.append(views.notice(T["no_key_staff"].format(reason=reason), "warning"))
            return "".join(parts)
        if signer is not None and signer.test and self.is_staff():
            parts.append(views.notice(T["test_key_staff"], "warning"))
        parts.append(views.certificate_links(self.runtime.handler_url(self, "certificate_png"),
                                             self.runtime.handler_url(self, "credential")))
        return "".join(parts)

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

    if TYPE_CHECKING:  # provided by the block (XBlock and AssessmentBlock)
        runtime: Any
        scope_ids: Any
        @property
        def bank(self) -> dict[str, Any]: ...

        credential_jwt: str
        learner_name: str
        @property
        def passed(self) -> bool: ...

        @property
        def log(self) -> list[dict[str, Any]]: ...

        @property
        def issues_credentials(self) -> bool: ...

        def _now(self) -> float: ...

        def _user(self) -> Any: ...

        def is_staff(self) -> bool: ...
