"""The framework and the course rubrics as 1EdTech CASE 1.1 packages (CFPackage JSON).

build/case/framework.json holds the framework: one CFDocument, domains and
competencies as CFItems linked by isChildOf, TT02 competencies linked to
DigComp 2.2 by exactMatchOf, and one CFRubric per competency whose eight
levels are the framework's bậc.  build/case/<group>.json adds the rubric
criteria of the course's practical tasks, each pointing at its competency.
Identifiers are UUIDv5 of stable names, so they never change between builds.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hocvuso.emitters.archive import epoch
from hocvuso.emitters.base import Emitter
from hocvuso.identifiers import FRAMEWORK_TITLE, case_uri, ident

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import CourseMedia
    from hocvuso.model import Course, Framework, Task

DIGCOMP_URL = "https://joint-research-centre.ec.europa.eu/digcomp/digcomp-framework_en"





def _link(title: str, kind: str, identifier: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": case_uri(kind, identifier)}


def _stamp() -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


class CaseBuilder:
    """Collects CFPackage parts for one framework."""

    def __init__(self, framework: Framework) -> None:
        self.fw = framework
        self.now = _stamp()
        self.doc_id = ident("document", framework.version)
        self.items: list[dict[str, object]] = []
        self.associations: list[dict[str, object]] = []
        self.rubrics: list[dict[str, object]] = []

    def document(self) -> dict[str, object]:
        tt02 = self.fw.sources.get("tt02")
        return {
            "identifier": self.doc_id, "uri": case_uri("CFDocuments", self.doc_id), "creator": "hocvuso",
            "title": FRAMEWORK_TITLE,
            "lastChangeDateTime": self.now, "caseVersion": "1.1", "language": "vi", "version": self.fw.version,
            "officialSourceURL": tt02.url if tt02 and tt02.url else None,
            "description": "Sáu miền, 24 năng lực thành phần và 8 bậc của Thông tư 02/2025/TT-BGDĐT, "
                           "cùng nhóm 0 (sử dụng thiết bị và phần mềm) của Quyết định 757/QĐ-BKHCN.",
        }

    def framework_items(self) -> None:
        doc = _link(self.document()["title"], "CFDocuments", self.doc_id)  # type: ignore[arg-type]
        for position, domain in enumerate(self.fw.domains.values(), 1):
            did = ident("item", domain.code)
            self._item(did, domain.name, domain.code, "Miền năng lực", domain.description)
            self._assoc("isChildOf", _link(domain.name, "CFItems", did), doc, position)
            for number, code in enumerate(domain.competencies, 1):
                comp = self.fw.competencies[code]
                cid = ident("item", code)
                self._item(cid, comp.name, code, "Năng lực thành phần", comp.description)
                self._assoc("isChildOf", _link(comp.name, "CFItems", cid), _link(domain.name, "CFItems", did), number)
                if comp.digcomp:
                    target = {"title": f"DigComp 2.2 {comp.digcomp}", "identifier": f"digcomp-2.2-{comp.digcomp}",
                              "uri": f"{DIGCOMP_URL}#{comp.digcomp}", "targetType": "ext:DigComp2.2"}
                    self._assoc("exactMatchOf", _link(comp.name, "CFItems", cid), target)
                self.rubrics.append(self._level_rubric(code))

    def _item(self, identifier: str, statement: str, code: str, item_type: str, notes: str) -> None:
        self.items.append({
            "identifier": identifier, "uri": case_uri("CFItems", identifier), "fullStatement": statement,
            "humanCodingScheme": code, "CFItemType": item_type, "language": "vi", "lastChangeDateTime": self.now,
            **({"notes": notes} if notes else {}),
        })

    def _assoc(self, kind: str, origin: dict[str, str], destination: dict[str, str], seq: int | None = None) -> None:
        aid = ident("association", kind, origin["identifier"], destination["identifier"])
        self.associations.append({
            "identifier": aid, "uri": case_uri("CFAssociations", aid), "associationType": kind,
            "originNodeURI": origin, "destinationNodeURI": destination, "lastChangeDateTime": self.now,
            **({"sequenceNumber": seq} if seq is not None else {}),
        })

    def _level_rubric(self, code: str) -> dict[str, object]:
        comp = self.fw.competencies[code]
        rid, crit = ident("rubric", code), ident("criterion", code)
        levels = [{
            "identifier": ident("level", code, lv.code), "uri": case_uri("CFRubricCriterionLevels", ident("level", code, lv.code)),
            "description": lv.descriptor, "quality": f"Bậc {lv.step} – {lv.name}", "score": float(lv.step),
            "position": lv.step, "rubricCriterionId": crit, "lastChangeDateTime": self.now,
        } for lv in self.fw.levels.values()]
        return {"identifier": rid, "uri": case_uri("CFRubrics", rid), "title": f"{code} {comp.name}: 8 bậc",
                "lastChangeDateTime": self.now, "CFRubricCriteria": [{
                    "identifier": crit, "uri": case_uri("CFRubricCriteria", crit), "category": code,
                    "description": comp.name, "CFItemURI": _link(comp.name, "CFItems", ident("item", code)),
                    "position": 1, "rubricId": rid, "lastChangeDateTime": self.now,
                    "CFRubricCriterionLevels": levels}]}

    def task_rubric(self, course: Course, task: Task) -> dict[str, object]:
        rid = ident("task", course.group, task.id)
        criteria = []
        for position, c in enumerate(task.criteria, 1):
            cid = ident("task", course.group, task.id, c.id)
            comp = self.fw.competencies.get(c.competency)
            criteria.append({
                "identifier": cid, "uri": case_uri("CFRubricCriteria", cid), "category": c.competency,
                "description": c.name, "weight": float(c.max_points), "position": position, "rubricId": rid,
                "CFItemURI": _link(comp.name if comp else c.competency, "CFItems", ident("item", c.competency)),
                "lastChangeDateTime": self.now,
                "CFRubricCriterionLevels": [{
                    "identifier": ident("task", course.group, task.id, c.id, str(n)),
                    "uri": case_uri("CFRubricCriterionLevels", ident("task", course.group, task.id, c.id, str(n))),
                    "quality": lv.name, "description": lv.explanation, "score": float(lv.points), "position": n,
                    "rubricCriterionId": cid, "lastChangeDateTime": self.now,
                } for n, lv in enumerate(c.levels, 1)],
            })
        return {"identifier": rid, "uri": case_uri("CFRubrics", rid), "title": task.title,
                "description": f"{course.title}: {task.title}", "lastChangeDateTime": self.now,
                "CFRubricCriteria": criteria}

    def package(self, extra_rubrics: list[dict[str, object]] = ()) -> dict[str, object]:  # type: ignore[assignment]
        document = {k: v for k, v in self.document().items() if v is not None}
        return {"CFDocument": document, "CFItems": self.items, "CFAssociations": self.associations,
                "CFRubrics": [*self.rubrics, *extra_rubrics]}


def framework_package(framework: Framework) -> dict[str, object]:
    builder = CaseBuilder(framework)
    builder.framework_items()
    return builder.package()


def course_package(course: Course) -> dict[str, object]:
    builder = CaseBuilder(course.framework)
    builder.framework_items()
    return builder.package([builder.task_rubric(course, t) for t in course.tasks])


def _dump(data: dict[str, object], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class CaseEmitter(Emitter):
    """1EdTech CASE 1.1 JSON of the framework and of each course's rubrics."""

    name = "case"
    description = "CASE 1.1 competency framework and rubrics"

    def outputs(self, group: str) -> list[str]:
        return [f"case/{group}.json"]

    def shared_outputs(self, framework: Framework) -> list[str]:
        return ["case/framework.json"]

    def emit(self, course: Course, media: CourseMedia, out: Path) -> None:
        _dump(course_package(course), out / "case" / f"{course.group}.json")

    def finish(self, framework: Framework, courses: list[Course], out: Path) -> None:
        _dump(framework_package(framework), out / "case" / "framework.json")
