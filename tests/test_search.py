"""Search, as a reader uses it: type a query in a real browser, open what it finds."""

import functools
from urllib.parse import quote

import pytest

from search_quality import (GOAL_TOP3, measure, page_defining, ranked_pages, report, result_pages,
                            search_links)
import search_queries

QUERIES = [
    ("zh_CN", "梯度消失"),
    ("zh_CN", "激活函数"),
    ("en", "vanishing gradient"),
    ("en", "derivative"),
]


def run_search(page, server, language, query):
    """Hrefs of the results that the site's search page lists for ``query``."""
    return search_links(page, server, language, query)


@pytest.mark.parametrize(("language", "query"), QUERIES)
def test_search_finds_a_page_containing_the_query(page, server, language, query):
    results = run_search(page, server, language, query)
    assert results, f"searching {query!r} on the {language} site found nothing"
    assert not page.console_errors, page.console_errors
    page.goto(results[0].split("#")[0])
    body = page.inner_text("[role=main]")
    assert query.lower() in body.lower(), f"{results[0]} does not contain {query!r}"
    assert not page.offsite_requests, page.offsite_requests


# --- search quality: the right page among the first three ------------------------------------
# (language, query, the page it must find among the first three pages listed). Queries mix
# single words, Chinese compounds (which the browser must cut into the index's words), function
# names and mixed Latin/Chinese queries. Each expected page is the one a reader means: the page
# whose title or section says it, the function's entry in the API reference, or the glossary
# for a term (or a synonym) that only the glossary defines. Where a tutorial is about the very
# term (梯度消失, 神经元坏死), the tutorial is the page. "#activations.relu_grad" stands for
# the page that documents that function, wherever the API reference puts it.
EXPECTED = [
    ("en", "leaky_relu", "#activations.leaky_relu"),
    ("en", "softmax_jacobian", "#activations.softmax_jacobian"),
    ("en", "sigmoid_grad", "#activations.sigmoid_grad"),
    ("en", "tanh_grad", "#activations.tanh_grad"),
    ("en", "relu_grad", "#activations.relu_grad"),
    ("en", "API reference", "api.html"),
    ("en", "glossary", "glossary.html"),
    ("en", "dead neuron", "glossary.html"),
    ("en", "gallery", "auto_examples/index.html"),
    ("en", "where to start", "index.html"),
    ("en", "arbitrary-precision", "index.html"),
    ("en", "same curve", "auto_examples/plot_01_relu_sigmoid_tanh.html"),
    ("en", "Leaky ReLU", "auto_examples/plot_02_leaky_relu.html"),
    ("en", "ELU", "auto_examples/plot_03_elu.html"),
    ("en", "logits", "auto_examples/plot_04_softmax.html"),
    ("en", "rows sum to 1", "auto_examples/plot_04_softmax.html"),
    ("en", "closed forms", "auto_examples/plot_05_derivatives.html"),
    ("en", "vanishing gradient", "auto_examples/tutorials/plot_12_vanishing_gradients.html"),
    ("en", "numerical stability", "auto_examples/plot_06_numerical_stability.html"),
    ("zh_CN", "leaky_relu", "#activations.leaky_relu"),
    ("zh_CN", "softmax_jacobian", "#activations.softmax_jacobian"),
    ("zh_CN", "sigmoid_grad", "#activations.sigmoid_grad"),
    ("zh_CN", "API 参考", "api.html"),
    ("zh_CN", "梯度消失", "auto_examples/tutorials/plot_12_vanishing_gradients.html"),
    ("zh_CN", "神经元坏死", "auto_examples/tutorials/plot_13_dead_relu.html"),
    ("zh_CN", "数值稳定性", "auto_examples/plot_06_numerical_stability.html"),
    ("zh_CN", "术语表", "glossary.html"),
    ("zh_CN", "归一化指数函数", "glossary.html"),
    ("zh_CN", "示例库", "auto_examples/index.html"),
    ("zh_CN", "从哪里开始", "index.html"),
    ("zh_CN", "任意精度", "index.html"),
    ("zh_CN", "同一条曲线", "auto_examples/plot_01_relu_sigmoid_tanh.html"),
    ("zh_CN", "sigmoid 导数", "activations/sigmoid.html"),  # its formula, plot and pitfalls
    ("zh_CN", "Leaky ReLU", "auto_examples/plot_02_leaky_relu.html"),
    ("zh_CN", "softmax 温度", "auto_examples/plot_04_softmax.html"),
    ("zh_CN", "导数", "auto_examples/plot_05_derivatives.html"),
    ("zh_CN", "自动求导", "auto_examples/plot_05_derivatives.html"),
]


