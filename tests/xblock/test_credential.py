"""The Open Badges 3.0 credential, the certificate image, and ``hocvuso verify``."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from PIL import Image

from hocvuso.commands.verify import verify_file, verify_token
from hocvuso.identifiers import ident
from hocvuso_xblocks import certificate
from hocvuso_xblocks.credential import TEST_MARK, digest, qr_text
from tests.xblock.harness import Harness, answers_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("django_workbench")


def passed_learner(tmp_path: Path, bank_policy, user: str = "7") -> Harness:
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy, user_id=user)
    h.call("start")
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank)})
    assert (status, body["passed"]) == (200, True)
    return h


def hocvuso_verify(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hocvuso", "verify", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, check=False)


def test_credential_is_an_aligned_open_badge(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    public = serialization.load_pem_public_key(issuer_key["public"].read_bytes())
    cred = jwt.decode(token, public, algorithms=["EdDSA"])
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    assert header["kid"].startswith("https://hocvuso.example.vn/issuer#")
    assert header["jwk"]["kty"] == "OKP" and "d" not in header["jwk"]
    assert cred["@context"][:2] == ["https://www.w3.org/ns/credentials/v2",
                                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert cred["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert cred["issuer"]["id"] == cred["iss"] == "https://hocvuso.example.vn/issuer"
    assert cred["jti"] == cred["id"] and cred["id"].startswith("urn:uuid:")
    assert cred["validFrom"].endswith("Z") and cred["nbf"] > 1_700_000_000
    subject = cred["credentialSubject"]
    assert cred["sub"] == subject["id"]
    assert subject["identifier"][0]["identityHash"].startswith("sha256$")
    assert "XBlock User" not in json.dumps(cred)  # the name is only there hashed
    achievement = subject["achievement"]
    assert {(a["targetCode"], a["targetUrl"], a["targetType"]) for a in achievement["alignment"]} == {
        (code, f"urn:hocvuso:case:CFItems:{ident('item', code)}", "CFItem") for code in ("4.2", "1.1", "2.3")}
    assert achievement["criteria"]["narrative"].startswith("Bài đánh giá rút ngẫu nhiên ít nhất 3 câu")
    by_desc = {d["id"]: d for d in achievement["resultDescription"]}
    for result in subject["result"]:
        assert result["resultDescription"] in by_desc
    levels = [r for r in subject["result"] if "achievedLevel" in r]
    assert len(levels) == 3
    assert all(r["value"] == "100%" for r in levels)
    level_ids = {d["requiredLevel"] for d in by_desc.values() if "requiredLevel" in d}
    assert {r["achievedLevel"] for r in levels} == level_ids
    assert {a["targetCode"] for d in by_desc.values() for lv in d.get("rubricCriterionLevel", [])
            for a in lv["alignment"]} == {"4.2/CB2", "1.1/CB2", "2.3/CB2"}


def test_credential_is_issued_once(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    first = h.download("credential").body
    assert h.download("credential").body == first
    assert json.loads(h.download("credential", "json").body)["jti"] == jwt.decode(first, options={"verify_signature": False})["jti"]


def test_hocvuso_verify_accepts_the_real_credential(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    path = tmp_path / "chung-nhan.jwt"
    path.write_bytes(h.download("credential").body)
    done = hocvuso_verify(path, "--key", issuer_key["public"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "signature valid (EdDSA" in done.stdout
    assert "competencies 4.2, 1.1, 2.3" in done.stdout
    assert "HỢP LỆ / VALID" in done.stdout
    without_key = hocvuso_verify(path)
    assert without_key.returncode == 0
    assert "not who issued it" in without_key.stdout


def _tamper(token: str) -> str:
    head, payload, sig = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["credentialSubject"]["result"][0]["value"] = "100%" if data["credentialSubject"]["result"][0]["value"] != "100%" else "99%"
    data["credentialSubject"]["achievement"]["name"] += " (sửa)"
    body = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{head}.{body}.{sig}"


def test_hocvuso_verify_rejects_bad_credentials(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    other = ed25519.Ed25519PrivateKey.generate().public_key()
    (tmp_path / "other.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    cases = {
        "tampered.jwt": (_tamper(token), [], "signature does not match"),
        "other-key.jwt": (token, ["--key", tmp_path / "other.pem"], "signature does not match"),
        "garbage.jwt": ("hello world", [], "not a compact JWS"),
        "bad-header.jwt": ("!!!.e30.abc", [], "header is not base64url JSON"),
        "none.jwt": (jwt.encode({"a": 1}, None, algorithm="none"), [], "'none' is not accepted"),
        "hs256.jwt": (jwt.encode({"a": 1}, "x" * 32, algorithm="HS256"), [], "'HS256' is not accepted"),
        "plain.json": (json.dumps({"type": ["VerifiableCredential"]}), [], "this is JSON"),
        "private-key.jwt": (token, ["--key", issuer_key["private"]], "is a private key"),
        "bad-key.jwt": (token, ["--key", tmp_path / "garbage.jwt"], "not a PEM public key"),
    }
    for name, (text, _, _) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name, (_, extra, message) in cases.items():
        done = hocvuso_verify(tmp_path / name, *extra)
        assert done.returncode == 1, name
        assert message in done.stderr, (name, done.stderr)
        assert "Traceback" not in done.stderr
        assert "KHÔNG HỢP LỆ / INVALID" in done.stdout
    missing = hocvuso_verify(tmp_path / "missing.jwt")
    assert missing.returncode == 1 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr


def test_verify_checks_content_against_the_framework(tmp_path):
    """A correctly signed token whose content is wrong: each content rule reports its own problem."""
    key = ed25519.Ed25519PrivateKey.generate()
    bad = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"], "id": "urn:uuid:1",
           "issuer": {"id": "https://x.example"}, "iss": "https://other.example", "validFrom": "2999-01-01T00:00:00Z",
           "credentialSubject": {"id": "urn:uuid:2", "type": ["AchievementSubject"], "achievement": {
               "id": "urn:uuid:3", "name": "n", "description": "d", "criteria": {"narrative": "c"},
               "alignment": [{"type": ["Alignment"], "targetCode": "9.9", "targetName": "x", "targetType": "CFItem",
                              "targetUrl": f"urn:hocvuso:case:CFItems:{ident('item', '4.2')}"}]}}}
    token = jwt.encode(bad, key, algorithm="EdDSA")
    report = verify_token(token, key.public_key(), {"4.2", "1.1"})
    text = "\n".join(report.problems)
    for expected in ("@context", "OpenBadgeCredential", "'iss'", "'jti'", "in the future", "'sub'",
                     "9.9: not a competency", "9.9: targetUrl is not the CASE id"):
        assert expected in text, expected
    assert not report.ok


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rsa_keys_sign_rs256(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = tmp_path / "rsa.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    pub = tmp_path / "rsa.pub.pem"
    pub.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    conf = {"hocvuso_assessment": {"PRIVATE_KEY_PATH": str(pem), "ISSUER_ID": "did:web:hocvuso.example.vn", "ISSUER_NAME": "Thử"}}
    with override_settings(XBLOCK_SETTINGS=conf):
        h = passed_learner(tmp_path, bank_policy)
        token = h.download("credential").body.decode()
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert verify_file(_write(tmp_path / "r.jwt", token), pub).ok


def test_without_a_key_learners_pass_but_no_credential_is_issued(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS={}):
        h = passed_learner(tmp_path, bank_policy)
        assert h.block.passed
        assert h.grades()[-1] == {"value": 1.0, "max_value": 1.0}
        page = h.view()
        assert "chưa cấu hình khoá ký" in page
        assert "Tải giấy chứng nhận" not in page
        response = h.download("credential")
        assert response.status_code == 409
        assert "PRIVATE_KEY_PATH" in json.loads(response.body)["error"]
        assert "no signing key configured" in h.view("studio_view")
        assert not h.block.credential_jwt


def test_a_key_configured_later_issues_on_download(tmp_path, bank_policy, django_workbench, xblock_settings):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS={}):
        h = passed_learner(tmp_path, bank_policy)
    assert not h.block.credential_jwt
    assert h.download("credential").status_code == 200  # xblock_settings' key is back in force
    assert h.block.credential_jwt


def test_bad_key_configuration_is_reported_not_raised(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    cases = (({"PRIVATE_KEY_PATH": "/nonexistent.pem", "ISSUER_ID": "https://x"}, "cannot read the private key"),
             ({"PRIVATE_KEY_PATH": str(tmp_path / "scenario.xml")}, "ISSUER_ID must be a URI"))
    for n, (conf, words) in enumerate(cases):
        folder = tmp_path / f"case{n}"
        folder.mkdir()
        with override_settings(XBLOCK_SETTINGS={"hocvuso_assessment": conf}):
            h = passed_learner(folder, bank_policy)
            assert words in json.loads(h.download("credential").body)["error"]


def test_the_test_key_is_labelled_and_rejected_by_verify(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS={"hocvuso_assessment": {"ALLOW_TEST_KEY": True}}):
        h = passed_learner(tmp_path, bank_policy)
        token = h.download("credential").body.decode()
        png = h.download("certificate_png").body
    assert TEST_MARK in jwt.decode(token, options={"verify_signature": False})["name"]
    done = hocvuso_verify(_write(tmp_path / "t.jwt", token))
    assert done.returncode == 1
    assert "TEST key" in done.stderr
    assert Image.open(io.BytesIO(png)).size == certificate.SIZE


def test_certificate_png_has_the_qr_of_the_credential(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    response = h.download("certificate_png")
    assert response.content_type == "image/png"
    assert "attachment" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.body)).convert("L")
    assert image.size == (1600, 1131)
    token = h.download("credential").body.decode()
    cred_id = jwt.decode(token, options={"verify_signature": False})["id"]
    text = qr_text(cred_id, token)
    assert text == f"{cred_id}#sha256={digest(token)}"
    matrix = certificate.qr_matrix(text)
    x0, y0 = certificate.qr_origin(text)
    scale = certificate.QR_SCALE
    read = [[image.getpixel((x0 + c * scale + scale // 2, y0 + r * scale + scale // 2)) < 128
             for c in range(len(matrix))] for r in range(len(matrix))]
    assert read == matrix


def test_verify_url_goes_into_the_qr_code():
    assert qr_text("urn:uuid:abc", "t.o.k", "https://kiemtra.example.vn/?id={id}&h={sha256}") == (
        f"https://kiemtra.example.vn/?id=urn:uuid:abc&h={digest('t.o.k')}")
