"""Write the issuer's public files for the operator to publish: ``jwks.json`` and ``issuer.json``.

``python -m hocvuso_xblocks.publish --key /openedx/keys/hocvuso-issuer.pem
--issuer-id https://lms.example.vn/hocvuso/issuer.json --issuer-name "Sở GD&ĐT …"
--jwks-url https://lms.example.vn/hocvuso/jwks.json --out public/``

The files are the ones the block's ``jwks`` and ``issuer`` handlers serve for
the same settings (same functions), so a credential's ``kid`` resolves in the
published JWKS as in the block's.  Only public values are written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hocvuso_xblocks import credential


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hocvuso_xblocks.publish", description=__doc__.split("\n")[0])
    parser.add_argument("--key", required=True, help="the issuer's private key (PEM; only its public half is written)")
    parser.add_argument("--password", default=None, help="the key's password, if it is encrypted")
    parser.add_argument("--issuer-id", required=True, help="ISSUER_ID: the URL where issuer.json is published")
    parser.add_argument("--issuer-name", default="", help="ISSUER_NAME")
    parser.add_argument("--jwks-url", required=True, help="JWKS_URL: the URL where jwks.json is published")
    parser.add_argument("--key-id", default="", help="KEY_ID, if the settings set one")
    parser.add_argument("--out", type=Path, default=Path("."), help="the folder to write into")
    args = parser.parse_args(argv)
    conf = {"PRIVATE_KEY_PATH": args.key, "PRIVATE_KEY_PASSWORD": args.password, "ISSUER_ID": args.issuer_id,
            "ISSUER_NAME": args.issuer_name, "JWKS_URL": args.jwks_url, "KEY_ID": args.key_id}
    signer, reason = credential.load_signer(conf)
    if signer is None:
        print(reason, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, document in (("jwks.json", credential.jwks(signer)), ("issuer.json", credential.issuer_profile(signer))):
        (args.out / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(args.out / name)
    print(f"kid: {signer.kid} ({signer.alg})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
