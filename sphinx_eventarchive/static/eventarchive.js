/* sphinx-eventarchive: load a consent placeholder's frame only when the reader asks. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".eventarchive-consent-button");
  if (!button) return;
  var holder = button.parentElement;
  var frame = document.createElement("iframe");
  frame.src = holder.getAttribute("data-src");
  frame.title = holder.getAttribute("data-title");
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  if (holder.getAttribute("data-allow")) frame.allow = holder.getAttribute("data-allow");
  if (holder.getAttribute("data-allowfullscreen")) frame.allowFullscreen = true;
  holder.classList.remove("eventarchive-consent");
  holder.replaceChildren(frame);
  frame.focus();
});

/* An X post (tweet directive): X's own embed, and its script, only when the reader asks. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".eventarchive-tweet-consent");
  if (!button) return;
  var holder = document.createElement("div");
  holder.className = "eventarchive-tweet-embed";
  button.replaceWith(holder);
  var show = function () { window.twttr.widgets.createTweet(button.getAttribute("data-post"), holder); };
  if (window.twttr && window.twttr.widgets) { show(); return; }
  var script = document.createElement("script");
  script.src = "https://platform.twitter.com/widgets.js";
  script.async = true;
  script.onload = show;
  document.head.appendChild(script);
});

/* An event marked upcoming when the site was built may have taken place since (Read the
   Docs builds only on a push): drop its badge once the reader's clock passes its start. */
(function () {
  var now = Date.now();
  document.querySelectorAll("[data-eventarchive-start]").forEach(function (badge) {
    var start = Date.parse(badge.getAttribute("data-eventarchive-start"));
    if (isNaN(start) || start > now) return;
    var card = badge.closest(".eventarchive-is-upcoming");
    if (card) card.classList.remove("eventarchive-is-upcoming");
    badge.remove();
  });
})();

/* "Copy link": copy the page's address instead of opening it, where the browser lets us. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".eventarchive-share-copy");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.classList.add("eventarchive-share-copied");
  });
});
