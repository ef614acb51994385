"""Load only this package's workbench scenario.

The workbench's own start-up loads every installed XBlock class and stops at
the first that cannot import; ORA2 (installed for the OLX tests) needs apps
the workbench settings do not have.  So the tests and the test server list
the hocvuso scenario alone, exactly as the workbench would list it.
"""

from __future__ import annotations


def only_hocvuso() -> str:
    """Register the hocvuso_assessment scenario(s); return the first scenario's name."""
    from workbench import scenarios

    from hocvuso_xblocks.block import AssessmentBlock

    scenarios.SCENARIOS.clear()
    scenarios.add_class_scenarios("hocvuso_assessment", AssessmentBlock, fail_silently=False)
    scenarios.get_scenarios.initialized = True
    return "hocvuso_assessment.0"
