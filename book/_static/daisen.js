/* The search page's closing line: Sphinx's Japanese catalog leaves "Search finished, found N
   page(s)…" empty, so a reader saw the results with no count.  Set before the search runs
   (searchtools.js starts it on DOMContentLoaded, registered after this file). */
document.addEventListener("DOMContentLoaded", () => {
  const key = "Search finished, found ${resultCount} page(s) matching the search query.";
  if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS && !Documentation.TRANSLATIONS[key]) {
    Documentation.TRANSLATIONS[key] = "検索が終わりました。${resultCount} ページが見つかりました。";
  }
});
