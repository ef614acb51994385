"""Open Badges 3.0 credentials for learners who pass, signed as VC-JWT.

The credential is an ``OpenBadgeCredential`` (VCDM 2.0 contexts,
``validFrom``) whose achievement is aligned to every certified competency
by its framework code and its CASE CFItem (the same UUIDv5 ids as the
compiler's CASE export), with the learner's per-competency results, and a
``BitstringStatusListEntry`` so the issuer can revoke it.  It is signed as a
compact JWS (RS256 with RSA keys — the Open Badges 3.0 baseline, recommended —
or EdDSA with Ed25519 keys); the header's ``kid`` resolves to the issuer's
published JWKS (a static file the operator publishes, and the block's
``jwks`` handler), and it also carries the public ``jwk`` for wallets; a
verifier must never trust that embedded key on its own.

Keys come from the operator (``XBLOCK_SETTINGS["hocvuso_assessment"]``).
Nothing here generates a key silently: without one, no credential is issued.
The only built-in key is the published *test* key, used when the operator
sets ``ALLOW_TEST_KEY`` for a workbench or demo; credentials signed with it
say so in their name and on the certificate, and ``hocvuso verify`` rejects them.

Building a credential is a pure function of its inputs (id, salt, dates,
result, status entry): EdDSA and RS256 (PKCS#1 v1.5) signatures are
deterministic, so the same inputs and key give the same token byte for byte
(the block relies on this to re-create a lost file and check it by its hash).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from hocvuso_xblocks.strings import CREDENTIAL

SETTINGS_KEY = "hocvuso_assessment"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = {"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
          "type": "1EdTechJsonSchemaValidator2019"}
# The published test key: anyone can derive it, so nothing it signs is worth anything.
TEST_KEY_SEED = b"hocvuso public TEST key: credentials signed with it are not real"
TEST_ISSUER = "urn:hocvuso:test-issuer"
TEST_MARK = "BẢN THỬ – KHÔNG CÓ GIÁ TRỊ"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/hocvuso/hocvuso/credentials")
MIN_SECRET = 32  # characters of SUBJECT_SECRET: an HMAC key shorter than this is guessable offline


@dataclass(frozen=True)
class Signer:
    """A private key with what the credential needs to name its issuer and key."""

    key: Any
    alg: str
    kid: str
    jwk: dict[str, str]
    issuer_id: str
    issuer_name: str
    verify_url: str = ""
    test: bool = False


def test_private_key() -> ed25519.Ed25519PrivateKey:
    """The published test key (derived from a public seed)."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(TEST_KEY_SEED).digest())


def load_signer(conf: dict[str, Any], jwks_url: str = "") -> tuple[Signer | None, str]:
    """The signer the operator configured, or None and the reason (shown to staff only).

    ``jwks_url`` is where the block serves its JWKS; the key id is ``KEY_ID`` when set,
    else ``<JWKS_URL or jwks_url>#<RFC 7638 thumbprint>``, so it resolves to a published key.
    """
    path = str(conf.get("PRIVATE_KEY_PATH") or "")
    if path:
        issuer_id = str(conf.get("ISSUER_ID") or "")
        if ":" not in issuer_id:
            return None, "ISSUER_ID must be a URI (https://… or did:…) when PRIVATE_KEY_PATH is set"
        password = conf.get("PRIVATE_KEY_PASSWORD")
        try:
            stat = os.stat(path)
            key, public, thumb = _read_key(path, stat.st_mtime_ns, stat.st_size, str(password) if password else None)
        except (OSError, ValueError, TypeError) as err:
            return None, f"cannot read the private key {path}: {err}"
        return _signer(key, public, thumb, issuer_id, str(conf.get("ISSUER_NAME") or issuer_id), conf, jwks_url)
    if conf.get("ALLOW_TEST_KEY"):
        key, public, thumb = _test_key()
        return _signer(key, public, thumb, TEST_ISSUER, f"hocvuso ({TEST_MARK})", conf, jwks_url, test=True)
    return None, "no signing key configured (XBLOCK_SETTINGS['hocvuso_assessment']['PRIVATE_KEY_PATH'])"


