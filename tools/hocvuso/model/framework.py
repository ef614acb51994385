"""The skills framework: levels, domains, competencies and learner-group profiles."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Source:
    """A document that framework entries cite."""

    id: str
    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Level:
    """One of the 8 proficiency levels (bậc), e.g. CB2 = Cơ bản 2 = bậc 2."""

    code: str
    step: int
    tier: str
    name: str
    descriptor: str
    complexity: str = ""
    autonomy: str = ""
    cognitive: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Competency:
    """A component competency (năng lực thành phần), e.g. 4.2."""

    code: str
    name: str
    domain: str
    description: str = ""
    digcomp: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Domain:
    """A competence domain (miền năng lực), e.g. 4 An toàn."""

    code: str
    name: str
    description: str = ""
    source: str = ""
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PassRule:
    """When a learner is certified: shares of items right, per competency and overall."""

    competency_threshold: float = 0.6
    overall_threshold: float = 0.7
    min_items_per_competency: int = 5


@dataclass(frozen=True, slots=True)
class ProfileEntry:
    """A competency a learner group must reach, and at which level."""

    code: str
    level: str


@dataclass(frozen=True, slots=True)
class Profile:
    """What a learner group must reach for "phổ cập" (basic universal level)."""

    group: str
    name: str
    target_level: str
    pass_rule: PassRule
    entries: tuple[ProfileEntry, ...]
    description: str = ""
    basis: str = ""
    source: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.entries)

    def level_of(self, code: str) -> str | None:
        return next((e.level for e in self.entries if e.code == code), None)


@dataclass(slots=True)
class Framework:
    """The whole framework file, indexed by code."""

    version: str
    sources: dict[str, Source] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    competencies: dict[str, Competency] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    digest: str = ""
