"""Open Badges 3.0 credentials for learners who pass, signed as VC-JWT.

The credential is an ``OpenBadgeCredential`` (VCDM 2.0 contexts,
``validFrom``) whose achievement is aligned to every certified competency
by its framework code and its CASE CFItem (the same UUIDv5 ids as the
compiler's CASE export), with the learner's per-competency results.  It is
signed as a compact JWS (EdDSA with Ed25519 keys, RS256 with RSA keys); the
header carries ``kid`` and the public ``jwk`` so anyone can check it offline.

Keys come from the operator (``XBLOCK_SETTINGS["hocvuso_assessment"]``).
Nothing here generates a key silently: without one, no credential is issued.
The only built-in key is the published *test* key, used when the operator
sets ``ALLOW_TEST_KEY`` for a workbench or demo; credentials signed with it
say so in their name and on the certificate, and ``hocvuso verify`` rejects them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

SETTINGS_KEY = "hocvuso_assessment"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = {"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
          "type": "1EdTechJsonSchemaValidator2019"}
# The published test key: anyone can derive it, so nothing it signs is worth anything.
TEST_KEY_SEED = b"hocvuso public TEST key: credentials signed with it are not real"
TEST_ISSUER = "urn:hocvuso:test-issuer"
TEST_MARK = "BẢN THỬ – KHÔNG CÓ GIÁ TRỊ"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/hocvuso/hocvuso/credentials")


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


def load_signer(conf: dict[str, Any]) -> tuple[Signer | None, str]:
    """The signer the operator configured, or None and the reason (shown to staff)."""
    path = str(conf.get("PRIVATE_KEY_PATH") or "")
    if path:
        issuer_id = str(conf.get("ISSUER_ID") or "")
        if ":" not in issuer_id:
            return None, "ISSUER_ID must be a URI (https://… or did:…) when PRIVATE_KEY_PATH is set"
        try:
            password = conf.get("PRIVATE_KEY_PASSWORD")
            key = serialization.load_pem_private_key(Path(path).read_bytes(), password.encode() if password else None)
        except (OSError, ValueError, TypeError) as err:
            return None, f"cannot read the private key {path}: {err}"
        return _signer(key, issuer_id, str(conf.get("ISSUER_NAME") or issuer_id), conf)
    if conf.get("ALLOW_TEST_KEY"):
        return _signer(test_private_key(), TEST_ISSUER, f"hocvuso ({TEST_MARK})", conf, test=True)
    return None, "no signing key configured (XBLOCK_SETTINGS['hocvuso_assessment']['PRIVATE_KEY_PATH'])"


def _signer(key: Any, issuer_id: str, name: str, conf: dict[str, Any], test: bool = False) -> tuple[Signer | None, str]:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        alg = "EdDSA"
    elif isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048:
        alg = "RS256"
    else:
        return None, "the private key must be Ed25519 or RSA of at least 2048 bits"
    public = public_jwk(key.public_key())
    kid = str(conf.get("KEY_ID") or f"{issuer_id}#{jwk_thumbprint(public)}")
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


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_bytes(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


# --- the credential --------------------------------------------------------------


@dataclass(frozen=True)
class Learner:
    """Who the credential is about: a stable LMS key (never shown) and the name printed."""

    key: str
    name: str


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_credential(bank: dict[str, Any], result: dict[str, Any], learner: Learner, signer: Signer,
                     issued: dt.datetime, rule: dict[str, float]) -> dict[str, Any]:
    """The OpenBadgeCredential for a passed attempt (``result`` from grading.grade)."""
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
    descriptions.append({"id": overall_id, "type": ["ResultDescription"], "name": "Tỉ lệ đúng toàn bài",
                         "resultType": "Percent", "requiredValue": str(round(rule["overall_threshold"] * 100)),
                         "valueMin": "0", "valueMax": "100"})
    results.append({"type": ["Result"], "resultDescription": overall_id, "value": str(round(result["share"] * 100))})
    title = f"Chứng nhận phổ cập kỹ năng số – {bank.get('profile', {}).get('name') or course.get('title', '')}"
    if signer.test:
        title = f"{TEST_MARK}: {title}"
    salt = secrets.token_hex(8)
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": issuer,
        "validFrom": iso(issued),
        "awardedDate": iso(issued),
        "credentialSchema": [SCHEMA],
        "credentialSubject": {
            "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{signer.issuer_id}/learner/{learner.key}')}",
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": True, "salt": salt,
                            "identityHash": name_hash(learner.name, salt)}],
            "achievement": {
                "id": achievement_id, "type": ["Achievement"], "achievementType": "Certificate",
                "name": title, "inLanguage": bank.get("course", {}).get("language", "vi"),
                "description": (f"Người học đạt mức phổ cập ở mọi năng lực của hồ sơ "
                                f"“{bank.get('profile', {}).get('name', '')}” trong bài đánh giá cuối khoá "
                                f"“{course.get('title', '')}”."),
                "criteria": {"narrative": criteria_text(rule)},
                "humanCode": course.get("key", ""),
                "creator": issuer,
                "alignment": alignments,
                "resultDescription": descriptions,
            },
            "result": results,
        },
    }


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
    return (f"Bài đánh giá rút ngẫu nhiên ít nhất {int(rule['min_items_per_competency'])} câu cho mỗi năng lực, "
            f"chấm trên máy chủ. Đạt khi mỗi năng lực đúng từ {round(rule['competency_threshold'] * 100)}% "
            f"và toàn bài đúng từ {round(rule['overall_threshold'] * 100)}%.")


def name_hash(name: str, salt: str) -> str:
    """OB 3.0 IdentityObject hash of a name: 'sha256$' + hex(SHA-256(name + salt)), name NFC and trimmed."""
    import unicodedata

    clean = " ".join(unicodedata.normalize("NFC", name).split())
    return "sha256$" + hashlib.sha256((clean + salt).encode()).hexdigest()


def sign(credential: dict[str, Any], signer: Signer) -> str:
    """The credential as a VC-JWT: the JSON plus iss/jti/nbf/sub claims, signed compact JWS."""
    issued = dt.datetime.strptime(credential["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    claims = {**credential, "iss": signer.issuer_id, "jti": credential["id"], "nbf": int(issued.timestamp()),
              "iat": int(issued.timestamp()), "sub": credential["credentialSubject"]["id"]}
    return jwt.encode(claims, signer.key, algorithm=signer.alg, headers={"kid": signer.kid, "jwk": signer.jwk, "typ": "JWT"})


def digest(token: str) -> str:
    """A short fingerprint of the signed credential, printed on the certificate and in its QR code."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def qr_text(credential_id: str, token: str, verify_url: str = "") -> str:
    """What the certificate's QR code holds: the operator's verification URL for this
    credential when configured, else the credential id and the fingerprint of its file."""
    fingerprint = digest(token)
    if verify_url:
        return verify_url.replace("{id}", credential_id).replace("{sha256}", fingerprint)
    return f"{credential_id}#sha256={fingerprint}"