# Parsing a PEM costs 50+ ms for RSA (key checks), far more than signing, so each LMS process keeps
# the parsed key.  The cache is keyed by path, modification time and size: replacing the file
# (key rotation) is picked up on the next request without a restart.  It is small and bounded
# (a process sees one or two key files), holds only immutable values, and is the only
# process-wide state of the package; it is not shared between processes, so nothing can go stale
# across workers.
@functools.lru_cache(maxsize=4)
def _read_key(path: str, mtime_ns: int, size: int, password: str | None) -> tuple[Any, dict[str, str], str]:
    """The private key in ``path`` with its public JWK and thumbprint (``mtime_ns``/``size``: cache key only)."""
    with open(path, "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), password.encode() if password else None)
    if not (isinstance(key, ed25519.Ed25519PrivateKey) or (isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048)):
        raise ValueError("the private key must be RSA of at least 2048 bits (RS256) or Ed25519 (EdDSA)")
    public = public_jwk(key.public_key())
    return key, public, jwk_thumbprint(public)


@functools.lru_cache(maxsize=1)
def _test_key() -> tuple[Any, dict[str, str], str]:
    key = test_private_key()
    public = public_jwk(key.public_key())
    return key, public, jwk_thumbprint(public)


def _signer(key: Any, public: dict[str, str], thumb: str, issuer_id: str, name: str, conf: dict[str, Any],
            jwks_url: str, test: bool = False) -> tuple[Signer | None, str]:
    alg = "EdDSA" if isinstance(key, ed25519.Ed25519PrivateKey) else "RS256"
    base = str(conf.get("JWKS_URL") or jwks_url or issuer_id)
    kid = str(conf.get("KEY_ID") or f"{base}#{thumb}")
    return Signer(key, alg, kid, public, issuer_id, name, str(conf.get("VERIFY_URL") or ""), test), ""


def public_jwk(public: Any) -> dict[str, str]:
    """The public key as a JWK (RFC 7517 / RFC 8037)."""
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
    numbers = public.public_numbers()
    return {"kty": "RSA", "n": _b64(_int_bytes(numbers.n)), "e": _b64(_int_bytes(numbers.e))}


def jwk_thumbprint(jwk_: dict[str, str]) -> str:
    """RFC 7638 thumbprint: SHA-256 of the required members in lexical order."""
    required = {"OKP": ("crv", "kty", "x"), "RSA": ("e", "kty", "n")}[jwk_["kty"]]
    canonical = json.dumps({k: jwk_[k] for k in required}, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode()).digest())


def jwks(signer: Signer) -> dict[str, Any]:
    """The JWK Set the ``kid`` of every credential points into (served by the block, published by the operator)."""
    return {"keys": [{**signer.jwk, "kid": signer.kid, "alg": signer.alg, "use": "sig"}]}


