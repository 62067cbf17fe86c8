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
  // Pagefind gives its input only a title (axe: label-title-only): the page's heading
  // names it, for screen readers and voice control alike.
  var name = function () {
    var input = holder.querySelector("input.pagefind-ui__search-input");
    if (!input) return false;
    input.setAttribute("aria-labelledby", holder.getAttribute("data-labelledby"));
    return true;
  };
  if (!name()) {
    var watch = new MutationObserver(function () { if (name()) watch.disconnect(); });
    watch.observe(holder, { childList: true, subtree: true });
  }
  // Not ?q=: Sphinx's searchtools.js, which some themes load on every page, runs its own
  // search for a ?q= and fails on a page without its results list.
  var query = new URLSearchParams(window.location.search).get("query");
  if (query) ui.triggerSearch(query);
})();
