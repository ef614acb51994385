"""Checks of a built SCORM package that XSD validation alone misses, shared by the manifest tests."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
SCHEMA_SUFFIXES = (".xsd", ".dtd")
DRIVER = {
    "12": {"http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
           "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd"},
    "2004": {"http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
             "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
             "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd"},
}
SCHEMAVERSION = {"12": "1.2", "2004": "2004 4th Edition"}
SCORMTYPE = {"12": "{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype", "2004": "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType"}


def schema_errors(package: Path, version: str, work: Path) -> list[str]:
    """Validate the package's manifest with lxml against the schema files shipped in the package itself.

    libxml2 ignores xsi:schemaLocation, so a driver schema imports each namespace's file.
    """
    with zipfile.ZipFile(package) as zf:
        zf.extractall(work)
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in DRIVER[version].items())
    driver = work / "_driver.xsd"
    driver.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
    parser = etree.XMLParser(no_network=True, load_dtd=False)
    schema = etree.XMLSchema(etree.parse(str(driver), parser))
    schema.validate(etree.parse(str(work / "imsmanifest.xml"), parser))
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def semantic_errors(package: Path, version: str) -> list[str]:
    """What LMSs trip over that the XSDs allow: see shared/reference/scorm.md §1 and §5."""
    problems: list[str] = []
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
        raw = zf.read("imsmanifest.xml")
    root = etree.fromstring(raw)
    ns = {"cp": root.nsmap[None]}
    if names[0] != "imsmanifest.xml":
        problems.append("imsmanifest.xml is not the first entry")
    if not raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("manifest does not start with a UTF-8 XML declaration (or has a BOM)")
    bad_names = [n for n in names if not n.isascii() or "\\" in n or " " in n or n.startswith("/")]
    if bad_names:
        problems.append(f"zip names not ASCII/forward-slash/space-free: {bad_names}")
    version_text = root.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
    if version_text != SCHEMAVERSION[version]:
        problems.append(f"schemaversion is {version_text!r}")
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    problems += [f"identifier {i!r} is not an NCName" for i in ids if not NCNAME.match(i)]
    if len(ids) != len(set(ids)):
        problems.append("identifiers are not unique")
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", ns)}
    for item in root.iterfind(".//cp:item", ns):
        if item.get("identifierref") not in resources:
            problems.append(f"item {item.get('identifier')} points to missing resource {item.get('identifierref')}")
        if not (item.findtext("cp:title", namespaces=ns) or "").strip():
            problems.append(f"item {item.get('identifier')} has no title")
    first = root.find("cp:resources/cp:resource[@href]", ns)  # what openedx-scorm-xblock launches
    if first is None or first.get(SCORMTYPE[version]) != "sco" or first.get("href") != "index.html":
        problems.append("the first resource is not the launch SCO index.html")
    listed = [f.get("href") for f in root.iterfind("cp:resources/cp:resource/cp:file", ns)]
    if first is not None and (not listed or listed[0] != first.get("href")):
        problems.append("the launch page is not the first file listed")
    content = {n for n in names if n != "imsmanifest.xml" and not n.endswith(SCHEMA_SUFFIXES)}
    problems += [f"listed but missing: {n}" for n in sorted(set(listed) - set(names))]
    problems += [f"in the zip but not listed: {n}" for n in sorted(content - set(listed))]
    missing_schemas = [n for n in DRIVER[version].values() if n not in names]
    problems += [f"schema file missing at the root: {n}" for n in missing_schemas]
    return problems
