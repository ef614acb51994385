"""``hocvuso verify``: check a certificate's Open Badges 3.0 credential (VC-JWT) offline.

Checks the signature (EdDSA or RS256; the key from ``--key`` or, failing
that, the one the credential carries, which proves only that the file is
intact) and the content: VCDM 2.0 contexts and types, issuer and JWT claims,
dates, and every achievement alignment against the framework (its code is a
competency, its CASE id is the one the compiler's CASE export gives it).

Every problem is a plain message; a broken file never raises.  The same
test-key seed as the XBlock package (hocvuso_xblocks.credential) is
repeated here, because the compiler must not depend on the XBlock package:
credentials signed with that public key are rejected.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hocvuso.identifiers import case_uri, ident

if TYPE_CHECKING:
    from pathlib import Path

CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0")
TEST_KEY_SEED = b"hocvuso public TEST key: credentials signed with it are not real"
ALGORITHMS = ("EdDSA", "RS256")
MAX_FILE = 1024 * 1024


@dataclass
class Report:
    """What verification found: problems make the credential invalid, notes do not."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    credential: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_file(path: Path, key_path: Path | None = None, competencies: set[str] | None = None,
                now: dt.datetime | None = None) -> Report:
    """Verify the VC-JWT in ``path`` (see module docstring); never raises for a bad file."""
    report = Report()
    try:
        if path.stat().st_size > MAX_FILE:
            report.problems.append(f"{path} is larger than 1 MiB: not a credential file")
            return report
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        report.problems.append(f"cannot read {path}: {err}")
        return report
    key = None
    if key_path is not None:
        key = _load_key(key_path, report)
        if key is None:
            return report
    return verify_token(token, key, competencies, now, report)


def verify_token(token: str, key: Any = None, competencies: set[str] | None = None, now: dt.datetime | None = None,
                 report: Report | None = None) -> Report:
    """Verify a compact JWS string; ``key`` is a public key object (None: use the embedded JWK)."""
    import jwt

    report = report or Report()
    if token.startswith("{"):
        report.problems.append("this is JSON, not a signed credential: verify the .jwt file the course gave you")
        return report
    parts = token.split(".")
    if len(parts) != 3:
        report.problems.append("not a compact JWS (expected three base64url parts separated by dots)")
        return report
    try:
        header = json.loads(_b64decode(parts[0]))
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
    except (ValueError, binascii.Error) as err:
        report.problems.append(f"the JWS header is not base64url JSON: {err}")
        return report
    alg = header.get("alg")
    if alg not in ALGORITHMS:
        report.problems.append(f"signature algorithm {alg!r} is not accepted (expected {' or '.join(ALGORITHMS)})")
        return report
    embedded = _embedded_key(header, report)
    if key is None:
        key = embedded
        if key is None:
            report.problems.append("no key: the credential carries no usable 'jwk' and no --key was given")
            return report
        report.notes.append("checked with the key inside the credential: this shows the file is intact, not who "
                            "issued it; pass --key with the issuer's published public key to check that")
    if _is_test_key(key):
        report.problems.append("signed with the public hocvuso TEST key: this is a demo credential, not a real one")
    try:
        payload = jwt.decode(token, key=key, algorithms=[alg], options={"verify_aud": False, "verify_exp": False,
                                                                         "verify_nbf": False, "verify_iat": False})
    except jwt.InvalidSignatureError:
        report.problems.append("the signature does not match: the file was changed or was signed with another key")
        return report
    except (jwt.PyJWTError, ValueError, TypeError) as err:
        report.problems.append(f"the signature cannot be checked: {err}")
        return report
    report.passed.append(f"signature valid ({alg}, key {header.get('kid', 'without kid')})")
    report.credential = payload
    _check_content(payload, competencies, now or dt.datetime.now(dt.UTC), report)
    return report


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _embedded_key(header: dict[str, Any], report: Report) -> Any:
    jwk = header.get("jwk")
    if jwk is None:
        return None
    try:
        return _key_from_jwk(jwk)
    except (ValueError, TypeError, KeyError, binascii.Error) as err:
        report.notes.append(f"the embedded jwk cannot be read: {err}")
        return None


def _key_from_jwk(jwk: dict[str, Any]) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if not isinstance(jwk, dict) or "d" in jwk:
        raise ValueError("a public JWK object is expected (a private key must never be published)")
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(_b64decode(jwk["x"]))
    if jwk.get("kty") == "RSA":
        n, e = (int.from_bytes(_b64decode(jwk[k]), "big") for k in ("n", "e"))
        return rsa.RSAPublicNumbers(e, n).public_key()
    raise ValueError(f"unsupported key type {jwk.get('kty')!r}")


def _load_key(path: Path, report: Report) -> Any:
    """A public key from a PEM file or a JWK JSON file."""
    from cryptography.hazmat.primitives import serialization

    try:
        data = path.read_bytes()
    except OSError as err:
        report.problems.append(f"cannot read the key {path}: {err}")
        return None
    try:
        if data.lstrip().startswith(b"{"):
            return _key_from_jwk(json.loads(data))
        if b"PRIVATE KEY" in data:
            report.problems.append(f"{path} is a private key: give the issuer's public key instead")
            return None
        return serialization.load_pem_public_key(data)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as err:
        report.problems.append(f"{path} is not a PEM public key or a JWK: {err}")
        return None


