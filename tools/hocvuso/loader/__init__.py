"""Loading: source files → the typed course model, with located diagnostics."""
