"""hocvuso's Open edX XBlocks: the certification assessment (``hocvuso_assessment``).

Installs on its own into an Open edX LMS/CMS; it never imports the compiler.
The compiler hands it an item bank in the JSON format described in README.md.
"""

__version__ = "0.1.0"
