"""The Open Badges 3.0 credential the block issues: what it says, where it is kept, how it is checked and revoked.

The rejection cases of ``hocvuso verify`` (forgeries, alg swaps, expiry, revocation) are
in ``tests/core/test_verify.py`` against hand-written tokens; here the block's own
credentials go through the same command.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

from hocvuso.identifiers import ident
from hocvuso_xblocks import certificate
from hocvuso_xblocks.credential import TEST_MARK
from tests.xblock.harness import operator_settings, passed_learner, payload, write

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("django_workbench")



def hocvuso_verify(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hocvuso", "verify", *map(str, args), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT, check=False)





def test_credential_is_an_aligned_open_badge(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    public = serialization.load_pem_public_key(issuer_key["public"].read_bytes())
    cred = jwt.decode(token, public, algorithms=["EdDSA"])
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
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
    items = h.block.min_items_per_competency
    assert achievement["criteria"]["narrative"].startswith(f"Bài đánh giá rút ngẫu nhiên ít nhất {items} câu")
    by_desc = {d["id"]: d for d in achievement["resultDescription"]}
    for result in subject["result"]:
        assert result["resultDescription"] in by_desc
    levels = [r for r in subject["result"] if "achievedLevel" in r]
    assert len(levels) == 3
    assert all(r["value"] == "100%" for r in levels)
    assert {r["achievedLevel"] for r in levels} == {d["requiredLevel"] for d in by_desc.values() if "requiredLevel" in d}
    status = cred["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListCredential"].endswith("/status_list")
    assert status["id"] == f"{status['statusListCredential']}#{status['statusListIndex']}"
    assert 0 <= int(status["statusListIndex"]) < 2**26


def test_kid_resolves_in_the_jwks_the_block_serves_and_verify_accepts_it(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    jwks = json.loads(h.download("jwks").body)
    kid = jwt.get_unverified_header(token)["kid"]
    assert kid.startswith(h.block._public_url("jwks") + "#")
    assert [k["kid"] for k in jwks["keys"]] == [kid] and "d" not in jwks["keys"][0]
    assert jwks["keys"][0]["alg"] == "EdDSA"
    profile = json.loads(h.download("issuer").body)
    assert profile["id"] == "https://hocvuso.example.vn/issuer" and profile["type"] == ["Profile"]
    done = hocvuso_verify(write(tmp_path / "c.jwt", token), "--jwks", write(tmp_path / "jwks.json", h.download("jwks").body))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("VALID") and "competencies 4.2, 1.1, 2.3" in done.stdout


def test_without_a_trusted_key_verify_never_says_valid(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    path = write(tmp_path / "c.jwt", h.download("credential").body)
    with_key = hocvuso_verify(path, "--key", issuer_key["public"])
    assert with_key.returncode == 0 and "HV940 Signature valid (EdDSA" in with_key.stdout
    without = hocvuso_verify(path)
    assert without.returncode == 1 and "HV906" in without.stderr
    assert without.stdout.rstrip().endswith("INVALID")


def test_staff_revoke_a_credential_and_the_status_list_says_so(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    cred_id = payload(token)["id"]
    path = write(tmp_path / "c.jwt", token)
    before = write(tmp_path / "before.jwt", h.download("status_list").body)
    assert hocvuso_verify(path, "--key", issuer_key["public"], "--status-list", before).returncode == 0

    status, body = h.call("revoke", {"credential_id": cred_id, "reason": "gian lận"})
    assert status == 403  # a learner cannot revoke
    status, body = h.as_staff().call("revoke", {"credential_id": cred_id, "reason": "gian lận"})
    assert status == 200, body
    assert h.call("revoke", {"credential_id": cred_id})[0] == 409  # revoked once, for good
    assert h.call("revoke", {"credential_id": "urn:uuid:00000000-0000-4000-8000-000000000000"})[0] == 404

    listed = h.download("status_list")
    assert listed.content_type == "application/vc+jwt"
    after = write(tmp_path / "after.jwt", listed.body)
    done = hocvuso_verify(path, "--key", issuer_key["public"], "--status-list", after)
    assert done.returncode == 1 and "HV917" in done.stderr, done.stdout + done.stderr
    h.as_staff(False).as_user("7")
    assert h.download("credential").status_code == 410
    assert "đã bị thu hồi" in h.view()


def test_rsa_keys_sign_rs256(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = write(tmp_path / "rsa.pem", key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    pub = write(tmp_path / "rsa.pub.pem", key.public_key().public_bytes(serialization.Encoding.PEM,
                                                                       serialization.PublicFormat.SubjectPublicKeyInfo))
    conf = {"hocvuso_assessment": {"PRIVATE_KEY_PATH": str(pem), "ISSUER_ID": "did:web:hocvuso.example.vn", "ISSUER_NAME": "Thử"}}
    with override_settings(XBLOCK_SETTINGS=conf):
        h = passed_learner(tmp_path, bank_policy)
        token = h.download("credential").body.decode()
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert hocvuso_verify(write(tmp_path / "r.jwt", token), "--key", pub).returncode == 0


def test_the_test_key_is_labelled_and_rejected_by_verify(tmp_path, bank_policy, django_workbench):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS={"hocvuso_assessment": {"ALLOW_TEST_KEY": True}}):
        h = passed_learner(tmp_path, bank_policy)
        token = h.download("credential").body.decode()
        png = h.download("certificate_png").body
        jwks = write(tmp_path / "jwks.json", h.download("jwks").body)
    assert TEST_MARK in payload(token)["name"]
    done = hocvuso_verify(write(tmp_path / "t.jwt", token), "--jwks", jwks)
    assert done.returncode == 1 and "HV914" in done.stderr
    assert Image.open(io.BytesIO(png)).size == certificate.SIZE


def test_the_published_files_are_the_ones_the_block_serves(tmp_path, bank_policy, xblock_settings, issuer_key):
    from django.test import override_settings

    url = "https://hocvuso.example.vn/hocvuso/jwks.json"
    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, JWKS_URL=url)):
        h = passed_learner(tmp_path, bank_policy)
        served = json.loads(h.download("jwks").body), json.loads(h.download("issuer").body)
        token = h.download("credential").body.decode()
    conf = xblock_settings["hocvuso_assessment"]
    done = subprocess.run([sys.executable, "-m", "hocvuso_xblocks.publish", "--key", conf["PRIVATE_KEY_PATH"],
                           "--issuer-id", conf["ISSUER_ID"], "--issuer-name", conf["ISSUER_NAME"], "--jwks-url", url,
                           "--out", str(tmp_path / "public")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    published = tuple(json.loads((tmp_path / "public" / name).read_text()) for name in ("jwks.json", "issuer.json"))
    assert published == served
    assert "PRIVATE" not in (tmp_path / "public" / "jwks.json").read_text() and '"d"' not in (tmp_path / "public" / "jwks.json").read_text()
    ok = hocvuso_verify(write(tmp_path / "c.jwt", token), "--jwks", tmp_path / "public" / "jwks.json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
