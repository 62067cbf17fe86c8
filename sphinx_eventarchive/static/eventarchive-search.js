/* sphinx-eventarchive: the search page. Pagefind's interface over the index built with the
   site; a ?query= in the address (a theme's search box, a shared link) starts a search. */
(function () {
  var holder = document.getElementById("eventarchive-search");
  if (!holder || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#eventarchive-search",
    // Absolute, as Pagefind's own module works it out: another script of the page that
    // imports pagefind.js then shares one index with the interface instead of racing it.
    bundlePath: new URL(holder.getAttribute("data-bundle"), document.baseURI).href,
    showSubResults: true,
    showImages: false,
  });
  // Not ?q=: Sphinx's searchtools.js, which some themes load on every page, runs its own
  // search for a ?q= and fails on a page without its results list.
  var query = new URLSearchParams(window.location.search).get("query");
  if (query) ui.triggerSearch(query);
})();
