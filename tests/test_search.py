"""Search, as a reader uses it: type a query in a real browser, open what it finds."""

from urllib.parse import quote

import pytest

QUERIES = [
    ("zh_CN", "梯度消失"),
    ("zh_CN", "激活函数"),
    ("en", "vanishing gradient"),
    ("en", "derivative"),
]


def run_search(page, server, language, query):
    """Hrefs of the results that the site's search page lists for ``query``."""
    page.goto(f"{server}/{language}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results ul.search li').length > 0"
        " || /\\d/.test(document.querySelector('#search-results .search-summary')?.innerText ?? '')",
        timeout=20_000,
    )
    links = page.eval_on_selector_all("#search-results ul.search li > a", "as => as.map(a => a.href)")
    return links


@pytest.mark.parametrize(("language", "query"), QUERIES)
def test_search_finds_a_page_containing_the_query(page, server, language, query):
    results = run_search(page, server, language, query)
    assert results, f"searching {query!r} on the {language} site found nothing"
    assert not page.console_errors, page.console_errors
    page.goto(results[0].split("#")[0])
    body = page.inner_text("[role=main]")
    assert query.lower() in body.lower(), f"{results[0]} does not contain {query!r}"
    assert not page.offsite_requests, page.offsite_requests