# The words of the newer tutorials, whose page must come first: a reader who types "SwiGLU"
# wants the tutorial on gated blocks, not only the function's entry in the API reference.
FIRST = [
    ("en", "SwiGLU", "auto_examples/tutorials/plot_18_gated_feed_forward.html"),
    ("zh_CN", "SwiGLU", "auto_examples/tutorials/plot_18_gated_feed_forward.html"),
    ("zh_CN", "门控前馈", "auto_examples/tutorials/plot_18_gated_feed_forward.html"),
    ("zh_CN", "软饱和", "auto_examples/tutorials/plot_19_saturation.html"),
    ("zh_CN", "硬饱和", "auto_examples/tutorials/plot_19_saturation.html"),
    ("en", "soft saturation", "auto_examples/tutorials/plot_19_saturation.html"),
    ("en", "Kaiming", "auto_examples/tutorials/plot_20_initialisation.html"),
    ("en", "Xavier", "auto_examples/tutorials/plot_20_initialisation.html"),
    ("zh_CN", "初始化", "auto_examples/tutorials/plot_20_initialisation.html"),
    ("en", "inplace", "auto_examples/tutorials/plot_21_pytorch_in_practice.html"),
    ("zh_CN", "原地操作", "auto_examples/tutorials/plot_21_pytorch_in_practice.html"),
    ("en", "bfloat16", "auto_examples/tutorials/plot_21_pytorch_in_practice.html"),
]


