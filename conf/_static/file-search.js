// Opened from disk (file://), a page may not fetch other pages, so the search cannot show each
// result's text: it lists the results by title, fetches nothing (no console errors), and says
// how to serve the site instead.
if (window.location.protocol === "file:") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelector(".file-protocol-note").hidden = false;
  });
}
