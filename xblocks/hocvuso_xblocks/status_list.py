"""Revocation with a W3C Bitstring Status List v1.0.

Each block (one course's assessment) publishes one list with ``statusPurpose``
``revocation``: a bitstring of :data:`LIST_BITS` bits, bit *i* (the
most significant bit of byte 0 is index 0) set when the credential holding
index *i* is revoked, GZIP-compressed and written as a multibase base64url
string (``u`` + base64url without padding) in a signed
``BitstringStatusListCredential``.  Each credential carries a
``BitstringStatusListEntry`` pointing at its bit.

Index allocation needs no shared counter and no lock: the index is a keyed
permutation (a four-round Feistel network over HMAC-SHA256) of
``user id × GENERATIONS + generation``.  A permutation never maps two inputs
to one index, so two learners never share a bit; the key comes from the
server secret and the list id, so an index reveals neither the user id nor
links one learner's credentials across courses; and the indexes are spread
over the whole list (the specification's herd privacy).  ``generation`` lets
a learner whose credential was revoked be issued a new one on another bit.
LMS user ids are integers; any other id (a workbench's) is hashed into the
range, where two ids may then collide — fine for demos, documented in the README.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import hashlib
import hmac
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

LIST_BITS = 1 << 26  # 8 MiB of bits; GZIP makes a sparse list a few KiB (the spec's minimum is 2**17)
GENERATIONS = 4  # credentials one learner can be issued in one course after revocations
USERS = LIST_BITS // GENERATIONS  # integer user ids below this map without collision (16.7 million)
PURPOSE = "revocation"
CONTEXT = "https://www.w3.org/ns/credentials/v2"


def _half_round(key: bytes, step: int, value: int, mask: int) -> int:
    mac = hmac.new(key, step.to_bytes(1, "big") + value.to_bytes(8, "big"), hashlib.sha256).digest()
    return int.from_bytes(mac[:8], "big") & mask


def permute(x: int, key: bytes, bits: int = LIST_BITS.bit_length() - 1) -> int:
    """A keyed bijection of ``[0, 2**bits)`` (balanced Feistel network, ``bits`` even)."""
    half = bits // 2
    mask = (1 << half) - 1
    left, right = x >> half, x & mask
    for step in range(4):
        left, right = right, left ^ _half_round(key, step, right, mask)
    return (left << half) | right


def user_number(user_key: str) -> int:
    """The LMS user id as a number below :data:`USERS` (hashed when it is not a small integer)."""
    if user_key.isdigit() and int(user_key) < USERS:
        return int(user_key)
    return int.from_bytes(hashlib.sha256(user_key.encode()).digest()[:8], "big") % USERS


def index_for(key: bytes, user_key: str, generation: int) -> int:
    """The status index of a learner's ``generation``-th credential in the list keyed by ``key``."""
    if not 0 <= generation < GENERATIONS:
        raise ValueError(f"generation must be in 0..{GENERATIONS - 1}")
    return permute(user_number(user_key) * GENERATIONS + generation, key)


def entry(list_url: str, index: int) -> dict[str, str]:
    """The credential's ``credentialStatus``: where its bit is."""
    return {"id": f"{list_url}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": PURPOSE,
            "statusListIndex": str(index), "statusListCredential": list_url}


def encode(indexes: Iterable[int], size: int = LIST_BITS) -> str:
    """``encodedList``: the bits of ``indexes`` set, GZIP (no timestamp: deterministic), multibase base64url."""
    bits = bytearray(size // 8)
    for index in indexes:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} is outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str, limit: int = LIST_BITS // 8) -> bytes:
    """The bitstring of an ``encodedList``; ValueError when it is malformed or larger than ``limit`` bytes."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (starting with 'u')")
    try:
        packed = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # GZIP framing
        bits = inflater.decompress(packed, limit + 1)  # never inflate more than the limit (a GZIP bomb)
    except (binascii.Error, zlib.error) as err:
        raise ValueError(f"encodedList is not base64url GZIP: {err}") from err
    if len(bits) > limit:
        raise ValueError(f"the status list is larger than {limit} bytes")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    """Whether bit ``index`` is set; IndexError when the list is shorter."""
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def list_credential(list_url: str, issuer: dict[str, Any], revoked: Iterable[int], updated: dt.datetime,
                    name: str) -> dict[str, Any]:
    """The ``BitstringStatusListCredential`` (to sign as a VC-JWT like the credentials it covers)."""
    return {
        "@context": [CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": updated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {"id": f"{list_url}#list", "type": "BitstringStatusList", "statusPurpose": PURPOSE,
                              "encodedList": encode(sorted(set(revoked)))},
    }
