"""axe-core, the accessibility engine browsers' own audits use, on every page of both languages.

axe-core comes from npm (package.json; `make test` installs it) and is injected from
node_modules into each page during its one visit (tests/page_visits.py): nothing is fetched
from another site. A page passes with no violation of serious or critical impact.
"""

import pytest

from conftest import LANGUAGES
from page_visits import AXE, AXE_RUN

FAILING = {"serious", "critical"}


def test_axe_finds_what_it_should(browser):
    """A page with known faults: the check has teeth."""
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content('<html><body><img src="x.png"><a href="#"></a>'
                    '<p style="color:#999;background:#aaa">faint</p></body></html>')
    tab.add_script_tag(path=str(AXE))
    ids = {v["id"] for v in tab.evaluate(AXE_RUN) if v["impact"] in FAILING}
    assert {"image-alt", "link-name", "color-contrast"} <= ids, ids
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violations(visits, language):
    problems = [f"{language}/{page}: {v['id']} ({v['impact']}, {v['nodes']} nodes: {v['where']})"
                for page, visit in visits(language).items()
                for v in visit.axe if v["impact"] in FAILING]
    assert not problems, "\n".join(problems)
