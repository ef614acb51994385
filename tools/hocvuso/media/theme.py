"""One visual theme per learner group, shared by covers, thumbnails and slides."""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]

# One calm, high-contrast colour per learner group (white text passes WCAG AA on each).
GROUP_COLOURS: dict[str, RGB] = {
    "citizens": (0, 105, 92),
    "officials": (21, 67, 130),
    "students": (106, 27, 154),
    "workers": (176, 58, 0),
    "mentors": (93, 64, 55),
}
ACCENT: RGB = (255, 204, 0)  # the movement's yellow, used for rules and labels
MOVEMENT = "BÌNH DÂN HỌC VỤ SỐ"


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours of one learner group's media; ``ink`` on ``paper`` is at least 12:1."""

    group: str
    primary: RGB
    accent: RGB = ACCENT
    paper: RGB = (255, 255, 255)
    ink: RGB = (26, 26, 26)
    muted: RGB = (84, 84, 84)

    def key(self) -> str:
        """What the theme contributes to cache keys."""
        return f"{self.group}:{self.primary}:{self.accent}:{self.paper}:{self.ink}:{self.muted}"


def theme_for(group: str) -> Theme:
    """The group's theme; an unknown group gets a neutral dark grey.

    A translation ('citizens.km') and a course that extends another, named after
    it ('citizens-tra-vinh', 'students-primary'), take their base's theme, name
    included: the slides they share with it have the same cache keys and are
    rendered once.
    """
    for name in (group, group.partition(".")[0], group.partition("-")[0]):
        if name in GROUP_COLOURS:
            return Theme(name, GROUP_COLOURS[name])
    return Theme(group, (40, 40, 40))
