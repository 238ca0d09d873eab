// Full-text ranking for readers' queries, replacing Search.performTermsSearch of Sphinx 9.0.
//
// Sphinx lists only the pages that hold every word of a query and scores a page by its single
// best word. Readers' questions carry words that the page they mean need not hold (why, 怎么,
// 什么), so those found nothing; and a page whose titles hold every word tied with pages that
// mention one. Here a page needs only some of the words, and its score is the mean of its
// per-word scores weighted by how rare each word is (inverse document frequency). A word scores
// as in Sphinx (15 in a section title, 5 in the text, 7 and 2 for a partial match), and 30 where
// it is the page's whole title (the page "Tanh" for tanh) or one of the page's main index entries
// (the synonyms: swish on the SiLU page). A Chinese word also matches the longer words that hold
// it (选 finds 选择), as a partial match. The scale stays near Sphinx's, so index entries that
// match the whole query (up to 100) still come first.
//
// A query that is a title (the page "Softmax" for softmax) scores 100 × its share of the title,
// as a query that is an index entry does; Sphinx gives titles 15, below an index entry that
// merely holds the query ("log softmax" ranked LogSoftmax above Softmax).
Scorer.title = 100;
// An index entry is the source saying "this page answers that word" (SwiGLU: the tutorial on
// gated blocks), so it comes before a page whose title merely equals the query (the SwiGLU
// function page, which Sphinx boosts by 1 as a document title).
// Ties, which Sphinx orders by title: among functions that match a query equally, the shorter
// name is the closer match (softmax_jacobian before log_softmax_jacobian); among pages that hold
// the query's words equally, the one nearer the top of the site comes first (a function's page
// repeats the words of its family's overview and of the guides: 任意精度 finds the home page
// before the pages of three functions that say 任意 and 精度 apart).
const depth = (docName) => docName.split("/").length;
Scorer.score = (result) => result[4] + (result[6] === SearchResultKind.index ? 2 : 0)
  - (result[6] === SearchResultKind.object ? result[1].length / 1000 : depth(result[0]) / 1000);
const WORD_SCORE = { name: 30, title: 15, partialTitle: 7, text: 5, partialText: 2 };

Search.performTermsSearch = (searchTerms, excludedTerms) => {
  const { terms, titleterms: titleTerms, filenames, docnames: docNames, titles } = Search._index;
  const has = (table, word) => Object.prototype.hasOwnProperty.call(table, word);
  const asList = (files) => (files === undefined ? [] : files.length === undefined ? [files] : files);

  const stemmer = new Stemmer();
  const stem = (text) => text.toLowerCase().split(/[^\p{Letter}\p{Number}_]+/u).filter((w) => w)
    .map((w) => stemmer.stemWord(w)).join(" ");
  const named = new Map();  // a page's whole title or main index entry, stemmed -> its pages
  const name = (key, file) => { if (!named.has(key)) named.set(key, new Set()); named.get(key).add(file); };
  titles.forEach((title, file) => name(stem(title), file));
  for (const [entry, found] of Object.entries(Search._index.indexentries))
    for (const [file, _id, isMain] of found) if (isMain) name(stem(entry), file);

  // word -> (file -> best score of the word in that file)
  const wordScores = new Map();
  for (const word of searchTerms) {
    const scores = new Map();
    const add = (files, score) => {
      for (const file of asList(files)) scores.set(file, Math.max(scores.get(file) ?? 0, score));
    };
    if (has(terms, word)) add(terms[word], WORD_SCORE.text);
    if (has(titleTerms, word)) add(titleTerms[word], WORD_SCORE.title);
    add([...(named.get(word) ?? [])], WORD_SCORE.name);
    const han = /\p{Script=Han}/u.test(word);
    if (word.length > 2 || han) {  // Sphinx: partial matches for words of 3 characters or more
      const pattern = new RegExp(word.replace(/[.*+\-?^${}()|[\]\\]/g, "\\$&"));
      if (han || !has(terms, word))
        for (const term of Object.keys(terms)) if (pattern.test(term)) add(terms[term], WORD_SCORE.partialText);
      if (han || !has(titleTerms, word))
        for (const term of Object.keys(titleTerms)) if (pattern.test(term)) add(titleTerms[term], WORD_SCORE.partialTitle);
    }
    if (scores.size) wordScores.set(word, scores);  // a word on no page does not count
  }
  if (!wordScores.size) return [];

  const pages = docNames.length;
  const weight = new Map([...wordScores].map(([word, scores]) => [word, Math.log(1 + pages / scores.size)]));
  const totalWeight = [...weight.values()].reduce((a, b) => a + b, 0);
  const excluded = new Set();
  for (const word of excludedTerms)
    for (const table of [terms, titleTerms]) if (has(table, word)) asList(table[word]).forEach((f) => excluded.add(f));

  const totals = new Map();  // file -> weighted sum of its word scores
  for (const [word, scores] of wordScores)
    for (const [file, score] of scores) totals.set(file, (totals.get(file) ?? 0) + score * weight.get(word));

  const results = [];
  for (const [file, total] of totals) {
    if (excluded.has(file)) continue;
    const score = total / totalWeight;
    results.push([docNames[file], titles[file], "", null, Math.round(score * 100) / 100,
                  filenames[file], SearchResultKind.text]);
  }
  return results;
};
