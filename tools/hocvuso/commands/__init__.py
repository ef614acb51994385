"""Commands that sit on top of the pipeline: each module serves one sub-command
of :mod:`hocvuso.cli` (coverage, outline, preview, verify)."""
