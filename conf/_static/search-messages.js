// Sphinx's message for a search without results asks the reader to select "enough categories",
// which this site's search does not have; the page carries the site's own message.
document.addEventListener("DOMContentLoaded", () => {
  const message = document.querySelector(".search-no-results-message");
  if (message) {
    Object.assign(Documentation.TRANSLATIONS, {
      "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": message.textContent,
    });
  }
});
