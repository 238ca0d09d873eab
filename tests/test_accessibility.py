"""axe-core, the accessibility engine browsers' own audits use, on every page of both languages.

axe-core comes from npm (package.json; `make test` installs it) and is injected from
node_modules into each page: nothing is fetched from another site. A page passes with no
violation of serious or critical impact; the moderate and minor ones are listed by
benchmarks-style output in the test log only when a serious one fails the test.
"""

import pytest

from conftest import HTML, LANGUAGES, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}

RUN = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.length,
    where: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def pages(language):
    return sorted(p.relative_to(HTML / language).as_posix()
                  for p in (HTML / language).rglob("*.html"))


@pytest.fixture(scope="module")
def violations(browser, server):
    """{(language, page): [violation]} for every page of both languages."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
    found = {}
    for language in LANGUAGES:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        for page in pages(language):
            tab.goto(f"{server}/{language}/{page}", wait_until="load")
            tab.add_script_tag(path=str(AXE))
            found[language, page] = tab.evaluate(RUN)
        context.close()
    return found


def test_axe_finds_what_it_should(browser):
    """A page with known faults: the check has teeth."""
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content('<html><body><img src="x.png"><a href="#"></a>'
                    '<p style="color:#999;background:#aaa">faint</p></body></html>')
    tab.add_script_tag(path=str(AXE))
    ids = {v["id"] for v in tab.evaluate(RUN) if v["impact"] in FAILING}
    assert {"image-alt", "link-name", "color-contrast"} <= ids, ids
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violations(violations, language):
    problems = [f"{language}/{page}: {v['id']} ({v['impact']}, {v['nodes']} nodes: {v['where']})"
                for (lang, page), found in violations.items() if lang == language
                for v in found if v["impact"] in FAILING]
    assert not problems, "\n".join(problems)
