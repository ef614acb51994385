"""The Open Badges 3.0 credential the block issues: what it says, where it is kept, how it is checked and revoked.

The rejection cases of ``hocvuso verify`` (forgeries, alg swaps, expiry, revocation) are
in ``tests/core/test_verify.py`` against hand-written tokens; here the block's own
credentials go through the same command.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import subprocess
import sys
import uuid
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

from hocvuso.identifiers import ident
from hocvuso_xblocks import certificate, issuance
from hocvuso_xblocks.credential import TEST_MARK, digest, qr_text
from tests.xblock.harness import Harness, answers_for

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a server secret of at least thirty-two characters"
pytestmark = pytest.mark.usefixtures("django_workbench")


def passed_learner(tmp_path: Path, bank_policy, user: str = "7") -> Harness:
    bank, policy = bank_policy
    h = Harness(tmp_path, bank, policy, user_id=user)
    h.call("start")
    status, body = h.call("submit", {"form_id": h.block.form["form_id"], "answers": answers_for(h, bank)})
    assert (status, body["passed"]) == (200, True)
    return h


def hocvuso_verify(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hocvuso", "verify", *map(str, args), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def payload(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def operator_settings(conf: dict, **extra) -> dict:
    return {"hocvuso_assessment": {**conf["hocvuso_assessment"], **extra}}


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


def test_the_subject_id_is_an_hmac_of_the_user_id_under_the_server_secret(tmp_path, bank_policy, xblock_settings):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, SUBJECT_SECRET=SECRET)):
        h = passed_learner(tmp_path, bank_policy, user="7")
        subject = payload(h.download("credential").body.decode())["credentialSubject"]["id"]
    # Worked out here: HMAC-SHA256(key = HMAC-SHA256(secret, "hocvuso/subject"), "7"), first 16 bytes as a UUIDv8.
    key = hmac.new(SECRET.encode(), b"hocvuso/subject", hashlib.sha256).digest()
    raw = bytearray(hmac.new(key, b"7", hashlib.sha256).digest()[:16])
    raw[6], raw[8] = (raw[6] & 0x0F) | 0x80, (raw[8] & 0x3F) | 0x80
    assert subject == f"urn:uuid:{uuid.UUID(bytes=bytes(raw))}"
    assert uuid.UUID(subject[9:]).version == 8
    # The old scheme anyone could recompute from the user id is gone.
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/hocvuso/hocvuso/credentials")
    assert subject != f"urn:uuid:{uuid.uuid5(namespace, 'https://hocvuso.example.vn/issuer/learner/7')}"


def test_a_short_subject_secret_issues_nothing_and_tells_staff(tmp_path, bank_policy, xblock_settings):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, SUBJECT_SECRET="short")):
        h = passed_learner(tmp_path, bank_policy)
        assert h.download("credential").status_code == 409
        assert "SUBJECT_SECRET must be at least 32 characters" in h.as_staff().view("studio_view")


def test_the_state_keeps_a_small_record_and_the_file_lives_in_the_store(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    block = h.block
    record = block.credential_record
    assert record["id"] == payload(token)["id"]
    assert record["sha256"] == hashlib.sha256(token.encode()).hexdigest()
    assert not block.credential_jwt
    state = h.state()
    assert token not in json.dumps(state) and token.split(".")[2] not in json.dumps(state)
    assert len(json.dumps(record)) < 600  # kept on the passing attempt of the log, not a field of its own
    assert json.loads(state["attempt_log"])[0]["credential"] == record
    assert h.download("credential").body.decode() == token  # issued once: the same file every time


def test_a_lost_file_is_rebuilt_byte_for_byte_from_the_record(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    store = h.block._context().store
    path = Path(store._storage().path(store.name(h.block.credential_record["id"], "jwt")))
    assert path.read_text() == token
    path.unlink()
    assert h.download("credential").body.decode() == token  # deterministic signature, same inputs
    assert path.read_text() == token  # and stored again


def test_a_stored_file_that_was_changed_is_not_served(tmp_path, bank_policy, xblock_settings, issuer_key):
    h = passed_learner(tmp_path, bank_policy)
    token = h.download("credential").body.decode()
    store = h.block._context().store
    path = Path(store._storage().path(store.name(h.block.credential_record["id"], "jwt")))
    path.write_text(token[:-4] + "AAAA")
    assert h.download("credential").body.decode() == token  # the hash in the state wins: rebuilt


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


def test_with_jwks_url_set_the_kid_points_at_the_published_file(tmp_path, bank_policy, xblock_settings):
    from django.test import override_settings

    url = "https://hocvuso.example.vn/.well-known/jwks.json"
    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, JWKS_URL=url)):
        h = passed_learner(tmp_path, bank_policy)
        kid = jwt.get_unverified_header(h.download("credential").body.decode())["kid"]
        assert kid.startswith(url + "#")
        assert json.loads(h.download("jwks").body)["keys"][0]["kid"] == kid


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


def test_the_revoke_form_is_shown_to_staff_only(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    assert "hv-revoke" not in h.view()
    assert 'class="hv-revoke"' in h.as_staff().view()


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


def test_the_parsed_key_is_cached_per_file_and_a_replaced_file_is_read_again(tmp_path):
    import os

    from hocvuso_xblocks import credential

    def pem_of(key):
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())

    first, second = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    path = write(tmp_path / "k.pem", pem_of(first))
    conf = {"PRIVATE_KEY_PATH": str(path), "ISSUER_ID": "https://x.example"}
    a, _ = credential.load_signer(conf)
    b, _ = credential.load_signer(conf)
    assert a is not None and b is not None and a.key is b.key  # parsed once
    write(path, pem_of(second))
    os.utime(path, ns=(1, 1))  # a new modification time, as a key rotation gives
    c, _ = credential.load_signer(conf)
    assert c is not None and c.jwk != a.jwk


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
        assert "PRIVATE_KEY_PATH" not in json.loads(response.body)["error"]  # details go to staff and logs
        assert "no signing key configured" in h.as_staff().view("studio_view")
        assert not h.block.credential_record
        assert h.download("jwks").status_code == 404


def test_a_key_configured_later_issues_on_download(tmp_path, bank_policy, django_workbench, xblock_settings):
    from django.test import override_settings

    with override_settings(XBLOCK_SETTINGS={}):
        h = passed_learner(tmp_path, bank_policy)
    assert not h.block.credential_record
    assert h.download("credential").status_code == 200  # xblock_settings' key is back in force
    assert h.block.credential_record["id"].startswith("urn:uuid:")


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


def test_the_certificate_is_drawn_once_and_then_read_back(tmp_path, bank_policy, xblock_settings, monkeypatch):
    h = passed_learner(tmp_path, bank_policy)
    drawn = []
    real = certificate.certificate_png
    monkeypatch.setattr(certificate, "certificate_png", lambda info: drawn.append(info) or real(info))
    first = h.download("certificate_png")
    assert first.content_type == "image/png" and "attachment" in first.headers["Content-Disposition"]
    assert len(drawn) == 1
    assert h.block.credential_record["png_sha256"] == hashlib.sha256(first.body).hexdigest()
    assert h.download("certificate_png").body == first.body
    assert h.download("certificate_png").body == first.body
    assert len(drawn) == 1  # no drawing per download


def test_certificate_png_has_the_qr_of_the_credential(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    image = Image.open(io.BytesIO(h.download("certificate_png").body)).convert("L")
    assert image.size == (1600, 1131)
    token = h.download("credential").body.decode()
    cred_id = payload(token)["id"]
    text = qr_text(cred_id, token)
    assert text == f"{cred_id}#sha256={digest(token)}"
    assert read_qr(image, text) == certificate.qr_matrix(text)


def read_qr(image: Image.Image, text: str) -> list[list[bool]]:
    matrix = certificate.qr_matrix(text)
    x0, y0 = certificate.qr_origin(text)
    scale = certificate.QR_SCALE
    return [[image.getpixel((x0 + c * scale + scale // 2, y0 + r * scale + scale // 2)) < 128
             for c in range(len(matrix))] for r in range(len(matrix))]


def test_with_verify_url_set_the_qr_code_is_the_verification_link(tmp_path, bank_policy, xblock_settings):
    from django.test import override_settings

    url = "https://kiemtra.example.vn/?id={id}&sha256={sha256}"
    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, VERIFY_URL=url)):
        h = passed_learner(tmp_path, bank_policy)
        token = h.download("credential").body.decode()
        image = Image.open(io.BytesIO(h.download("certificate_png").body)).convert("L")
    expected = f"https://kiemtra.example.vn/?id={payload(token)['id']}&sha256={hashlib.sha256(token.encode()).hexdigest()[:32]}"
    assert qr_text(payload(token)["id"], token, url) == expected
    assert read_qr(image, expected) == certificate.qr_matrix(expected)


def test_the_status_list_bits_are_where_the_specification_puts_them():
    """Index 0 is the most significant bit of the first byte; GZIP, then multibase base64url ('u')."""
    import base64
    import gzip

    from hocvuso_xblocks import status_list

    encoded = status_list.encode([0, 9, 2**17 - 1], size=2**17)
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert encoded[0] == "u" and len(raw) == 2**17 // 8
    assert raw[0] == 0b1000_0000 and raw[1] == 0b0100_0000 and raw[-1] == 0b0000_0001
    assert sum(bin(b).count("1") for b in raw) == 3


def test_status_indexes_never_collide_and_hide_the_user_id():
    from hocvuso_xblocks import status_list

    key = b"k" * 32
    indexes = {status_list.index_for(key, str(uid), g) for uid in range(2000) for g in range(status_list.GENERATIONS)}
    assert len(indexes) == 2000 * status_list.GENERATIONS  # a permutation: no two credentials share a bit
    assert all(0 <= i < status_list.LIST_BITS for i in indexes)
    assert status_list.index_for(key, "1", 0) != status_list.index_for(b"x" * 32, "1", 0)  # keyed per list
    assert sorted(indexes)[len(indexes) // 2] > status_list.LIST_BITS // 4  # spread over the list, not 0..8000


def test_a_learner_whose_credential_was_revoked_gets_a_new_bit_when_issued_again(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    first = payload(h.download("credential").body.decode())
    assert h.as_staff().call("revoke", {"credential_id": first["id"]})[0] == 200
    block = h.block
    ctx = block._context()
    again, record = issuance.issue(ctx, block.bank, block.log[0], block._learner(), block._rule())
    assert record["generation"] == 1
    assert record["index"] != int(first["credentialStatus"]["statusListIndex"])
    assert payload(again)["credentialSubject"]["id"] == first["credentialSubject"]["id"]


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
