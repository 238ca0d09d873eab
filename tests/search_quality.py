"""Search quality, measured in a real browser: share of queries whose page is in the top 3, and MRR.

Shared by tests/test_search.py (which fails below the goal) and benchmarks/search.py (which prints
the figures for the README). The queries are in tests/search_queries.py.
"""

from pathlib import Path
from urllib.parse import quote

HTML = Path(__file__).resolve().parent.parent / "build" / "html"
GOAL_TOP3 = 0.95


def page_defining(anchor, language, html=HTML):
    """The page of the built site that holds the element with this id."""
    marker = f'id="{anchor.removeprefix("#")}"'
    pages = [p for p in (html / language).rglob("*.html") if marker in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, f"{anchor} is defined on {pages}"
    return pages[0].relative_to(html / language).as_posix()


def search_links(tab, server, language, query):
    """Hrefs of every result that the site's search page lists for ``query``, in order."""
    tab.goto(f"{server}/{language}/search.html?q={quote(query)}")
    # The summary is written once the last result is listed (or none is found).
    tab.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary')?.innerText ?? '') !== ''",
        timeout=20_000,
    )
    return tab.eval_on_selector_all("#search-results ul.search li > a", "as => as.map(a => a.href)")


# The pages of the results in the order the search page lists them, from the page's own ranking
# (Sphinx's query parser and search with the site's changes, search-results.js), without
# waiting for the list to be drawn: 132 queries take 1 s instead of 66. tests/test_search.py
# checks that the drawn list shows the same order.
RANKED = """(query) => {
  const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] =
    Search._parseQuery(query);
  return Search._performSearch(searchQuery, searchTerms, excludedTerms, highlightTerms,
                               objectTerms).reverse().map(([docName]) => docName
                                                          + DOCUMENTATION_OPTIONS.FILE_SUFFIX);
}"""


def ranked_pages(tab, server, language, query):
    """The pages the site's search lists for ``query``, in order, each once."""
    search_page = f"{server}/{language}/search.html"
    if tab.url != search_page:
        tab.goto(search_page)
        tab.wait_for_function("() => Search.hasIndex()")
    return list(dict.fromkeys(tab.evaluate(RANKED, query)))


def result_pages(links, server, language):
    """The pages of the results, in order, each once (a page and its sections are one page)."""
    prefix = f"{server}/{language}/"
    pages = [link.split("#")[0].split("?")[0].removeprefix(prefix) for link in links]
    return list(dict.fromkeys(pages))


def rank(pages, expected, language):
    """1-based position of the expected page among the result pages, 0 if it is not listed."""
    if expected.startswith("#"):
        expected = page_defining(expected, language)
    return pages.index(expected) + 1 if expected in pages else 0


def measure(search, queries):
    """Per language: (top-3 share, MRR, misses) for ``search(language, query) -> pages``.

    A miss is (query, expected page, rank, the first three pages listed).
    """
    figures = {}
    for language in sorted({lang for lang, _, _ in queries}):
        ranks, misses = [], []
        for lang, query, expected in queries:
            if lang != language:
                continue
            pages = search(language, query)
            r = rank(pages, expected, language)
            ranks.append(r)
            if not 1 <= r <= 3:
                misses.append((query, expected, r, pages[:3]))
        top3 = sum(1 <= r <= 3 for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        figures[language] = (top3, mrr, misses)
    return figures


def report(figures):
    lines = []
    for language, (top3, mrr, misses) in figures.items():
        lines.append(f"{language}: top-3 {top3:.1%}, MRR {mrr:.3f}, {len(misses)} misses")
        lines += [f"    {q!r} -> {e} at rank {r or '-'}; first three {first}"
                  for q, e, r, first in misses]
    return "\n".join(lines)
