"""Chinese full-text search for Sphinx 9.0 (the last Sphinx release for Python 3.11).

Four defects of the stock Chinese search are fixed here:

1. Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer`` into ``language_data.js`` while
   shipping only the English stemmer (sphinx-doc/sphinx#14229), so the search page throws and
   hangs. Latin words in Chinese pages are stemmed in English on both sides, so the stemmer
   that is written is the English one.
2. The index segments Chinese text into words with jieba (激活函数 -> 激活, 函数, 激活函数), but
   the browser splits a query only at spaces and punctuation, so 梯度消失 is looked up as one
   word that the index does not hold. The query is segmented in the browser, so each of its
   words is looked up (conf/_static/search-ranking.js ranks the pages by the words they hold).
   The words are the index's own: a run of Chinese characters is cut into as few index terms
   as possible (神经元坏死 -> 神经元坏死, a glossary term; 坏死神经元 -> 坏死, 神经元).
   ``Intl.Segmenter`` is not used for this: its dictionary is not jieba's, and it cuts
   神经元坏死 into 神经, 元, 坏死 and 双曲正切 into four single characters. A character that no
   index term covers is dropped when it stands alone and kept with its unknown neighbours
   otherwise (画廊 finds nothing if no page has it).
3. Sphinx indexes no one-character word, so 软饱和 and 硬饱和 were both searched as 饱和, and
   导函数 as 函数. Single Chinese characters are indexed too, except function characters (的,
   了, 是 …), which are stop words on both sides.
4. jieba cuts the site's own terms (零中心 -> 中心, 雅可比 -> 可比), so a query cannot find them
   whole. Every Chinese term of the glossary (docs/glossary.md, with its variants in
   parentheses) is added to jieba's dictionary before the first page is indexed.

And one waste of time: Sphinx 9.0 loads jieba's own main dictionary a second time, as a "user
dictionary" (349,000 ``add_word`` calls, about 4 s at every zh_CN build, even when nothing has
changed). Unless ``html_search_options`` names a real user dictionary, that is skipped, and jieba
loads its dictionary only when a page has to be (re)indexed.
"""

import logging
import re
from pathlib import Path

import jieba
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS
from sphinx.search.zh import SearchChinese

jieba.setLogLevel(logging.WARNING)  # jieba reports loading its dictionary on stderr

# A query splitter for language_data.js; searchtools.js uses it instead of its default.
QUERY_SPLITTER = r"""
var splitQuery = (query) => {
  const index = typeof Search === "undefined" ? null : Search._index;
  const has = (table, word) => Object.prototype.hasOwnProperty.call(table, word);
  const known = (word) => has(index.terms, word) || has(index.titleterms, word);
  let longest = 1;  // the longest Chinese index term: no word of a query can be longer
  if (index !== null)
    for (const table of [index.terms, index.titleterms])
      for (const term of Object.keys(table))
        if (term.length > longest && /\p{Script=Han}/u.test(term)) longest = term.length;
  // Fewest characters left uncovered by index terms, then fewest words.
  const segmentHan = (run) => {
    const best = [{ cost: [0, 0], words: [] }];
    for (let end = 1; end <= run.length; end++) {
      for (let start = Math.max(0, end - longest); start < end; start++) {
        const word = run.slice(start, end);
        const unknown = !known(word);
        if (unknown && word.length > 1) continue;
        const prev = best[start];
        const cost = [prev.cost[0] + (unknown ? 1 : 0), prev.cost[1] + 1];
        const here = best[end];
        if (!here || cost[0] < here.cost[0] || (cost[0] === here.cost[0] && cost[1] < here.cost[1]))
          best[end] = { cost, words: prev.words.concat([{ word, unknown }]) };
      }
    }
    const words = [];
    let pending = "";  // consecutive characters that no index term covers
    const flush = () => { if (pending.length > 1) words.push(pending); pending = ""; };
    for (const { word, unknown } of best[run.length].words) {
      if (unknown) pending += word;
      else { flush(); words.push(word); }
    }
    flush();
    return words;
  };
  const words = [];
  for (const piece of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) {
    for (const run of piece.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (!/\p{Script=Han}/u.test(run)) words.push(run);
      else if (index !== null) words.push(...segmentHan(run));
      else if (typeof Intl !== "undefined" && Intl.Segmenter) {
        const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
        for (const s of segmenter.segment(run)) if (s.isWordLike) words.push(s.segment);
      } else words.push(run);
    }
  }
  return words;
};
"""


# Characters that carry grammar, not meaning: never indexed, dropped from queries (fix 3).
HAN_STOPWORDS = frozenset("的了是在和与或也都就而及其之这那个把被将对从吗呢吧啊")
HAN = re.compile(r"[\u3400-\u9fff]")
GLOSSARY_TERMS = []  # the glossary's Chinese terms, read when the build starts (fix 4)


def glossary_terms(glossary):
    """The Chinese terms of the glossary's table: its second column, variants included."""
    terms = []
    for row in glossary.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in row.split("|")[1:-1]]
        if len(cells) >= 2:
            terms += [t.strip() for t in re.split(r"[（）、，/]", cells[1]) if HAN.search(t)]
    return [t for t in dict.fromkeys(terms) if " " not in t]


def read_glossary(app):
    GLOSSARY_TERMS[:] = glossary_terms(Path(app.srcdir) / "glossary.md")


class SearchSimplifiedChinese(SearchChinese):
    language_name = "English"  # names the stemmer class written to language_data.js (fix 1)
    js_splitter_code = QUERY_SPLITTER  # fix 2
    stopwords = ENGLISH_STOPWORDS | HAN_STOPWORDS

    def __init__(self, options):
        super().__init__({"dict": "", **options})  # no second load of the main dictionary
        self.terms_added = False

    def split(self, input):
        if not self.terms_added:  # here, not in __init__: it loads jieba's dictionary
            for term in GLOSSARY_TERMS:
                jieba.add_word(term)
            self.terms_added = True
        return super().split(input)

    def word_filter(self, word):
        return (len(word) > 1 or bool(HAN.fullmatch(word))) and word not in self.stopwords


def setup(app):
    app.add_search_language(SearchSimplifiedChinese)
    app.connect("builder-inited", read_glossary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
