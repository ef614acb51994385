"""imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th Edition.

One organization, one item, one SCO resource that lists every file of the
package with the launch page first.  The imscp elements stay in the default
namespace and the extensions use exactly the conventional prefixes (adlcp,
imsss, adlseq, adlnav), because Moodle's parser is not namespace-aware and
matches literal tag names.  No 1.2 ``masteryscore`` and no 2004
``satisfiedByMeasure``: the pass rule needs every competency's threshold too,
so the SCO decides success itself and the LMS must not override it from the
overall score alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from hocvuso.emitters.scorm.ids import objective_id, package_ids

if TYPE_CHECKING:
    from hocvuso.model import Course

XSI = "http://www.w3.org/2001/XMLSchema-instance"
LAUNCH = "index.html"


@dataclass(frozen=True, slots=True)
class Flavour:
    """What differs between the two SCORM versions' manifests."""

    version: str
    schemaversion: str
    namespaces: dict[str | None, str]
    locations: str
    scormtype_attr: str


SCORM12 = Flavour(
    "12", "1.2",
    {None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"},
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
    "scormtype",
)
SCORM2004 = Flavour(
    "2004", "2004 4th Edition",
    {None: "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
     "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3", "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
     "imsss": "http://www.imsglobal.org/xsd/imsss"},
    "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
    "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
    "scormType",
)
FLAVOURS = {"12": SCORM12, "2004": SCORM2004}


class _Maker:
    """Creates elements in the flavour's namespaces: 'item' or 'imsss:objective'."""

    def __init__(self, flavour: Flavour) -> None:
        self.ns = flavour.namespaces

    def qname(self, name: str) -> str:
        prefix, _, local = name.rpartition(":")
        return f"{{{self.ns[prefix or None]}}}{local}"

    def __call__(self, parent: etree._Element, name: str, attrs: dict[str, str] | None = None,
                 text: str | None = None) -> etree._Element:
        node = etree.SubElement(parent, self.qname(name), {self.qname(k) if ":" in k else k: v
                                                           for k, v in (attrs or {}).items()})
        node.text = text
        return node


def manifest_xml(course: Course, version: str, files: list[str]) -> bytes:
    """The manifest of ``course``'s package; ``files`` are every packaged file but the manifest and schemas."""
    flavour = FLAVOURS[version]
    ids = package_ids(course, version)
    make = _Maker(flavour)
    nsmap: dict[str | None, str] = {**flavour.namespaces, "xsi": XSI}
    # lxml takes None as the prefix of the default namespace; its stubs say str.
    root = etree.Element(make.qname("manifest"), {"identifier": ids.manifest, "version": "1.0"},
                         nsmap=nsmap)  # type: ignore[arg-type]
    root.set(f"{{{XSI}}}schemaLocation", flavour.locations)
    metadata = make(root, "metadata")
    make(metadata, "schema", text="ADL SCORM")
    make(metadata, "schemaversion", text=flavour.schemaversion)
    organizations = make(root, "organizations", {"default": ids.organization})
    org_attrs = {"identifier": ids.organization}
    if version == "2004":
        org_attrs["adlseq:objectivesGlobalToSystem"] = "false"
    organization = make(organizations, "organization", org_attrs)
    make(organization, "title", text=course.title)
    item = make(organization, "item", {"identifier": ids.item, "identifierref": ids.resource, "isvisible": "true"})
    make(item, "title", text=course.title)
    if version == "2004":
        _sequencing_2004(make, item, course)
        sequencing = make(organization, "imsss:sequencing")
        make(sequencing, "imsss:controlMode", {"choice": "true", "flow": "true"})
    resources = make(root, "resources")
    resource = make(resources, "resource", {"identifier": ids.resource, "type": "webcontent",
                                            f"adlcp:{flavour.scormtype_attr}": "sco", "href": LAUNCH})
    for href in ordered_files(files):
        make(resource, "file", {"href": href})
    # Double-quoted declaration, UTF-8 without BOM, as Moodle's and most parsers' examples expect.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, xml_declaration=False, encoding="UTF-8",
                                                                        pretty_print=True)


def ordered_files(files: list[str]) -> list[str]:
    """The launch page first, then every other file sorted."""
    return [LAUNCH, *sorted(f for f in set(files) if f != LAUNCH)]


def _sequencing_2004(make: _Maker, item: etree._Element, course: Course) -> None:
    """The primary objective (overall threshold) and one objective per competency of the course."""
    rule = course.certification.pass_rule
    sequencing = make(item, "imsss:sequencing")
    objectives = make(sequencing, "imsss:objectives")
    primary = make(objectives, "imsss:primaryObjective", {"satisfiedByMeasure": "false"})
    make(primary, "imsss:minNormalizedMeasure", text=_decimal(rule.overall_threshold))
    for code in course.competencies:
        objective = make(objectives, "imsss:objective", {"objectiveID": objective_id(code), "satisfiedByMeasure": "false"})
        make(objective, "imsss:minNormalizedMeasure", text=_decimal(rule.competency_threshold))
    make(sequencing, "imsss:deliveryControls", {"completionSetByContent": "true", "objectiveSetByContent": "true"})
    presentation = make(item, "adlnav:presentation")
    interface = make(presentation, "adlnav:navigationInterface")
    for control in ("previous", "continue"):  # one SCO: the LMS's own flow buttons would only confuse
        make(interface, "adlnav:hideLMSUI", text=control)


def _decimal(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
