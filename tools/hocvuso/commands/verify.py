"""``hocvuso verify``: check a certificate's Open Badges 3.0 credential (VC-JWT) offline.

A credential is VALID only when its signature checks out against a key the
user trusts: the issuer's public key (``--key``, PEM or JWK) or the issuer's
JWK Set (``--jwks``, the key chosen by the header's ``kid``).  The key the
file itself carries (``jwk`` header) proves nothing — anyone can sign with
their own key and embed it — so it is never used to check the signature.
The algorithm comes from the trusted key (RSA → RS256, Ed25519 → EdDSA) and is
the only one PyJWT is allowed to use: ``none``, HMAC (``HS256`` with the
public key as the secret) and any swapped ``alg`` are refused.

Then the content: VCDM 2.0 contexts and types, issuer and the JWT claims
that repeat it, dates (``validFrom``, ``validUntil``/``exp``), every
achievement alignment against the framework, and — when the user gives the
issuer's status list (``--status-list``, a signed
``BitstringStatusListCredential`` checked with the same trusted key) — the
credential's revocation bit (W3C Bitstring Status List v1.0).

Every finding is a catalogue code (``diagnostics/codes.py``, HV9xx) with its
arguments; the CLI renders it in Vietnamese or English.  A broken file never
raises.  The XBlock's public test-key seed is repeated here (the compiler
must not depend on the XBlock package): credentials signed with it are rejected.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hocvuso.diagnostics import codes
from hocvuso.identifiers import case_uri, ident

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics.codes import Code

CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0")
TEST_KEY_SEED = b"hocvuso public TEST key: credentials signed with it are not real"
MAX_FILE = 1024 * 1024
MAX_STATUS_BITS = 1 << 27  # a status list larger than 16 MiB of bits is refused (a GZIP bomb)


@dataclass(frozen=True)
class Finding:
    """One catalogue code with the arguments of its message."""

    code: Code
    args: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.code.message(lang, self.args)

    def fix(self, lang: str) -> str:
        return self.code.fix(lang, self.args)


@dataclass
class Report:
    """What verification found: problems make the credential invalid, notes do not."""

    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    passed: list[Finding] = field(default_factory=list)
    credential: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """VALID needs a signature checked against a trusted key and no problem at all."""
        return not self.problems and any(f.code is codes.CRED_SIGNATURE_OK for f in self.passed)

    def problem(self, which: Code, /, **args: Any) -> None:
        self.problems.append(Finding(which, args))

    def codes(self) -> list[str]:
        return [f.code.id for f in self.problems]


@dataclass(frozen=True)
class TrustedKey:
    """A public key the user trusts, with the key id it was published under ('' for --key)."""

    key: Any
    kid: str = ""

    @property
    def alg(self) -> str:
        from cryptography.hazmat.primitives.asymmetric import ed25519

        return "EdDSA" if isinstance(self.key, ed25519.Ed25519PublicKey) else "RS256"


def verify_file(path: Path, key_path: Path | None = None, competencies: set[str] | None = None,
                now: dt.datetime | None = None, jwks_path: Path | None = None,
                status_path: Path | None = None) -> Report:
    """Verify the VC-JWT in ``path`` (see module docstring); never raises for a bad file."""
    report = Report()
    token = _read_text(path, report, codes.CRED_UNREADABLE)
    if token is None:
        return report
    trusted: list[TrustedKey] = []
    if key_path is not None:
        key = _load_key(key_path, report)
        if key is None:
            return report
        trusted.append(TrustedKey(key))
    if jwks_path is not None:
        keys = _load_jwks(jwks_path, report)
        if keys is None:
            return report
        trusted.extend(keys)
    status = None
    if status_path is not None:
        status = _read_text(status_path, report, codes.CRED_STATUS_LIST_BAD)
        if status is None:
            return report
    return verify_token(token, trusted, competencies, now, report, status=(str(status_path), status) if status else None)


def _read_text(path: Path, report: Report, code: Code) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE:
            report.problem(codes.CRED_TOO_LARGE, path=str(path))
            return None
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        report.problem(code, path=str(path), reason=_reason(err))
        return None


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err)


def verify_token(token: str, trusted: list[TrustedKey] | Any = None, competencies: set[str] | None = None,
                 now: dt.datetime | None = None, report: Report | None = None,
                 status: tuple[str, str] | None = None) -> Report:
    """Verify a compact JWS string against ``trusted`` keys (a list, or one public key object)."""
    report = report or Report()
    keys = _as_trusted(trusted)
    now = now or dt.datetime.now(dt.UTC)
    checked = _check_signature(token, keys, report)
    if checked is None:
        return report
    payload, key = checked
    report.credential = payload
    _check_content(payload, competencies, now, report)
    entry = payload.get("credentialStatus")
    if isinstance(entry, dict) and entry.get("type") == "BitstringStatusListEntry":
        if status is None:
            report.notes.append(Finding(codes.CRED_STATUS_NOT_CHECKED, {"url": entry.get("statusListCredential", "")}))
        else:
            _check_status(entry, payload, status, [key], now, report)
    return report


def _as_trusted(trusted: Any) -> list[TrustedKey]:
    if trusted is None:
        return []
    if isinstance(trusted, list):
        return [k if isinstance(k, TrustedKey) else TrustedKey(k) for k in trusted]
    return [TrustedKey(trusted)]


def _header(token: str, report: Report) -> dict[str, Any] | None:
    if token.startswith("{"):
        report.problem(codes.CRED_IS_JSON)
        return None
    parts = token.split(".")
    if len(parts) != 3:
        report.problem(codes.CRED_NOT_JWS)
        return None
    try:
        header = json.loads(_b64decode(parts[0]))
        if not isinstance(header, dict):
            raise ValueError("not an object")
    except (ValueError, binascii.Error) as err:
        report.problem(codes.CRED_BAD_HEADER, reason=str(err))
        return None
    return header


def _check_signature(token: str, keys: list[TrustedKey], report: Report) -> tuple[dict[str, Any], TrustedKey] | None:
    """The verified payload and the key that verified it, or None with the problem reported."""
    import jwt

    header = _header(token, report)
    if header is None:
        return None
    alg = header.get("alg")
    if alg not in ("EdDSA", "RS256"):
        report.problem(codes.CRED_ALG_REJECTED, alg=str(alg))
        return None
    if not keys:
        report.problem(codes.CRED_NO_TRUSTED_KEY)
        return None
    key = _choose(keys, header, report)
    if key is None:
        return None
    if alg != key.alg:
        report.problem(codes.CRED_ALG_MISMATCH, alg=alg, expected=key.alg)
        return None
    if _is_test_key(key.key):
        report.problem(codes.CRED_TEST_KEY)
    try:
        # Exactly one algorithm, the trusted key's: PyJWT refuses every other `alg`.  Dates are
        # checked below, against the credential's own fields, with catalogue messages.
        payload = jwt.decode(token, key=key.key, algorithms=[key.alg],
                             options={"verify_aud": False, "verify_exp": False, "verify_nbf": False,
                                      "verify_iat": False, "verify_iss": False, "verify_sub": False, "verify_jti": False})
    except (jwt.PyJWTError, ValueError, TypeError):
        report.problem(codes.CRED_BAD_SIGNATURE)
        return None
    if "jwk" in header and not _same_key(header["jwk"], key.key):
        report.problem(codes.CRED_EMBEDDED_JWK)
    report.passed.append(Finding(codes.CRED_SIGNATURE_OK, {"alg": key.alg, "kid": header.get("kid", "—")}))
    return payload, key


def _choose(keys: list[TrustedKey], header: dict[str, Any], report: Report) -> TrustedKey | None:
    """The trusted key for this header: --key always; from a JWKS, the one whose kid matches."""
    plain = [k for k in keys if not k.kid]
    if plain:
        return plain[0]
    kid = header.get("kid")
    match = next((k for k in keys if k.kid == kid), None)
    if match is None:
        report.problem(codes.CRED_UNKNOWN_KID, kid=str(kid))
    return match


def _same_key(jwk: Any, key: Any) -> bool:
    """Whether the header's ``jwk`` is the trusted key (compared as DER SubjectPublicKeyInfo)."""
    from cryptography.hazmat.primitives import serialization

    try:
        embedded = _key_from_jwk(jwk)
    except (ValueError, TypeError, KeyError, binascii.Error):
        return False
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return bool(embedded.public_bytes(*spki) == key.public_bytes(*spki))


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _key_from_jwk(jwk: Any) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if not isinstance(jwk, dict) or "d" in jwk:
        raise ValueError("a public JWK object is expected (a private key must never be published)")
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(_b64decode(jwk["x"]))
    if jwk.get("kty") == "RSA":
        n, e = (int.from_bytes(_b64decode(jwk[k]), "big") for k in ("n", "e"))
        if n.bit_length() < 2048:
            raise ValueError("an RSA key must have at least 2048 bits")
        return rsa.RSAPublicNumbers(e, n).public_key()
    raise ValueError(f"unsupported key type {jwk.get('kty')!r}")


