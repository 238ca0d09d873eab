"""Chinese full-text search for Sphinx 9.0 (the last Sphinx release for Python 3.11).

Two defects of the stock Chinese search are fixed here:

1. Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer`` into ``language_data.js`` while
   shipping only the English stemmer (sphinx-doc/sphinx#14229), so the search page throws and
   hangs. Latin words in Chinese pages are stemmed in English on both sides, so the stemmer
   that is written is the English one.
2. The index segments Chinese text into words with jieba (激活函数 -> 激活, 函数, 激活函数), but
   the browser splits a query only at spaces and punctuation, so 梯度消失 is looked up as one
   word that the index does not hold. The query is segmented in the browser with
   ``Intl.Segmenter``, so each of its words is looked up and a page must contain all of them.
"""

import logging

import jieba
from sphinx.search.zh import SearchChinese

jieba.setLogLevel(logging.WARNING)  # jieba reports loading its dictionary on stderr

# A query splitter for language_data.js; searchtools.js uses it instead of its default.
QUERY_SPLITTER = r"""
var splitQuery = (query) => {
  const pieces = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu);
  if (typeof Intl === "undefined" || !Intl.Segmenter) return pieces.filter((t) => t);
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const words = [];
  for (const piece of pieces) {
    for (const s of segmenter.segment(piece)) if (s.isWordLike) words.push(s.segment);
  }
  return words;
};
"""


class SearchSimplifiedChinese(SearchChinese):
    language_name = "English"  # names the stemmer class written to language_data.js (fix 1)
    js_splitter_code = QUERY_SPLITTER  # fix 2


def setup(app):
    app.add_search_language(SearchSimplifiedChinese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
