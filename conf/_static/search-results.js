// How results read: each result's text starts at the words searched for, math reads as math, two
// pages of the same title say which is which, and the language switch keeps the query.

// Sphinx 9.0 starts a result's text 120 characters before the last word found, so every example
// showed the gallery's download note, and MathML read as "( 0 , 1 )". Here the text is the
// page's prose, math keeps its own spacing, and it starts at the sentence where a searched word
// first appears.
Search.makeSearchSummary = (htmlText, keywords, anchor) => {
  const summary = document.createElement("p");  // never null: Sphinx appends it as it is
  summary.classList.add("context");
  // Only the page's main text is parsed: the rest (navigation, outline) is most of the work.
  const mainStart = htmlText.lastIndexOf("<", htmlText.indexOf(' role="main"'));
  const mainEnd = htmlText.lastIndexOf("</article>");
  const page = new DOMParser().parseFromString(
    mainStart >= 0 && mainEnd > mainStart ? htmlText.slice(mainStart, mainEnd) : htmlText,
    "text/html");
  const main = page.querySelector('[role="main"]');
  if (!main) return summary;
  // Left out: the title (the result shows it), code and printed output (the text explains
  // them), the gallery's download note and buttons, the headings' link marks.
  for (const skipped of main.querySelectorAll(
    "h1, div.highlight, .sphx-glr-script-out, .headerlink, script, style, "
    + ".sphx-glr-download-link-note, .sphx-glr-footer, .language-switch"))
    skipped.remove();
  for (const math of main.querySelectorAll("math"))
    math.replaceWith(` ${math.textContent.replace(/\s+/g, "")} `);
  // An index entry's anchor is an empty target: its text is that of the section around it.
  let block = (anchor && main.querySelector(anchor)) || main;
  while (block !== main && !block.textContent.trim()) block = block.parentElement;
  const text = block.textContent.replace(/\s+/g, " ").trim();
  if (!text) return summary;
  const lower = text.toLowerCase();
  const found = [...keywords].map((k) => lower.indexOf(k.toLowerCase())).filter((i) => i >= 0);
  let start = found.length ? Math.min(...found) : 0;
  // Back to the start of the sentence, if it is near.
  const sentence = Math.max(...[". ", "。", "! ", "? ", "！", "？"].map((end) => {
    const at = text.lastIndexOf(end, start);
    return at < 0 ? -1 : at + end.length;
  }));
  if (sentence >= 0 && start - sentence <= 80) start = sentence;
  else if (start > 40) {  // else a few words before it, from the start of a word
    const space = text.indexOf(" ", start - 40);
    start = space >= 0 && space < start ? space + 1 : start - 40;
  }
  const length = 240;
  summary.textContent = (start > 0 ? "… " : "") + text.substr(start, length).trim()
    + (start + length < text.length ? " …" : "");
  return summary;
};

// Results of the same title on different pages ("Softmax" the example, "Softmax" the reference)
// get the kind of page after the title, in the page's language: "(example)", labels in search.html.
{
  const performSearch = Search._performSearch;
  Search._performSearch = (...args) => {
    const results = performSearch(...args);
    const labels = document.getElementById("search-result-kinds")?.dataset ?? {};
    const kind = (docName) => docName.startsWith("auto_examples/") ? labels.example
      : docName.startsWith("activations/") ? labels.reference
      : docName.startsWith("api") ? labels.api : undefined;
    const pagesOfTitle = new Map();
    for (const [docName, title] of results) {
      if (!pagesOfTitle.has(title)) pagesOfTitle.set(title, new Set());
      pagesOfTitle.get(title).add(docName);
    }
    // One result per page and title: a page found by its title and by an index entry is listed
    // once, with its best score (results come lowest score first).
    const seen = new Set();
    for (let i = results.length - 1; i >= 0; i--) {
      const key = `${results[i][0]}\n${results[i][1]}`;
      if (seen.has(key)) results.splice(i, 1);
      else seen.add(key);
    }
    for (const result of results) {
      const label = kind(result[0]);
      if (pagesOfTitle.get(result[1]).size > 1 && label)  // no space before a full-width （
        result[1] += label.startsWith("（") ? label : ` ${label}`;
    }
    return results;
  };
}

// The language switch of the search page searches the other language for the same words.
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector(".language-switch a");
  if (link && window.location.search) link.search = window.location.search;
});

// Results appear in order, each with its text. Sphinx 9.0 fetched and parsed every result's page
// at once (50 pages, 2.7 MB for "sigmoid"), which held a phone's main thread for seconds, and
// each text that arrived pushed the results below it down. Here the texts of the results on the
// first screen are fetched before those results are shown, one page parsed per task, so nothing
// on screen moves; a result further down gets its text as it comes within a screen of view.
{
  const summaries = DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY;  // false from disk (file-search.js)
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;  // Sphinx's _displayItem fetches nothing
  const nextTask = () => new Promise((resolve) => setTimeout(resolve));
  const pageUrl = (docName) =>
    document.documentElement.dataset.content_root + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
  const pages = new Map();  // url -> its text, fetched once
  const fetchPage = (url) => {
    if (!pages.has(url)) pages.set(url, fetch(url).then((response) => response.text()));
    return pages.get(url);
  };
  const addSummary = async (item, [docName, , anchor], searchTerms, highlightTerms) => {
    const text = await fetchPage(pageUrl(docName));
    await nextTask();  // the parse in a task of its own
    item.appendChild(Search.makeSearchSummary(text, searchTerms, anchor));
    if (SPHINX_HIGHLIGHT_ENABLED)
      highlightTerms.forEach((term) => _highlightText(item, term, "highlighted"));
  };
  // The results further down, loaded one at a time as they near the screen.
  const waiting = new Map();  // item -> its summary's loader
  let loading = Promise.resolve();
  const nearScreen = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting || !waiting.has(target)) continue;
      nearScreen.unobserve(target);
      loading = loading.then(waiting.get(target));
      waiting.delete(target);
    }
  }, { rootMargin: "0px 0px 100% 0px" });

  Search.query = async (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] =
      Search._parseQuery(query);
    const results = Search._performSearch(searchQuery, searchTerms, excludedTerms,
                                          highlightTerms, objectTerms).reverse();
    const list = Search.output;
    const staging = document.createElement("ul");
    for (const [i, result] of results.entries()) {
      await nextTask();
      Search.output = staging;  // Sphinx builds the item (link, kind, description)
      _displayItem(result, searchTerms, highlightTerms);
      Search.output = list;
      const item = staging.lastChild;
      const needsText = summaries && !result[3];  // an API object has its description instead
      if (needsText && list.getBoundingClientRect().bottom < window.innerHeight) {
        // On the first screen: fetch the next results' pages while this one is parsed.
        results.slice(i + 1, i + 4).forEach(([docName]) => fetchPage(pageUrl(docName)));
        await addSummary(item, result, searchTerms, highlightTerms);
      } else if (needsText) {
        waiting.set(item, () => addSummary(item, result, searchTerms, highlightTerms).then(nextTask));
        nearScreen.observe(item);
      }
      list.appendChild(item);
    }
    _finishSearch(results.length);
  };
}
