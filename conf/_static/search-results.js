// How results read: each result's text starts at the words searched for, math reads as math, two
// pages of the same title say which is which, and the language switch keeps the query.

// Sphinx 9.0 starts a result's text 120 characters before the last word found, so every example
// showed the gallery's download note, and MathML read as "( 0 , 1 )". Here the text is the
// page's prose, math keeps its own spacing, and it starts at the sentence where a searched word
// first appears.
Search.makeSearchSummary = (htmlText, keywords, anchor) => {
  const summary = document.createElement("p");  // never null: Sphinx appends it as it is
  summary.classList.add("context");
  const page = new DOMParser().parseFromString(htmlText, "text/html");
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
