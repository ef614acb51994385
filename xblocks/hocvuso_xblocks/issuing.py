"""Issuing the credential of a passed attempt: the block's side of :mod:`issuance`.

The block's part is only what needs the runtime: the operator's settings, the
current user, the learner's small credential record, and the handlers —
the learner's downloads (``credential``, ``certificate_png``), the public
documents a verifier fetches (``jwks``, ``issuer``, ``status_list``: no login,
``handler_url(thirdparty=True)``) and the staff action ``revoke``.  Building,
signing, storing and drawing live in ``issuance``, ``credential``,
``status_list``, ``store`` and ``certificate``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from html import escape
from typing import TYPE_CHECKING, Any

import jwt
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from hocvuso_xblocks import attempts, credential, issuance, views
from hocvuso_xblocks.http import api, error
from hocvuso_xblocks.strings import ERRORS, STAFF, T

log = logging.getLogger(__name__)
PUBLIC = ("jwks", "issuer", "status_list")


def record_in(log: list[dict[str, Any]]) -> dict[str, Any]:
    """The credential record kept on the attempt it was issued for ({} when none was issued)."""
    return dict(next((a["credential"] for a in log if isinstance(a.get("credential"), dict)), {}))


def credential_id_of(state: dict[str, Any]) -> str:
    """The id of the credential stored in a learner's state ('' when none), for reports."""
    record = record_in(state.get("attempt_log") or [])
    if record.get("id"):
        return str(record["id"])
    token = state.get("credential_jwt") or ""  # states before 0.3 kept the whole token
    if not token:
        return ""
    try:
        return str(jwt.decode(token, options={"verify_signature": False}).get("jti", ""))
    except jwt.PyJWTError:
        return ""


def _failure(status: int, err: issuance.IssueError) -> JsonHandlerError:
    return JsonHandlerError(status, str(err))


