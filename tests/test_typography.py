"""Chinese typography of the rendered zh_CN pages, as a reader sees them.

The text of each page (code, formulas and scripts left out) is read block by block, and three
faults are looked for: a space next to full-width punctuation, a straight double quote in a block
of Chinese prose, and an ASCII colon or full stop right after a Chinese character.
"""

import re
from html.parser import HTMLParser

import pytest

from conftest import HTML

# <title> is left out too: its " - " between page and site is the theme's, in every language.
SKIPPED = {"pre", "code", "kbd", "samp", "math", "script", "style", "noscript", "svg", "template",
           "title"}
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div",
          "figcaption", "caption", "title", "section", "article", "aside", "header", "footer",
          "nav", "label", "button", "br", "table", "tr", "ul", "ol", "dl", "blockquote", "a"}
HAN = r"\u3400-\u9fff"
FULL_WIDTH = "，。；：！？、（）「」『』《》"
FAULTS = {
    "space next to full-width punctuation":
        re.compile(rf"[ \u00a0][{FULL_WIDTH}]|[{FULL_WIDTH}][ \u00a0]"),
    "straight double quote in Chinese prose": re.compile(rf'(?=.*[{HAN}]).*"'),
    "ASCII ':' or '.' after a Chinese character": re.compile(rf"[{HAN}][:.]"),
}


class _Blocks(HTMLParser):
    """The text of a page, one string per block; code, math and scripts left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self._current, self._skipping = [], [], 0

    def _flush(self):
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self._current)).strip()
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            if not self._skipping:
                self._current.append("X")  # code or a formula stands there, as a Latin word
            self._skipping += 1
        elif tag in BLOCKS and not self._skipping:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS and not self._skipping:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._current.append(data)


def blocks(path):
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return parser.blocks


def faults(text):
    """(fault, excerpt) for each fault in a block of text."""
    found = []
    for name, pattern in FAULTS.items():
        for match in pattern.finditer(text):
            start = max(0, match.end() - 20)
            found.append((name, text[start:match.end() + 12]))
            break
    return found


def test_the_checks_find_the_faults_they_name():
    assert faults("当 α≠1 时与 ELU 不同 。")[0][0] == "space next to full-width punctuation"
    assert faults("不以零为中心 ，因此")[0][0] == "space next to full-width punctuation"
    assert faults('起"门"作用')[0][0] == "straight double quote in Chinese prose"
    assert faults("参数: x")[0][0] == "ASCII ':' or '.' after a Chinese character"
    assert faults("项目作者.")[0][0] == "ASCII ':' or '.' after a Chinese character"
    assert not faults("当 α≠1 时与 ELU 不同。使用 relu 时，x 为「门」。")
    assert not faults('print("relu") returns 1.0: fine')


def test_code_and_math_are_left_out():
    from tempfile import NamedTemporaryFile
    from pathlib import Path
    with NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write('<p>调用 <code>f(x="a")</code> 时。</p><pre>x = "激活" .</pre><p>第二段：好。</p>')
    assert blocks(Path(f.name)) == ["调用 X 时。", "X", "第二段：好。"]


@pytest.mark.parametrize("page", sorted(p.relative_to(HTML / "zh_CN").as_posix()
                                        for p in (HTML / "zh_CN").rglob("*.html")))
def test_chinese_typography(site, page):
    found = [f"{name}: …{excerpt}…" for text in blocks(HTML / "zh_CN" / page)
             for name, excerpt in faults(text)]
    assert not found, "\n".join(found)


# --- one Chinese term per concept -------------------------------------------------------------

# Variants found on the Chinese pages -> the form the glossary fixes. The glossary itself lists
# the variants (readers search for them), so it is not checked.
VARIANTS = {
    re.compile("二分类交叉熵"): "二元交叉熵",
    re.compile("(?<!又称)自动求导"): "自动微分",  # "（又称自动求导）" once, for readers who search it
    re.compile(r"hard[ -]swish", re.I): "Hardswish",
    re.compile(r"hard[ -]sigmoid", re.I): "Hardsigmoid",
}
GLOSSARY = "glossary.html"


def test_the_glossary_fixes_the_terms():
    text = " ".join(blocks(HTML / "zh_CN" / GLOSSARY))
    for term in ("二元交叉熵", "自动微分"):
        assert term in text, term
    assert "自动微分（自动求导）" in text  # the variant readers search for, once


@pytest.mark.parametrize("page", sorted(p.relative_to(HTML / "zh_CN").as_posix()
                                        for p in (HTML / "zh_CN").rglob("*.html")
                                        if p.name != GLOSSARY))
def test_one_term_per_concept(site, page):
    text = "\n".join(blocks(HTML / "zh_CN" / page))
    found = [f"{match[0]!r} (use {term}): …{text[max(0, match.start() - 15):match.end() + 10]}…"
             for pattern, term in VARIANTS.items() for match in pattern.finditer(text)]
    assert not found, "\n".join(found)
