"""The block's side of the credential: the subject id, where the files are kept, the certificate drawn once,
the QR code, the status list and its indexes.  Needs no compiler, so it also runs on Python 3.11
(make test-xblock-py311); what goes through ``hocvuso verify`` is in test_credential.py."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import uuid
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

from hocvuso_xblocks import certificate, issuance
from hocvuso_xblocks.credential import digest, qr_text
from tests.xblock.harness import operator_settings, passed_learner, payload, write

SECRET = "a server secret of at least thirty-two characters"
pytestmark = pytest.mark.usefixtures("django_workbench")






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


def test_with_jwks_url_set_the_kid_points_at_the_published_file(tmp_path, bank_policy, xblock_settings):
    from django.test import override_settings

    url = "https://hocvuso.example.vn/.well-known/jwks.json"
    with override_settings(XBLOCK_SETTINGS=operator_settings(xblock_settings, JWKS_URL=url)):
        h = passed_learner(tmp_path, bank_policy)
        kid = jwt.get_unverified_header(h.download("credential").body.decode())["kid"]
        assert kid.startswith(url + "#")
        assert json.loads(h.download("jwks").body)["keys"][0]["kid"] == kid


def test_the_revoke_form_is_shown_to_staff_only(tmp_path, bank_policy, xblock_settings):
    h = passed_learner(tmp_path, bank_policy)
    assert "hv-revoke" not in h.view()
    assert 'class="hv-revoke"' in h.as_staff().view()


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


def test_a_runtime_without_public_handlers_still_issues_without_a_status_entry(tmp_path, bank_policy, xblock_settings,
                                                                              monkeypatch):
    h = passed_learner(tmp_path, bank_policy)
    real = h.runtime.handler_url

    def no_public(block, name, suffix="", query="", thirdparty=False):
        if thirdparty:
            raise NotImplementedError("thirdparty handlers are not supported by this runtime")
        return real(block, name, suffix, query)

    monkeypatch.setattr(h.runtime, "handler_url", no_public)
    block = h.block
    ctx = block._context()
    assert ctx.list_url == ""
    token, _ = issuance.issue(ctx, block.bank, block.log[0], block._learner(), block._rule())
    assert "credentialStatus" not in payload(token)
    assert jwt.get_unverified_header(token)["kid"].startswith("https://hocvuso.example.vn/issuer#")