@pytest.fixture(scope="module")
def search_tab(browser, server):
    """One tab for all the searches below, recording console errors."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


@pytest.mark.parametrize(("language", "query", "expected"), EXPECTED,
                         ids=[f"{lang}-{query}" for lang, query, _ in EXPECTED])
def test_search_finds_the_right_page_among_the_first_three(search_tab, server, language, query,
                                                           expected):
    if expected.startswith("#"):
        expected = page_defining(expected, language)
    pages = ranked_pages(search_tab, server, language, query)
    assert expected in pages[:3], f"{language}: {query!r} lists {pages[:6]}"
    assert not search_tab.console_errors, search_tab.console_errors


@pytest.mark.parametrize(("language", "query", "expected"), FIRST,
                         ids=[f"{lang}-{query}" for lang, query, _ in FIRST])
def test_search_lists_the_page_on_the_topic_first(search_tab, server, language, query, expected):
    pages = ranked_pages(search_tab, server, language, query)
    assert pages[:1] == [expected], f"{language}: {query!r} lists {pages[:4]}"


def test_table_covers_both_languages():
    for language in ("en", "zh_CN"):
        assert sum(lang == language for lang, _, _ in EXPECTED) >= 15


# How the Chinese site cuts a query into words: into the index's own words (jieba's, with the
# glossary's terms), not the browser's (Intl.Segmenter cuts 神经元坏死 into 神经, 元, 坏死).
SPLITS = [
    ("神经元坏死", ["神经元坏死"]),
    ("梯度消失", ["梯度消失"]),
    ("双曲正切", ["双曲正切"]),
    ("坏死神经元", ["坏死", "神经元"]),
    ("sigmoid 导数", ["sigmoid", "导数"]),
    ("sigmoid导数", ["sigmoid", "导数"]),
    ("leaky_relu", ["leaky_relu"]),
    ("龘龘", ["龘龘"]),  # on no page: kept whole, so the search finds nothing
    # The glossary's terms are the index's words, found whole (jieba alone cuts 零中心 -> 中心).
    ("交叉熵", ["交叉熵"]),
    ("零中心", ["零中心"]),
    ("软饱和", ["软饱和"]),
    ("硬饱和", ["硬饱和"]),
    ("线性不可分", ["线性不可分"]),
    ("雅可比", ["雅可比"]),
    # Single characters that carry meaning stay in the query; grammar characters do not count.
    ("导函数", ["导函数"]),
    ("怎么选激活函数", ["怎么", "选", "激活函数"]),
    ("软", ["软"]),
]


def test_chinese_queries_are_cut_into_index_words(search_tab, server):
    search_tab.goto(f"{server}/zh_CN/search.html?q={quote('术语表')}")
    search_tab.wait_for_function("() => Search.hasIndex()")
    for query, words in SPLITS:
        assert search_tab.evaluate("q => splitQuery(q)", query) == words, query


# --- search quality as a figure: the readers' query set (tests/search_queries.py) ------------
def test_query_set_is_large_enough():
    for language in ("en", "zh_CN"):
        assert sum(lang == language for lang, _, _ in search_queries.QUERIES) >= 50, language
    assert len(search_queries.QUERIES) >= 100


def test_readers_queries_find_their_page_among_the_first_three(search_tab, server):
    figures = measure(functools.partial(ranked_pages, search_tab, server), search_queries.QUERIES)
    print("\n" + report(figures))
    assert not search_tab.console_errors, search_tab.console_errors
    for language, (top3, _mrr, _misses) in figures.items():
        assert top3 >= GOAL_TOP3, report(figures)


@pytest.mark.parametrize(("language", "query"), [
    ("en", "relu"), ("en", "vanishing gradient"), ("en", "softmax jacobian"),
    ("zh_CN", "梯度消失"), ("zh_CN", "sigmoid 导数"), ("zh_CN", "雅可比矩阵")])
def test_the_list_shows_the_ranking_the_figures_use(search_tab, server, language, query):
    listed = result_pages(search_links(search_tab, server, language, query), server, language)
    assert len(listed) > 3 and ranked_pages(search_tab, server, language, query) == listed


# --- how results read ------------------------------------------------------------------------
def result_items(tab):
    """(title, snippet) of every result once the snippets have arrived (an API object has none).

    A result's snippet is fetched as the result comes near the screen, so the tab scrolls to
    the first result without one until every result has one.
    """
    tab.wait_for_function(
        "() => { const items = [...document.querySelectorAll('#search-results ul.search li')];"
        " const waiting = items.find(li => !li.querySelector('p.context, span'));"
        " waiting?.scrollIntoView(); return items.length && !waiting; }", timeout=30_000)
    return tab.eval_on_selector_all(
        "#search-results ul.search li:has(p.context)",
        "lis => lis.map(li => [li.querySelector('a').textContent,"
        " li.querySelector('p.context').textContent])")


@pytest.mark.parametrize(("language", "query"), [("en", "temperature"), ("zh_CN", "温度")])
def test_snippets_start_at_the_match_not_at_the_gallery_note(search_tab, server, language, query):
    search_links(search_tab, server, language, query)
    items = result_items(search_tab)
    assert items
    note = "Go to the end" if language == "en" else "跳至文末"
    for title, snippet in items:
        assert note not in snippet, (title, snippet)
        assert query.lower() in snippet.lower(), (title, snippet)
    assert not search_tab.console_errors, search_tab.console_errors


def test_math_in_snippets_is_not_spread_out(search_tab, server):
    search_links(search_tab, server, "en", "relu")
    snippets = " ".join(snippet for _, snippet in result_items(search_tab))
    assert "max(0,x)" in snippets and "(   0" not in snippets


@pytest.mark.parametrize(("language", "example", "reference"),
                         [("en", "Softmax (example)", "Softmax (reference)"),
                          ("zh_CN", "Softmax（示例）", "Softmax（函数参考）")])
def test_results_of_the_same_title_say_which_is_which(search_tab, server, language, example,
                                                     reference):
    titles = [title for title, _ in (search_links(search_tab, server, language, "softmax")
                                     and result_items(search_tab))]
    assert example in titles and reference in titles, titles
    assert "Softmax" not in titles


def test_language_switch_keeps_the_query(search_tab, server):
    search_links(search_tab, server, "en", "vanishing gradient")
    search_tab.click(".language-switch a")
    search_tab.wait_for_url("**/zh_CN/search.html?q=*")
    assert search_tab.url.endswith("/zh_CN/search.html?q=" + quote("vanishing gradient"))