def _load_key(path: Path, report: Report) -> Any:
    """A public key from a PEM file or a JWK JSON file."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    try:
        data = path.read_bytes()
    except OSError as err:
        report.problem(codes.CRED_UNREADABLE, path=str(path), reason=_reason(err))
        return None
    if b"PRIVATE KEY" in data or b'"d"' in data:
        report.problem(codes.CRED_PRIVATE_KEY, path=str(path))
        return None
    try:
        if data.lstrip().startswith(b"{"):
            return _key_from_jwk(json.loads(data))
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as err:
        report.problem(codes.CRED_KEY_UNREADABLE, path=str(path), reason=str(err).splitlines()[0] if str(err) else type(err).__name__)
        return None
    if not (isinstance(key, ed25519.Ed25519PublicKey) or (isinstance(key, rsa.RSAPublicKey) and key.key_size >= 2048)):
        report.problem(codes.CRED_KEY_UNREADABLE, path=str(path), reason="not Ed25519 or RSA ≥ 2048 bits")
        return None
    return key


def _load_jwks(path: Path, report: Report) -> list[TrustedKey] | None:
    """The public keys of a JWK Set file, each with its kid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["keys"]
        if not isinstance(entries, list) or not entries:
            raise ValueError("'keys' is not a non-empty list")
        keys = []
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("kid"):
                raise ValueError("every key needs a 'kid'")
            if "d" in entry:
                report.problem(codes.CRED_PRIVATE_KEY, path=str(path))
                return None
            keys.append(TrustedKey(_key_from_jwk(entry), str(entry["kid"])))
    except OSError as err:
        report.problem(codes.CRED_UNREADABLE, path=str(path), reason=_reason(err))
        return None
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as err:
        report.problem(codes.CRED_JWKS_UNREADABLE, path=str(path), reason=str(err))
        return None
    return keys


