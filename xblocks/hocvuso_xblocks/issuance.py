"""Issuing, fetching, drawing and revoking a learner's credential: what the block's handlers call.

What is kept where (and why):

* the learner's state keeps a small *record* — credential id, SHA-256 of the
  signed file, salt, issue time, status index — never the whole credential;
* the signed credential (``.jwt``) is written to the :class:`~store.CredentialStore`
  when it is issued, and the certificate PNG when it is first downloaded (drawing
  it takes ~0.2 s, so it is not done inside the submit request; every later
  download reads the stored file);
* if a stored file is lost, the credential is rebuilt from the record (both
  signature schemes are deterministic) and accepted only when its SHA-256 is
  the recorded one — the learner gets back exactly what was issued, or an error;
* a revocation is one small file per status index in the same store, so two
  staff members revoking at once never overwrite each other (no shared list to
  read-modify-write); issuing checks one name, the status list lists one folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import jwt

from hocvuso_xblocks import certificate, credential, status_list
from hocvuso_xblocks.store import CredentialStore
from hocvuso_xblocks.strings import CREDENTIAL, ERRORS

VN_TIME = dt.timezone(dt.timedelta(hours=7))


class IssueError(Exception):
    """A credential cannot be issued or served; ``key`` names the message in ``strings.ERRORS``."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(ERRORS[key].format(**args))
        self.key = key


@dataclass(frozen=True)
class Context:
    """What one request needs: the operator's settings, the server secret, the signer and the list URL."""

    conf: dict[str, Any]
    secret: bytes
    signer: credential.Signer | None
    reason: str
    list_url: str

    @property
    def store(self) -> CredentialStore:
        return CredentialStore(self.conf, credential.derived_key(self.secret, "files"))

    @property
    def status_key(self) -> bytes:
        return credential.derived_key(self.secret, f"status:{self.list_url}")


def server_secret(conf: dict[str, Any]) -> tuple[bytes, str]:
    """The HMAC secret: ``SUBJECT_SECRET`` from XBLOCK_SETTINGS, else Django's ``SECRET_KEY``.

    Returns (secret, '') or (b'', reason).  ``SUBJECT_SECRET`` is recommended: rotating
    Django's SECRET_KEY would otherwise change the subject ids of later credentials.
    """
    value = conf.get("SUBJECT_SECRET")
    if value:
        if len(str(value)) < credential.MIN_SECRET:
            return b"", f"SUBJECT_SECRET must be at least {credential.MIN_SECRET} characters"
        return str(value).encode(), ""
    try:
        from django.conf import settings

        value = settings.SECRET_KEY
    except Exception:  # Django not configured (outside an LMS): no secret, and the reason says so
        value = ""
    if not value:
        return b"", "set XBLOCK_SETTINGS['hocvuso_assessment']['SUBJECT_SECRET'] (no Django SECRET_KEY either)"
    return str(value).encode(), ""


def is_revoked(ctx: Context, index: int) -> bool:
    return ctx.store.is_revoked(ctx.list_url, index)


def issue(ctx: Context, bank: dict[str, Any], attempt: dict[str, Any], learner: credential.Learner,
          rule: dict[str, float]) -> tuple[str, dict[str, Any]]:
    """Sign the credential of a passing ``attempt``, store it, and return (token, record for user state)."""
    if ctx.signer is None:
        raise IssueError("no_signer")
    key = ctx.status_key
    free = next(((g, i) for g in range(status_list.GENERATIONS)
                 if not is_revoked(ctx, i := status_list.index_for(key, learner.key, g))), None)
    if free is None:
        raise IssueError("all_indexes_revoked")
    generation, index = free
    record: dict[str, Any] = {"id": f"urn:uuid:{uuid.uuid4()}", "salt": secrets.token_hex(8),
                              "issued": credential.iso(dt.datetime.fromtimestamp(attempt["submitted"], dt.UTC)),
                              "generation": generation, "index": index, "list": ctx.list_url}
    token = _sign(ctx, record, bank, attempt, learner, rule)
    record["sha256"] = credential.sha256(token)
    ctx.store.save(record["id"], "jwt", token.encode(), new=True)
    return token, record


