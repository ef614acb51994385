"""Where issued credentials and their certificates are kept: one file each, not the learner's state.

Why files and not user state: a signed credential is ~10–35 KB and its PNG
certificate ~100 KB; Open edX loads a block's whole user state on every
view, so keeping them there slows every page for every passed learner.  The
state keeps only the credential's id, the SHA-256 of the file and what is
needed to rebuild it (see ``issuance``); the files live in Django's storage,
shared by every LMS process (S3, or the media folder), or in a private folder
of their own when the operator sets ``CREDENTIAL_DIR``.

File names are an HMAC of the credential id under the server secret: the id
is printed on the certificate, but knowing it does not give the file's name,
so even a storage served publicly (Tutor serves the media folder) does not
hand a learner's certificate to whoever reads its id.  Files are only ever
served through the block's handlers, to their learner.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

PREFIX = "hocvuso-credentials"


class CredentialStore:
    """Save and load the files of issued credentials (``kind``: 'jwt' or 'png')."""

    def __init__(self, conf: dict[str, Any], key: bytes) -> None:
        self._conf = conf
        self._key = key

    def _storage(self) -> Any:
        from django.core.files.storage import FileSystemStorage, default_storage

        folder = self._conf.get("CREDENTIAL_DIR")
        return FileSystemStorage(location=str(folder)) if folder else default_storage

    def name(self, credential_id: str, kind: str) -> str:
        digest = hmac.new(self._key, credential_id.encode(), hashlib.sha256).hexdigest()[:40]
        return f"{PREFIX}/{digest[:2]}/{digest}.{kind}"

    def save(self, credential_id: str, kind: str, data: bytes, new: bool = False) -> None:
        """Write (or replace) the file of a credential (``new``: a fresh random id, nothing to replace)."""
        self._write(self.name(credential_id, kind), data, new)

    def _write(self, name: str, data: bytes, new: bool = False) -> None:
        """Write (or replace) ``name``; Django's storages rename on a clash, so an old copy goes first."""
        from django.core.files.base import ContentFile

        storage = self._storage()
        if not new and storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # another process wrote it meanwhile: theirs is the same file
            storage.delete(saved)

    def load(self, credential_id: str, kind: str) -> bytes | None:
        """The file's bytes, or None when it is not there (or storage cannot be read)."""
        return self._read(self.name(credential_id, kind))

    # Revocations: one file per revoked status index in a folder per status list.  Each
    # revocation creates its own file, so concurrent revocations never lose one another.

    def _revocations(self, list_url: str) -> str:
        return f"{PREFIX}/revoked/{hmac.new(self._key, list_url.encode(), hashlib.sha256).hexdigest()[:40]}"

    def add_revocation(self, list_url: str, index: int, note: bytes) -> None:
        self._write(f"{self._revocations(list_url)}/{index}.json", note)

    def is_revoked(self, list_url: str, index: int) -> bool:
        try:
            return bool(self._storage().exists(f"{self._revocations(list_url)}/{index}.json"))
        except OSError:
            return False

    def revoked(self, list_url: str) -> list[int]:
        """Every revoked index of the list (one directory listing)."""
        try:
            _, names = self._storage().listdir(self._revocations(list_url))
        except (OSError, ValueError):  # no folder yet: nothing revoked
            return []
        return sorted(int(name[:-5]) for name in names if name.endswith(".json") and name[:-5].isdigit())

    def _read(self, name: str) -> bytes | None:
        storage = self._storage()
        try:
            with storage.open(name, "rb") as handle:
                return bytes(handle.read())
        except (OSError, ValueError):
            return None
