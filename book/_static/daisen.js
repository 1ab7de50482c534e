/* The search page's closing line: Sphinx's Japanese catalog leaves "Search finished, found N
   page(s)…" empty, so a reader saw the results with no count.  Set before the search runs
   (searchtools.js starts it on DOMContentLoaded, registered after this file). */
document.addEventListener("DOMContentLoaded", () => {
  const key = "Search finished, found ${resultCount} page(s) matching the search query.";
  if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS && !Documentation.TRANSLATIONS[key]) {
    Documentation.TRANSLATIONS[key] = "検索が終わりました。${resultCount} ページが見つかりました。";
  }
});

/* A figure opens at full size when clicked or tapped (on a phone its small print becomes
   legible), and a table wider than its box says that it scrolls sideways. */
document.addEventListener("DOMContentLoaded", () => {
  for (const img of document.querySelectorAll("article figure img")) {
    if (img.closest("a")) continue;
    const link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "figure-zoom";
    link.title = "図を拡大して表示";
    img.replaceWith(link);
    link.append(img);
  }
  const markScrolling = () => {
    for (const box of document.querySelectorAll("article .pst-scrollable-table-container")) {
      box.classList.toggle("scrolls", box.scrollWidth > box.clientWidth + 1);
    }
  };
  markScrolling();
  addEventListener("resize", markScrolling);
});