def _sign(ctx: Context, record: dict[str, Any], bank: dict[str, Any], attempt: dict[str, Any],
          learner: credential.Learner, rule: dict[str, float]) -> str:
    assert ctx.signer is not None
    issued = dt.datetime.strptime(record["issued"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    status = status_list.entry(record["list"], record["index"]) if record.get("list") else None
    details = credential.Issue(record["id"], credential.subject_id(ctx.secret, learner.key), record["salt"], issued, status)
    return credential.sign(credential.build_credential(bank, attempt, learner, ctx.signer, details, rule), ctx.signer)


def fetch(ctx: Context, record: dict[str, Any], bank: dict[str, Any], attempt: dict[str, Any],
          learner: credential.Learner, rule: dict[str, float]) -> str:
    """The issued token: the stored file when its hash is the recorded one, else rebuilt and checked."""
    data = ctx.store.load(record["id"], "jwt")
    if data is not None and credential.sha256(data.decode("utf-8", "replace")) == record["sha256"]:
        return data.decode()
    if ctx.signer is not None:
        token = _sign(ctx, record, bank, attempt, learner, rule)
        if credential.sha256(token) == record["sha256"]:
            ctx.store.save(record["id"], "jwt", token.encode())
            return token
    raise IssueError("credential_missing")


def certificate_png(ctx: Context, record: dict[str, Any], token: str, bank: dict[str, Any], learner_name: str) -> bytes:
    """The certificate: the stored PNG, or drawn once and stored (the record's ``png_sha256`` checks it)."""
    import hashlib

    data = ctx.store.load(record["id"], "png")
    if data is not None and hashlib.sha256(data).hexdigest() == record.get("png_sha256"):
        return data
    verify_url = ctx.signer.verify_url if ctx.signer else str(ctx.conf.get("VERIFY_URL") or "")
    payload = jwt.decode(token, options={"verify_signature": False})
    image = certificate.certificate_png(certificate_text(payload, token, bank, learner_name, verify_url))
    ctx.store.save(record["id"], "png", image)
    return image


def certificate_text(payload: dict[str, Any], token: str, bank: dict[str, Any], learner_name: str,
                     verify_url: str) -> certificate.CertificateText:
    """What the certificate prints, from the signed credential and the bank's names."""
    comps = {c["code"]: c for c in bank.get("competencies", [])}
    rows = []
    for res in payload["credentialSubject"]["result"]:
        code = (res.get("alignment") or [{}])[0].get("targetCode")
        if code in comps:
            comp = comps[code]
            rows.append((code, comp.get("name", ""), comp.get("level_name") or comp.get("level", ""), res.get("value", "")))
    issued = dt.datetime.strptime(payload["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return certificate.CertificateText(
        learner=learner_name, course=bank.get("course", {}).get("title", ""),
        profile=bank.get("profile", {}).get("name", ""), issuer=payload["issuer"].get("name", ""),
        date=issued.astimezone(VN_TIME).strftime("%d/%m/%Y"), credential_id=payload["id"],
        fingerprint=credential.digest(token), qr=credential.qr_text(payload["id"], token, verify_url), rows=rows,
        test=credential.TEST_MARK if payload["issuer"]["id"] == credential.TEST_ISSUER else "")


# --- revocation -----------------------------------------------------------------------


def revoke(ctx: Context, credential_id: str, staff: str, reason: str, now: float) -> int:
    """Revoke a credential this block issued (looked up in the store); returns its status index."""
    data = ctx.store.load(credential_id, "jwt")
    try:
        payload = jwt.decode(data or b"", options={"verify_signature": False})
        status = payload["credentialStatus"]
        index = int(status["statusListIndex"])
    except (jwt.PyJWTError, KeyError, TypeError, ValueError) as err:
        raise IssueError("unknown_credential", id=credential_id[:80]) from err
    if status.get("statusListCredential") != ctx.list_url or payload.get("id") != credential_id:
        raise IssueError("unknown_credential", id=credential_id[:80])
    if is_revoked(ctx, index):
        raise IssueError("already_revoked", id=credential_id[:80])
    note = {"credential_id": credential_id, "index": index, "by": staff, "reason": reason[:500],
            "at": credential.iso(dt.datetime.fromtimestamp(now, dt.UTC))}
    ctx.store.add_revocation(ctx.list_url, index, json.dumps(note, ensure_ascii=False).encode())
    return index


@functools.lru_cache(maxsize=8)
def _encoded(indexes: tuple[int, ...]) -> str:
    """Compressing the 8 MiB list takes ~25 ms: each process keeps the last few (immutable, bounded)."""
    return status_list.encode(indexes)


def status_list_token(ctx: Context, now: float) -> str:
    """The signed ``BitstringStatusListCredential`` of this block, current as of ``now``."""
    if ctx.signer is None:
        raise IssueError("no_signer")
    signer = ctx.signer
    issuer = {"id": signer.issuer_id, "type": ["Profile"], "name": signer.issuer_name}
    moment = dt.datetime.fromtimestamp(now, dt.UTC).replace(microsecond=0)
    listed = status_list.list_credential(ctx.list_url, issuer, [], moment, CREDENTIAL["status_list"].format(issuer=signer.issuer_name))
    listed["credentialSubject"]["encodedList"] = _encoded(tuple(ctx.store.revoked(ctx.list_url)))
    return credential.sign(listed, signer)