def _is_test_key(key: Any) -> bool:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    if not isinstance(key, ed25519.Ed25519PublicKey):
        return False
    test = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(TEST_KEY_SEED).digest()).public_key()
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    return key.public_bytes(*raw) == test.public_bytes(*raw)


# --- content -----------------------------------------------------------------------------


def _check_content(cred: dict[str, Any], competencies: set[str] | None, now: dt.datetime, report: Report) -> None:
    issuer_id = _check_envelope(cred, report)
    _check_dates(cred, now, report)
    codes = _check_subject(cred, competencies, report)
    issuer = cred.get("issuer")
    if not report.problems:
        report.passed.append(f"content valid: OpenBadgeCredential from {issuer_id} "
                             f"({issuer.get('name', '') if isinstance(issuer, dict) else ''}), competencies {', '.join(codes)}")


def _check_envelope(cred: dict[str, Any], report: Report) -> Any:
    """Contexts, types, issuer and the JWT claims that repeat them; returns the issuer id."""
    problems = report.problems
    context = cred.get("@context")
    if not (isinstance(context, list) and len(context) >= 2 and context[0] == CONTEXTS[0]
            and isinstance(context[1], str) and context[1].startswith(CONTEXTS[1])):
        problems.append(f"@context must start with {CONTEXTS[0]} and the Open Badges 3.0 context")
    types = cred.get("type") if isinstance(cred.get("type"), list) else []
    if not {"VerifiableCredential", "OpenBadgeCredential"} <= set(types):
        problems.append("type must include VerifiableCredential and OpenBadgeCredential")
    issuer = cred.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(issuer_id, str) or ":" not in issuer_id:
        problems.append("issuer has no id URI")
    elif cred.get("iss") != issuer_id:
        problems.append("the JWT 'iss' claim is not the issuer id")
    if not isinstance(cred.get("id"), str) or cred.get("jti") != cred.get("id"):
        problems.append("the JWT 'jti' claim is not the credential id")
    return issuer_id


def _check_subject(cred: dict[str, Any], competencies: set[str] | None, report: Report) -> list[str]:
    """The subject, its achievement, alignments and results; returns the aligned codes."""
    problems = report.problems
    subject = cred.get("credentialSubject")
    if not isinstance(subject, dict):
        problems.append("credentialSubject is missing")
        return []
    if "AchievementSubject" not in (subject.get("type") or []):
        problems.append("credentialSubject.type must include AchievementSubject")
    if cred.get("sub") != subject.get("id"):
        problems.append("the JWT 'sub' claim is not credentialSubject.id")
    achievement = subject.get("achievement")
    if not isinstance(achievement, dict):
        problems.append("credentialSubject.achievement is missing")
        return []
    for name in ("id", "name", "description", "criteria"):
        if not achievement.get(name):
            problems.append(f"achievement.{name} is missing")
    codes = _check_alignments(achievement, competencies, report)
    descriptions = {d.get("id") for d in achievement.get("resultDescription") or [] if isinstance(d, dict)}
    for result in subject.get("result") or []:
        if not isinstance(result, dict) or result.get("resultDescription") not in descriptions:
            problems.append("a result points at no resultDescription of the achievement")
    return codes


def _check_dates(cred: dict[str, Any], now: dt.datetime, report: Report) -> None:
    start = _date(cred.get("validFrom"))
    if start is None:
        report.problems.append("validFrom is missing or not an ISO 8601 date-time")
        return
    if start > now + dt.timedelta(minutes=5):
        report.problems.append(f"validFrom {cred['validFrom']} is in the future")
    if cred.get("nbf") != int(start.timestamp()):
        report.problems.append("the JWT 'nbf' claim is not validFrom")
    end = _date(cred.get("validUntil")) if cred.get("validUntil") else None
    if end is not None and end < now:
        report.problems.append(f"the credential expired on {cred['validUntil']}")


def _date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _check_alignments(achievement: dict[str, Any], competencies: set[str] | None, report: Report) -> list[str]:
    codes = []
    alignments = achievement.get("alignment") or []
    if not alignments:
        report.problems.append("the achievement is aligned to no competency")
    for align in alignments:
        if not isinstance(align, dict):
            report.problems.append("an alignment is not an object")
            continue
        code = align.get("targetCode")
        codes.append(str(code))
        if "Alignment" not in (align.get("type") or []) or not align.get("targetName") or not align.get("targetUrl"):
            report.problems.append(f"alignment {code}: type Alignment, targetName and targetUrl are required")
        if competencies is not None and code not in competencies:
            report.problems.append(f"alignment {code}: not a competency of the framework")
        if align.get("targetType") == "CFItem" and align.get("targetUrl") != case_uri("CFItems", ident("item", str(code))):
            report.problems.append(f"alignment {code}: targetUrl is not the CASE id of competency {code}")
    return codes


def framework_codes(courses: Path) -> set[str] | None:
    """Competency codes of courses/framework.yaml, or None when it is not there or does not load."""
    from hocvuso.diagnostics import Diagnostics
    from hocvuso.loader.framework import load_framework

    path = courses / "framework.yaml"
    if not path.is_file():
        return None
    framework = load_framework(path, Diagnostics())
    return set(framework.competencies) if framework is not None else None