def _is_test_key(key: Any) -> bool:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    if not isinstance(key, ed25519.Ed25519PublicKey):
        return False
    test = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(TEST_KEY_SEED).digest()).public_key()
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    return key.public_bytes(*raw) == test.public_bytes(*raw)


# --- revocation (W3C Bitstring Status List v1.0) ---------------------------------------------


def _check_status(entry: dict[str, Any], cred: dict[str, Any], status: tuple[str, str], keys: list[TrustedKey],
                  now: dt.datetime, report: Report) -> None:
    """Check the credential's bit in the issuer's signed status list (the file the user gave)."""
    path, token = status
    sub = Report()
    checked = _check_signature(token, keys, sub)
    if checked is None:
        report.problem(codes.CRED_STATUS_LIST_UNSIGNED, path=path, codes=", ".join(sub.codes()))
        return
    listed, _ = checked
    found = listed.get("credentialSubject")
    subject: dict[str, Any] = found if isinstance(found, dict) else {}
    mismatch = _list_mismatch(listed, subject, entry, cred)
    if mismatch is not None:
        field_name, got, expected = mismatch
        report.problem(codes.CRED_STATUS_LIST_OTHER, path=path, field=field_name, found=json.dumps(got, ensure_ascii=False),
                       expected=json.dumps(expected, ensure_ascii=False))
        return
    url = entry.get("statusListCredential")
    try:
        bits = _decode_list(subject.get("encodedList"))
        index = int(entry.get("statusListIndex", ""))
        if index < 0:
            raise IndexError(index)
        revoked = bool(bits[index // 8] & (0x80 >> (index % 8)))
    except IndexError:
        report.problem(codes.CRED_STATUS_LIST_OTHER, path=path, field="length", found=len(bits) * 8,
                       expected=f"> {entry.get('statusListIndex')}")
        return
    except (ValueError, TypeError) as err:
        report.problem(codes.CRED_STATUS_LIST_BAD, path=path, reason=str(err))
        return
    if revoked:
        report.problem(codes.CRED_REVOKED, url=str(url), index=index)
    else:
        report.passed.append(Finding(codes.CRED_NOT_REVOKED, {"date": listed.get("validFrom", "?")}))


def _list_mismatch(listed: dict[str, Any], subject: dict[str, Any], entry: dict[str, Any],
                   cred: dict[str, Any]) -> tuple[str, Any, Any] | None:
    """The first way the list differs from the one the credential names: (field, found, expected), or None."""
    types = listed.get("type")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        return "type", types, ["VerifiableCredential", "BitstringStatusListCredential"]
    for field_name, got, expected in (("id", listed.get("id"), entry.get("statusListCredential")),
                                      ("issuer", _issuer_id(listed), _issuer_id(cred)),
                                      ("statusPurpose", subject.get("statusPurpose"), entry.get("statusPurpose"))):
        if got != expected:
            return field_name, got, expected
    return None


def _decode_list(encoded: Any) -> bytes:
    """The bitstring of a multibase (``u``) base64url GZIP ``encodedList``, at most 16 MiB."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    try:
        packed = _b64decode(encoded[1:])
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        bits = inflater.decompress(packed, MAX_STATUS_BITS // 8 + 1)
    except (binascii.Error, zlib.error, gzip.BadGzipFile) as err:
        raise ValueError(f"encodedList is not GZIP: {err}") from err
    if len(bits) > MAX_STATUS_BITS // 8:
        raise ValueError("the status list is too large")
    return bits


def _issuer_id(cred: dict[str, Any]) -> Any:
    issuer = cred.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


# --- content -----------------------------------------------------------------------------


def _check_content(cred: dict[str, Any], competencies: set[str] | None, now: dt.datetime, report: Report) -> None:
    before = len(report.problems)
    issuer_id = _check_envelope(cred, report)
    _check_dates(cred, now, report)
    codes_found = _check_subject(cred, competencies, report)
    issuer = cred.get("issuer")
    if len(report.problems) == before:
        name = issuer.get("name", "") if isinstance(issuer, dict) else ""
        report.passed.append(Finding(codes.CRED_CONTENT_OK, {"issuer": issuer_id, "name": name, "codes": ", ".join(codes_found)}))


def _check_envelope(cred: dict[str, Any], report: Report) -> Any:
    """Contexts, types, issuer and the JWT claims that repeat them; returns the issuer id."""
    context = cred.get("@context")
    if not (isinstance(context, list) and len(context) >= 2 and context[0] == CONTEXTS[0]
            and isinstance(context[1], str) and context[1].startswith(CONTEXTS[1])):
        report.problem(codes.CRED_CONTEXT)
    found = cred.get("type")
    types: list[Any] = found if isinstance(found, list) else []
    if not {"VerifiableCredential", "OpenBadgeCredential"} <= set(types):
        report.problem(codes.CRED_TYPE, field="type", types="VerifiableCredential, OpenBadgeCredential")
    issuer_id = _issuer_id(cred)
    if not isinstance(issuer_id, str) or ":" not in issuer_id:
        report.problem(codes.CRED_ISSUER)
    elif cred.get("iss") != issuer_id:
        report.problem(codes.CRED_CLAIM_MISMATCH, claim="iss", field="issuer.id")
    if not isinstance(cred.get("id"), str) or cred.get("jti") != cred.get("id"):
        report.problem(codes.CRED_CLAIM_MISMATCH, claim="jti", field="id")
    return issuer_id


def _check_subject(cred: dict[str, Any], competencies: set[str] | None, report: Report) -> list[str]:
    """The subject, its achievement, alignments and results; returns the aligned codes."""
    subject = cred.get("credentialSubject")
    if not isinstance(subject, dict):
        report.problem(codes.CRED_MISSING, field="credentialSubject")
        return []
    if "AchievementSubject" not in (subject.get("type") or []):
        report.problem(codes.CRED_TYPE, field="credentialSubject.type", types="AchievementSubject")
    if "id" in subject and cred.get("sub") != subject.get("id"):
        report.problem(codes.CRED_CLAIM_MISMATCH, claim="sub", field="credentialSubject.id")
    achievement = subject.get("achievement")
    if not isinstance(achievement, dict):
        report.problem(codes.CRED_MISSING, field="credentialSubject.achievement")
        return []
    for name in ("id", "name", "description", "criteria"):
        if not achievement.get(name):
            report.problem(codes.CRED_MISSING, field=f"achievement.{name}")
    found = _check_alignments(achievement, competencies, report)
    descriptions = {d.get("id") for d in achievement.get("resultDescription") or [] if isinstance(d, dict)}
    for result in subject.get("result") or []:
        if not isinstance(result, dict) or result.get("resultDescription") not in descriptions:
            report.problem(codes.CRED_DANGLING_RESULT)
    return found


def _check_dates(cred: dict[str, Any], now: dt.datetime, report: Report) -> None:
    start = _date(cred.get("validFrom"))
    if start is None:
        report.problem(codes.CRED_BAD_DATE, field="validFrom")
        return
    if start > now + dt.timedelta(minutes=5):
        report.problem(codes.CRED_NOT_YET_VALID, date=cred["validFrom"])
    if cred.get("nbf") != int(start.timestamp()):
        report.problem(codes.CRED_CLAIM_MISMATCH, claim="nbf", field="validFrom")
    if "validUntil" in cred:
        end = _date(cred.get("validUntil"))
        if end is None:
            report.problem(codes.CRED_BAD_DATE, field="validUntil")
        elif end < now:
            report.problem(codes.CRED_EXPIRED, date=cred["validUntil"])
            return
    exp = cred.get("exp")
    if isinstance(exp, int | float) and not isinstance(exp, bool) and exp < now.timestamp():
        report.problem(codes.CRED_EXPIRED, date=dt.datetime.fromtimestamp(exp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _check_alignments(achievement: dict[str, Any], competencies: set[str] | None, report: Report) -> list[str]:
    found = []
    alignments = achievement.get("alignment") or []
    if not alignments:
        report.problem(codes.CRED_NO_ALIGNMENT)
    for align in alignments:
        if not isinstance(align, dict):
            report.problem(codes.CRED_ALIGNMENT_FIELDS, code="?")
            continue
        code = str(align.get("targetCode"))
        found.append(code)
        if "Alignment" not in (align.get("type") or []) or not align.get("targetName") or not align.get("targetUrl"):
            report.problem(codes.CRED_ALIGNMENT_FIELDS, code=code)
        if competencies is not None and code not in competencies:
            report.problem(codes.CRED_UNKNOWN_COMPETENCY, code=code)
        if align.get("targetType") == "CFItem" and align.get("targetUrl") != case_uri("CFItems", ident("item", code)):
            report.problem(codes.CRED_CASE_MISMATCH, code=code)
    return found


def framework_codes(courses: Path) -> set[str] | None:
    """Competency codes of courses/framework.yaml, or None when it is not there or does not load."""
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.loader.framework import load_framework

    path = courses / "framework.yaml"
    if not path.is_file():
        return None
    framework = load_framework(path, Diagnostics())
    return set(framework.competencies) if framework is not None else None