class IssuingMixin:
    """Signs the credential once per learner, serves its files, its issuer's keys and its revocation list."""

    def _settings(self) -> dict[str, Any]:
        service = self.runtime.service(self, "settings")
        return (service.get_settings_bucket(self) or {}) if service else {}

    def _public_url(self, handler: str) -> str:
        """The no-login URL of a public handler (absolute in the LMS, which prefixes its site).

        '' where the runtime has none (some preview runtimes refuse third-party handlers): the
        key id then falls back to ISSUER_ID#thumbprint and the credential carries no status entry.
        """
        try:
            return str(self.runtime.handler_url(self, handler, thirdparty=True)).rstrip("/?")
        except (NotImplementedError, ValueError, TypeError) as err:
            log.info("hocvuso_assessment: no public URL for %s here: %s", handler, err)
            return ""

    def _context(self) -> issuance.Context:
        """Settings, secret, signer and list URL, once per request (a block instance lives for one)."""
        cached = self.__dict__.get("_issuance_context")
        if cached is None:
            conf = self._settings()
            secret, reason = issuance.server_secret(conf)
            signer, why = credential.load_signer(conf, self._public_url("jwks"))
            if signer is not None and not secret:
                signer, why = None, reason
            cached = issuance.Context(conf, secret, signer, why, self._public_url("status_list"))
            self.__dict__["_issuance_context"] = cached
        return cached

    def _signer(self) -> tuple[credential.Signer | None, str]:
        ctx = self._context()
        return ctx.signer, ctx.reason

    def signing_notes(self) -> list[str]:
        """Studio notes on the signing key and where its public documents are."""
        signer, reason = self._signer()
        notes = [T["studio_key_ok"].format(alg=signer.alg, issuer=signer.issuer_name) if signer
                 else T["no_key_staff"].format(reason=reason)]
        if signer is not None and signer.test:
            notes.append(T["test_key_staff"])
        if signer is not None:
            notes.append(STAFF["publish"].format(jwks=self._public_url("jwks"), issuer=self._public_url("issuer")))
        return notes

    @property
    def credential_record(self) -> dict[str, Any]:
        """id, SHA-256 of the .jwt, salt, date, status index, name: kept on the passing attempt in the log.

        Not a field of its own: the attempt log is written by the submit that passes anyway, and
        the workbench (like any per-field store) pays for every extra field written.
        """
        return record_in(self.log)

    def _keep_record(self, record: dict[str, Any]) -> None:
        log = self.log
        holder = next((a for a in log if isinstance(a.get("credential"), dict)), None) or attempts.passing(log)
        self.attempt_log = [{**a, "credential": record} if a is holder else a for a in log]

    def _learner(self) -> credential.Learner:
        """Who the credential is about: the name as issued (kept in the record), else the LMS user's."""
        name = self.credential_record.get("name") or (self.learner_name if self.credential_jwt else "")
        return credential.Learner(key=str(self.scope_ids.user_id), name=name or self._current_name())

    def _current_name(self) -> str:
        user = self._user()
        return (getattr(user, "full_name", "") or (user.opt_attrs.get("edx-platform.username") if user else "")
                or str(self.scope_ids.user_id))

    def _rule(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in ("competency_threshold", "overall_threshold", "min_items_per_competency")}

    def _issue(self, now: float) -> dict[str, Any]:
        """Sign and store the credential for the passing attempt, once; {} when it cannot be issued yet.

        Cheap enough for the submit request (a cached key, one signature, one small file): the
        certificate image is drawn on its first download, not here.
        """
        if self.credential_record:
            return dict(self.credential_record)
        passing = attempts.passing(self.log)
        if passing is None or not self.issues_credentials:
            return {}
        if "items" not in passing and self.credential_jwt:  # passed and issued before 0.2: the token is in the state
            return {}
        ctx = self._context()
        if ctx.signer is None:
            log.warning("hocvuso_assessment %s: no credential issued: %s", self.scope_ids.usage_id, ctx.reason)
            return {}
        learner = credential.Learner(key=str(self.scope_ids.user_id), name=self._current_name())
        try:
            _, record = issuance.issue(ctx, self.bank, passing, learner, self._rule())
        except issuance.IssueError as err:
            log.warning("hocvuso_assessment %s: no credential issued: %s", self.scope_ids.usage_id, err)
            return {}
        kept = {**record, "name": learner.name}
        self._keep_record(kept)
        self.__dict__["_issued_now"] = kept["id"]
        return kept

    def _issued_or_error(self) -> tuple[str, dict[str, Any]]:
        """(token, record) of the learner's credential, or a JsonHandlerError for the handler to return."""
        if not self.passed or not self.issues_credentials:
            raise error(404, "err_not_passed")
        if self.credential_jwt and not self.credential_record:
            return self.credential_jwt, {}  # issued before 0.3, kept whole in the state
        record = self._issue(self._now())
        if not record:
            # The learner gets the generic text; the reason (a file path, a key error) goes to staff and the log.
            if self.is_staff():
                raise error(409, "err_no_credential_staff", reason=self._signer()[1])
            raise error(409, "err_no_credential")
        ctx = self._context()
        if issuance.is_revoked(ctx, record["index"]):
            raise JsonHandlerError(410, ERRORS["revoked"])
        try:
            token = issuance.fetch(ctx, record, self.bank, attempts.passing(self.log) or {}, self._learner(), self._rule())
        except issuance.IssueError as err:
            log.error("hocvuso_assessment %s: credential %s: %s", self.scope_ids.usage_id, record.get("id"), err)
            raise _failure(410, err) from err
        return token, record

    def _certificate_html(self) -> str:
        if not self.passed or not self.issues_credentials:
            return ""
        signer, reason = self._signer()
        parts = [views.notice(T["official_note"], "info")]
        if signer is None and not (self.credential_record or self.credential_jwt):
            parts.append(views.notice(T["no_key_learner"], "warning"))
            if self.is_staff():
                parts.append(views.notice(T["no_key_staff"].format(reason=reason), "warning"))
            return "".join(parts)
        record = self.credential_record
        just_issued = self.__dict__.get("_issued_now") == record.get("id")  # issued by this request: not revoked
        if record and not just_issued and issuance.is_revoked(self._context(), record["index"]):
            return "".join([*parts, views.notice(ERRORS["revoked"], "warning")])
        if signer is not None and signer.test and self.is_staff():
            parts.append(views.notice(T["test_key_staff"], "warning"))
        parts.append(views.certificate_links(self.runtime.handler_url(self, "certificate_png"),
                                             self.runtime.handler_url(self, "credential")))
        return "".join(parts)

    def staff_credential_html(self) -> str:
        """The staff's revoke form (a plain form the staff script posts to ``revoke``)."""
        if not self.is_staff() or not self.issues_credentials or self._signer()[0] is None:
            return ""
        url = escape(self.runtime.handler_url(self, "revoke"))
        return (f'<details class="hv-staff-credentials hocvuso-assessment-staff"><summary>{escape(STAFF["revoke_heading"])}</summary>'
                f'<form class="hv-revoke" data-url="{url}" novalidate>'
                f'<p>{escape(STAFF["revoke_help"].format(url=self._public_url("status_list")))}</p>'
                f'<label for="hv-revoke-id">{escape(STAFF["revoke_id"])}</label>'
                f'<input id="hv-revoke-id" name="credential_id" type="text" maxlength="80" autocomplete="off" required>'
                f'<label for="hv-revoke-reason">{escape(STAFF["revoke_reason"])}</label>'
                f'<input id="hv-revoke-reason" name="reason" type="text" maxlength="500" autocomplete="off">'
                f'<button type="submit" class="hv-button">{escape(STAFF["revoke_button"])}</button>'
                f'<p class="hv-revoke-result" role="status" aria-live="polite"></p></form></details>')

    # --- the learner's downloads ------------------------------------------------------------

    @XBlock.handler
    def credential(self, request: Any, suffix: str = "") -> Response:
        """The signed credential as a .jwt download (suffix 'json': its payload, readable)."""
        try:
            token, _ = self._issued_or_error()
        except JsonHandlerError as err:
            return err.get_response()
        if suffix == "json":
            payload = jwt.decode(token, options={"verify_signature": False})
            return Response(json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json", charset="utf-8")
        return Response(token, content_type="application/jwt", charset="utf-8",
                        content_disposition=f'attachment; filename="chung-nhan-{self._file_slug()}.jwt"')

    @XBlock.handler
    def certificate_png(self, request: Any, suffix: str = "") -> Response:
        """The printable certificate (PNG): drawn on the first download and stored, then read back."""
        try:
            token, record = self._issued_or_error()
        except JsonHandlerError as err:
            return err.get_response()
        ctx = self._context()
        if record:
            image = issuance.certificate_png(ctx, record, token, self.bank, self._learner().name)
            digest = hashlib.sha256(image).hexdigest()
            if record.get("png_sha256") != digest:
                self._keep_record({**record, "png_sha256": digest})
        else:  # a credential issued before 0.3 has no record: draw it (as those versions did)
            from hocvuso_xblocks import certificate

            payload = jwt.decode(token, options={"verify_signature": False})
            verify_url = ctx.signer.verify_url if ctx.signer else ""
            image = certificate.certificate_png(issuance.certificate_text(payload, token, self.bank, self._learner().name, verify_url))
        return Response(image, content_type="image/png",
                        content_disposition=f'attachment; filename="chung-nhan-{self._file_slug()}.png"')

    def _file_slug(self) -> str:
        key = str(self.bank.get("course", {}).get("key", "khoa-hoc"))
        return "".join(ch if ch.isalnum() else "-" for ch in key.rsplit(":", maxsplit=1)[-1]).strip("-").lower() or "khoa-hoc"

    # --- public documents (no login: verifiers and wallets fetch them) ---------------------------

    def _public(self, make: Any, content_type: str) -> Response:
        ctx = self._context()
        if ctx.signer is None:
            return JsonHandlerError(404, ERRORS["no_signer"]).get_response()
        body = make(ctx)
        text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, indent=2)
        response = Response(text, content_type=content_type, charset="utf-8")
        response.headers["Access-Control-Allow-Origin"] = "*"  # verifiers in a browser fetch these
        response.cache_control.max_age = 300
        return response

    @XBlock.handler
    def jwks(self, request: Any, suffix: str = "") -> Response:
        """The issuer's JWK Set: every credential's ``kid`` names a key in it (publish the same file at JWKS_URL)."""
        return self._public(lambda ctx: credential.jwks(ctx.signer), "application/jwk-set+json")

    @XBlock.handler
    def issuer(self, request: Any, suffix: str = "") -> Response:
        """The issuer's Open Badges 3.0 Profile (publish the same document at ISSUER_ID)."""
        return self._public(lambda ctx: credential.issuer_profile(ctx.signer), "application/json")

    @XBlock.handler
    def status_list(self, request: Any, suffix: str = "") -> Response:
        """This block's revocation list: a signed BitstringStatusListCredential (VC-JWT), current now."""
        return self._public(lambda ctx: issuance.status_list_token(ctx, self._now()), "application/vc+jwt")

    # --- staff -------------------------------------------------------------------------------

    @api
    def revoke(self, data: dict[str, Any]) -> dict[str, Any]:
        """Revoke a credential this block issued: ``{"credential_id", "reason"}`` (staff; permanent)."""
        if not self.is_staff():
            raise error(403, "err_staff_only")
        credential_id = data.get("credential_id")
        reason = data.get("reason", "")
        if not isinstance(credential_id, str) or not credential_id.strip() or not isinstance(reason, str):
            raise error(400, "err_setting", field="credential_id", reason=T["need_text"].format(n=80))
        credential_id = credential_id.strip()
        user = self._user()
        staff = str(user.opt_attrs.get("edx-platform.username") if user else "") or str(self.scope_ids.user_id)
        try:
            index = issuance.revoke(self._context(), credential_id, staff, reason, self._now())
        except issuance.IssueError as err:
            raise _failure(409 if err.key == "already_revoked" else 404, err) from err
        log.info("hocvuso_assessment %s: %s revoked %s (index %s)", self.scope_ids.usage_id, staff, credential_id, index)
        return {"result": "success", "credential_id": credential_id, "message": STAFF["revoked_ok"].format(id=credential_id)}

    if TYPE_CHECKING:  # provided by the block (XBlock and AssessmentBlock)
        runtime: Any
        scope_ids: Any
        credential_jwt: str
        attempt_log: list[dict[str, Any]]
        learner_name: str

        @property
        def bank(self) -> dict[str, Any]: ...

        @property
        def passed(self) -> bool: ...

        @property
        def log(self) -> list[dict[str, Any]]: ...

        @property
        def issues_credentials(self) -> bool: ...

        def _now(self) -> float: ...

        def _user(self) -> Any: ...

        def is_staff(self) -> bool: ...
