"""hocvuso: a course compiler for Vietnam's "Bình dân học vụ số" digital-skills movement."""

__version__ = "0.1.0"
