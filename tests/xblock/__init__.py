"""Tests of the hocvuso assessment XBlock (xblocks/) in the XBlock SDK workbench."""
