"""Whole-course checks: they read the loaded model and report problems that
need more than one file (duplicate ids, unlisted lessons, competencies a
lesson does not teach).  Checks never change the model."""

from hocvuso.checks.course import check_course

__all__ = ["check_course"]