def issuer_profile(signer: Signer) -> dict[str, Any]:
    """The issuer's Open Badges 3.0 Profile (what ``ISSUER_ID`` should serve)."""
    return {"@context": CONTEXTS, "id": signer.issuer_id, "type": ["Profile"], "name": signer.issuer_name}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_bytes(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


# --- who the credential is about ------------------------------------------------------


@dataclass(frozen=True)
class Learner:
    """Who the credential is about: a stable LMS key (never shown) and the name printed."""

    key: str
    name: str


def derived_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose (subject ids, status indexes, file names) from the server secret."""
    return hmac.new(secret, f"hocvuso/{purpose}".encode(), hashlib.sha256).digest()


def subject_id(secret: bytes, user_key: str) -> str:
    """``credentialSubject.id``: HMAC-SHA256 of the LMS user id under the server secret, as a UUIDv8 URN.

    Stable for one learner (a re-issued credential names the same subject) and not
    reversible without the secret, unlike a UUIDv5 of the user id, which anyone can
    recompute for every user id in seconds.
    """
    mac = bytearray(hmac.new(derived_key(secret, "subject"), user_key.encode(), hashlib.sha256).digest()[:16])
    mac[6] = (mac[6] & 0x0F) | 0x80  # version 8 (RFC 9562: custom)
    mac[8] = (mac[8] & 0x3F) | 0x80  # RFC 4122 variant
    return f"urn:uuid:{uuid.UUID(bytes=bytes(mac))}"


# --- the credential --------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """Everything that makes a credential unique: with the same values it is rebuilt byte for byte."""

    credential_id: str
    subject: str
    salt: str
    issued: dt.datetime
    status: dict[str, str] | None = None


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_credential(bank: dict[str, Any], result: dict[str, Any], learner: Learner, signer: Signer,
                     issue: Issue, rule: dict[str, float]) -> dict[str, Any]:
    """The OpenBadgeCredential for a passed attempt (``result`` from grading.grade); a pure function of its inputs."""
    course = bank.get("course", {})
    framework = bank.get("framework", {})
    issuer = {"id": signer.issuer_id, "type": ["Profile"], "name": signer.issuer_name}
    course_key = course.get("key", "")
    achievement_id = f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{signer.issuer_id}/achievement/{course_key}')}"
    comps = {c["code"]: c for c in bank["competencies"]}
    alignments, descriptions, results = [], [], []
    for res in result["competencies"]:
        comp = comps[res["code"]]
        align = alignment(comp, framework.get("title", ""))
        alignments.append(align)
        level_id = f"urn:uuid:{comp.get('level_case_id') or uuid.uuid5(NAMESPACE, comp['code'] + '/' + comp['level'])}"
        desc_id = f"{achievement_id}:{comp['code']}"
        descriptions.append({
            "id": desc_id, "type": ["ResultDescription"], "name": f"{comp['code']} {comp['name']}",
            "resultType": "RubricCriterionLevel", "requiredLevel": level_id, "alignment": [align],
            "rubricCriterionLevel": [{"id": level_id, "type": ["RubricCriterionLevel"], "name": comp.get("level_name") or comp["level"],
                                      "level": comp["level"], "alignment": [level_alignment(comp, framework.get("title", ""))]}],
        })
        results.append({"type": ["Result"], "resultDescription": desc_id, "achievedLevel": level_id,
                        "value": f"{round(res['share'] * 100)}%", "status": "Completed", "alignment": [align]})
    overall_id = f"{achievement_id}:tong"
    descriptions.append({"id": overall_id, "type": ["ResultDescription"], "name": CREDENTIAL["overall"],
                         "resultType": "Percent", "requiredValue": str(round(rule["overall_threshold"] * 100)),
                         "valueMin": "0", "valueMax": "100"})
    results.append({"type": ["Result"], "resultDescription": overall_id, "value": str(round(result["share"] * 100))})
    title = CREDENTIAL["name"].format(course=course.get("title", ""))
    if signer.test:
        title = f"{TEST_MARK}: {title}"
    profile = bank.get("profile", {}).get("name", "")
    credential = {
        "@context": CONTEXTS,
        "id": issue.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": issuer,
        "validFrom": iso(issue.issued),
        "awardedDate": iso(issue.issued),
        "credentialSchema": [SCHEMA],
        "credentialSubject": {
            **({"id": issue.subject} if issue.subject else {}),
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": True, "salt": issue.salt,
                            "identityHash": name_hash(learner.name, issue.salt)}],
            "achievement": {
                "id": achievement_id, "type": ["Achievement"], "achievementType": "Certificate",
                "name": title, "inLanguage": course.get("language", "vi"),
                "description": CREDENTIAL["description"].format(course=course.get("title", ""), profile=profile),
                "criteria": {"narrative": criteria_text(rule)},
                "humanCode": course_key,
                "creator": issuer,
                "alignment": alignments,
                "resultDescription": descriptions,
            },
            "result": results,
        },
    }
    if issue.status:
        credential["credentialStatus"] = issue.status
    return credential


def alignment(comp: dict[str, Any], framework_title: str) -> dict[str, Any]:
    """An Alignment to the competency's CASE CFItem (targetCode = the framework code)."""
    return {"type": ["Alignment"], "targetType": "CFItem", "targetCode": comp["code"],
            "targetName": f"{comp['code']} {comp['name']}", "targetUrl": comp["case_uri"],
            "targetFramework": framework_title}


def level_alignment(comp: dict[str, Any], framework_title: str) -> dict[str, Any]:
    return {"type": ["Alignment"], "targetType": "CFRubricCriterionLevel", "targetCode": f"{comp['code']}/{comp['level']}",
            "targetName": f"{comp['code']} – {comp.get('level_name') or comp['level']}",
            "targetUrl": comp.get("level_case_uri") or comp["case_uri"], "targetFramework": framework_title}


def criteria_text(rule: dict[str, float]) -> str:
    return CREDENTIAL["criteria"].format(items=int(rule["min_items_per_competency"]),
                                         competency=round(rule["competency_threshold"] * 100),
                                         overall=round(rule["overall_threshold"] * 100))


def name_hash(name: str, salt: str) -> str:
    """OB 3.0 IdentityObject hash of a name: 'sha256$' + hex(SHA-256(name + salt)), name NFC and trimmed."""
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    return "sha256$" + hashlib.sha256((clean + salt).encode()).hexdigest()


def sign(credential: dict[str, Any], signer: Signer) -> str:
    """The credential as a VC-JWT: the JSON plus iss/jti/nbf/iat/sub claims, signed compact JWS."""
    issued = dt.datetime.strptime(credential["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    claims = {**credential, "iss": signer.issuer_id, "jti": credential["id"], "nbf": int(issued.timestamp()),
              "iat": int(issued.timestamp())}
    subject = credential.get("credentialSubject", {}).get("id")
    if subject:
        claims["sub"] = subject
    return jwt.encode(claims, signer.key, algorithm=signer.alg, headers={"kid": signer.kid, "jwk": signer.jwk, "typ": "JWT"})


def sha256(token: str) -> str:
    """The full SHA-256 of the signed file, kept in the learner's state to check the stored copy."""
    return hashlib.sha256(token.encode()).hexdigest()


def digest(token: str) -> str:
    """A short fingerprint of the signed credential, printed on the certificate and in its QR code."""
    return sha256(token)[:32]


def qr_text(credential_id: str, token: str, verify_url: str = "") -> str:
    """What the certificate's QR code holds: the operator's verification URL for this
    credential when configured (``VERIFY_URL`` with ``{id}`` and ``{sha256}``), else the
    credential id and the fingerprint of its file."""
    fingerprint = digest(token)
    if verify_url:
        return verify_url.replace("{id}", credential_id).replace("{sha256}", fingerprint)
    return f"{credential_id}#sha256={fingerprint}"
