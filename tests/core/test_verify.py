"""``hocvuso verify``: VALID only against a trusted key; every forgery and every bad state is refused.

Keys are generated here; the credential and the status list are written by hand in
the test (not by the XBlock), so the verifier is checked against the specifications'
shapes, not against the code that issues them.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from hocvuso.commands.verify import TrustedKey, verify_token
from hocvuso.identifiers import case_uri, ident

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "https://so-gddt.example.vn/hocvuso/issuer"
JWKS_URL = "https://so-gddt.example.vn/hocvuso/jwks.json"
LIST_URL = "https://lms.example.vn/status/1"
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
ISSUED = dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.UTC)
INDEX = 94567  # the credential's status bit


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk_of(public) -> dict[str, str]:
    if isinstance(public, ed25519.Ed25519PublicKey):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))}
    numbers = public.public_numbers()
    return {"kty": "RSA", "n": b64(numbers.n.to_bytes(256, "big")), "e": b64(numbers.e.to_bytes(3, "big"))}


def credential(**changes) -> dict:
    """A minimal Open Badges 3.0 credential as the OB 3.0 and VC-JWT texts describe it."""
    cred = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:6a4c8f2e-0000-4000-8000-000000000001", "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Sở GDĐT thử"}, "validFrom": "2026-02-01T08:00:00Z",
        "credentialSubject": {"id": "urn:uuid:1b2c3d4e-0000-8000-8000-000000000002", "type": ["AchievementSubject"],
                              "achievement": {"id": "urn:uuid:a", "type": ["Achievement"], "name": "Chứng nhận hoàn thành khoá học",
                                              "description": "d", "criteria": {"narrative": "c"},
                                              "alignment": [{"type": ["Alignment"], "targetType": "CFItem", "targetCode": "4.2",
                                                             "targetName": "4.2 Bảo vệ dữ liệu cá nhân",
                                                             "targetUrl": case_uri("CFItems", ident("item", "4.2"))}],
                                              "resultDescription": [{"id": "urn:uuid:a:4.2"}]},
                              "result": [{"type": ["Result"], "resultDescription": "urn:uuid:a:4.2", "value": "100%"}]},
        "credentialStatus": {"id": f"{LIST_URL}#{INDEX}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                             "statusListIndex": str(INDEX), "statusListCredential": LIST_URL},
    }
    cred.update(changes)
    return {**cred, "iss": ISSUER, "jti": cred["id"], "sub": cred["credentialSubject"]["id"], "nbf": int(ISSUED.timestamp())}


class Issuer:
    """An issuer's key, published as a PEM file and a JWKS whose kid the credentials name."""

    def __init__(self, folder: Path, key) -> None:
        self.key, self.folder = key, folder
        self.alg = "EdDSA" if isinstance(key, ed25519.Ed25519PrivateKey) else "RS256"
        self.jwk = jwk_of(key.public_key())
        self.kid = f"{JWKS_URL}#key-1"

    def sign(self, claims: dict, **header) -> str:
        return jwt.encode(claims, self.key, algorithm=self.alg, headers={"kid": self.kid, "jwk": self.jwk, "typ": "JWT", **header})

    def pem(self) -> Path:
        path = self.folder / "issuer.pub.pem"
        path.write_bytes(self.key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        return path

    def jwks(self) -> Path:
        path = self.folder / "jwks.json"
        path.write_text(json.dumps({"keys": [{**self.jwk, "kid": self.kid, "alg": self.alg, "use": "sig"}]}))
        return path

    def status_list(self, revoked: set[int]) -> str:
        """The issuer's BitstringStatusListCredential: 2**17 bits, index 0 = most significant bit of byte 0."""
        bits = bytearray(2**17 // 8)
        for index in revoked:
            bits[index // 8] |= 0x80 >> (index % 8)
        encoded = "u" + b64(gzip.compress(bytes(bits)))
        listed = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": LIST_URL,
                  "type": ["VerifiableCredential", "BitstringStatusListCredential"], "issuer": {"id": ISSUER},
                  "validFrom": "2026-02-20T00:00:00Z",
                  "credentialSubject": {"id": f"{LIST_URL}#list", "type": "BitstringStatusList",
                                        "statusPurpose": "revocation", "encodedList": encoded}}
        return self.sign({**listed, "iss": ISSUER, "jti": LIST_URL})


@pytest.fixture(params=["Ed25519", "RSA"])
def issuer(request, tmp_path: Path) -> Issuer:
    key = ed25519.Ed25519PrivateKey.generate() if request.param == "Ed25519" else rsa.generate_private_key(65537, 2048)
    return Issuer(tmp_path, key)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def verify(folder: Path, token: str, *args: object, lang: str = "en") -> subprocess.CompletedProcess[str]:
    path = write(folder, "credential.jwt", token)
    env = {**os.environ, "HOCVUSO_LANG": lang}
    # --courses: a folder without framework.yaml (the framework check is tested through verify_token)
    return subprocess.run([sys.executable, "-m", "hocvuso", "verify", str(path), "--courses", str(folder), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, env=env, check=False)


def codes_of(token: str, issuer: Issuer, now: dt.datetime = NOW, status: str | None = None) -> list[str]:
    trusted = [TrustedKey(issuer.key.public_key(), issuer.kid)]
    report = verify_token(token, trusted, {"4.2"}, now, status=("list.jwt", status) if status else None)
    return report.codes()


def tamper_payload(token: str) -> str:
    """Change one byte of the payload's JSON ("100%" → "900%") and re-encode it."""
    head, payload, sig = token.split(".")
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).replace(b'"100%"', b'"900%"', 1)
    return f"{head}.{b64(data)}.{sig}"


# --- what is accepted ---------------------------------------------------------------------


def test_a_genuine_credential_is_valid_with_the_issuers_key_or_jwks(issuer, tmp_path):
    token = issuer.sign(credential())
    for args in (["--key", issuer.pem()], ["--jwks", issuer.jwks()]):
        done = verify(tmp_path, token, *args, "--status-list", write(tmp_path, "list.jwt", issuer.status_list({7})))
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.rstrip().endswith("VALID") and "INVALID" not in done.stdout
        assert f"HV940 Signature valid ({issuer.alg}" in done.stdout
        assert "HV942 Not revoked (status list issued 2026-02-20T00:00:00Z)" in done.stdout


def test_the_verdict_and_messages_come_in_vietnamese_too(issuer, tmp_path):
    done = verify(tmp_path, issuer.sign(credential()), "--key", issuer.pem(), lang="vi")
    assert done.returncode == 0
    assert "Chữ ký hợp lệ" in done.stdout and done.stdout.rstrip().endswith("HỢP LỆ")
    assert "HV919 Chưa kiểm tra việc thu hồi." in done.stdout  # no --status-list: said, not hidden
    bad = verify(tmp_path, issuer.sign(credential()), lang="vi")
    assert "HV906 Chưa có khoá tin cậy" in bad.stderr and bad.stdout.rstrip().endswith("KHÔNG HỢP LỆ")


# --- what is refused: one test per attack or bad state ------------------------------------------


def test_no_key_and_no_trusted_jwks_is_never_valid(issuer, tmp_path):
    done = verify(tmp_path, issuer.sign(credential()))
    assert done.returncode == 1
    assert "HV906" in done.stderr and "HV940" not in done.stdout
    assert done.stdout.rstrip().endswith("INVALID")


def test_a_changed_payload_byte_is_refused(issuer):
    assert codes_of(tamper_payload(issuer.sign(credential())), issuer) == ["HV912"]


def test_a_changed_signature_is_refused(issuer):
    head, payload, sig = issuer.sign(credential()).split(".")
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[0] ^= 0x01
    assert codes_of(f"{head}.{payload}.{b64(bytes(raw))}", issuer) == ["HV912"]


def test_alg_none_is_refused(issuer):
    token = jwt.encode(credential(), None, algorithm="none", headers={"kid": issuer.kid})
    assert codes_of(token, issuer) == ["HV905"]


def test_hs256_with_the_public_key_as_secret_is_refused(issuer):
    public_pem = issuer.pem().read_bytes()
    claims = b64(json.dumps(credential()).encode())
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": issuer.kid}).encode())
    signature = b64(hmac.new(public_pem, f"{head}.{claims}".encode(), hashlib.sha256).digest())
    assert codes_of(f"{head}.{claims}.{signature}", issuer) == ["HV905"]


def test_an_alg_swapped_to_the_other_accepted_algorithm_is_refused(issuer):
    head, payload, sig = issuer.sign(credential()).split(".")
    other = "RS256" if issuer.alg == "EdDSA" else "EdDSA"
    header = {**json.loads(base64.urlsafe_b64decode(head + "==")), "alg": other}
    assert codes_of(f"{b64(json.dumps(header).encode())}.{payload}.{sig}", issuer) == ["HV911"]


def test_a_credential_signed_by_another_key_is_refused(issuer, tmp_path):
    forger = Issuer(tmp_path, ed25519.Ed25519PrivateKey.generate() if issuer.alg == "EdDSA" else rsa.generate_private_key(65537, 2048))
    token = forger.sign(credential())
    assert codes_of(token, issuer) == ["HV912"]
    assert verify(tmp_path, token, "--key", issuer.pem()).returncode == 1


def test_a_forged_embedded_jwk_with_the_issuers_kid_is_refused(issuer, tmp_path):
    """The attack of issue 10: a forger signs with their key, embeds it as `jwk` and names the issuer's kid."""
    forger = Issuer(tmp_path, ed25519.Ed25519PrivateKey.generate() if issuer.alg == "EdDSA" else rsa.generate_private_key(65537, 2048))
    token = forger.sign(credential())  # forger.kid == issuer.kid, forger.jwk embedded
    assert jwt.get_unverified_header(token)["kid"] == issuer.kid
    assert codes_of(token, issuer) == ["HV912"]
    for args in ([], ["--jwks", issuer.jwks()]):
        assert verify(tmp_path, token, *args).returncode == 1


def test_a_kid_the_jwks_does_not_publish_is_refused(issuer, tmp_path):
    token = issuer.sign(credential(), kid=f"{JWKS_URL}#rotated-away")
    done = verify(tmp_path, token, "--jwks", issuer.jwks())
    assert done.returncode == 1 and "HV910" in done.stderr


def test_an_expired_credential_is_refused(issuer):
    expired = issuer.sign({**credential(validUntil="2026-02-15T00:00:00Z")})
    assert codes_of(expired, issuer) == ["HV915"]
    with_exp = issuer.sign({**credential(), "exp": int(dt.datetime(2026, 2, 15, tzinfo=dt.UTC).timestamp())})
    assert codes_of(with_exp, issuer) == ["HV915"]
    assert codes_of(expired, issuer, now=dt.datetime(2026, 2, 10, tzinfo=dt.UTC)) == []


def test_a_revoked_credential_is_refused(issuer, tmp_path):
    token = issuer.sign(credential())
    assert codes_of(token, issuer, status=issuer.status_list({INDEX})) == ["HV917"]
    assert codes_of(token, issuer, status=issuer.status_list({INDEX - 1, INDEX + 1})) == []
    done = verify(tmp_path, token, "--key", issuer.pem(), "--status-list", write(tmp_path, "l.jwt", issuer.status_list({INDEX})))
    assert done.returncode == 1 and "HV917 The issuer has revoked this credential" in done.stderr


def test_a_status_list_not_signed_by_the_issuer_is_refused(issuer, tmp_path):
    forger = Issuer(tmp_path, ed25519.Ed25519PrivateKey.generate() if issuer.alg == "EdDSA" else rsa.generate_private_key(65537, 2048))
    assert codes_of(issuer.sign(credential()), issuer, status=forger.status_list(set())) == ["HV931"]


def test_a_status_list_other_than_the_one_named_is_refused(issuer):
    other = credential()
    other["credentialStatus"] = {**other["credentialStatus"], "statusListCredential": "https://lms.example.vn/status/2"}
    assert codes_of(issuer.sign(other), issuer, status=issuer.status_list(set())) == ["HV932"]
    past_the_end = credential()
    past_the_end["credentialStatus"] = {**past_the_end["credentialStatus"], "statusListIndex": str(2**17)}
    assert codes_of(issuer.sign(past_the_end), issuer, status=issuer.status_list(set())) == ["HV932"]


def test_the_published_test_key_is_refused(tmp_path):
    test_key = ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(b"hocvuso public TEST key: credentials signed with it are not real").digest())
    demo = Issuer(tmp_path, test_key)
    assert "HV914" in codes_of(demo.sign(credential()), demo)


def test_unusable_files_and_keys_are_reported_without_a_traceback(issuer, tmp_path):
    token = issuer.sign(credential())
    private = write(tmp_path, "private.pem", issuer.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode())
    cases = [(("hello world",), "HV903"), (("!!!.e30.abc",), "HV904"), (('{"type": []}',), "HV902"),
             ((token, "--key", private), "HV908"), ((token, "--key", write(tmp_path, "junk.pem", "junk")), "HV907"),
             ((token, "--jwks", write(tmp_path, "junk.json", "{}")), "HV909")]
    for (text, *args), code in cases:
        done = verify(tmp_path, text, *args)
        assert done.returncode == 1 and code in done.stderr, (code, done.stderr)
        assert "Traceback" not in done.stderr
    missing = subprocess.run([sys.executable, "-m", "hocvuso", "verify", str(tmp_path / "none.jwt")], capture_output=True,
                             text=True, cwd=ROOT, check=False)
    assert missing.returncode == 1 and "HV900" in missing.stderr and "Traceback" not in missing.stderr


def test_content_rules_each_report_their_own_code(issuer):
    bad = credential(**{"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                        "validFrom": "2999-01-01T00:00:00Z"})
    bad["credentialSubject"]["achievement"]["alignment"][0]["targetCode"] = "9.9"
    token = issuer.sign({**bad, "iss": "https://other.example", "jti": "urn:x", "sub": "urn:y"})
    found = codes_of(token, issuer)
    for code in ("HV920", "HV921", "HV923", "HV916", "HV927", "HV928"):
        assert code in found, code
