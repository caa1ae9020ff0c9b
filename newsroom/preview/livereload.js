// Newsroom preview client, added to pages by `newsroom serve` only (never written to the site).
// It follows the server's build state over Server-Sent Events: reload after a rebuild, swap
// stylesheets when only CSS changed, and show build errors in an overlay (text only, no HTML).
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script.getAttribute("data-generation"));
  var OVERLAY_ID = "newsroom-error-overlay";
  var BANNER_ID = "newsroom-preview-banner";

  function showBanner(text) {
    if (!text || document.getElementById(BANNER_ID)) return;
    var banner = document.createElement("div");
    banner.id = BANNER_ID;
    banner.setAttribute("role", "note");
    banner.textContent = text;
    var s = banner.style;
    s.position = "sticky"; s.top = "0"; s.zIndex = "2147483646"; s.padding = "0.5em 1em";
    s.background = "#fff3bf"; s.color = "#3d2f00"; s.borderBottom = "2px solid #c99a00";
    s.font = "600 15px/1.4 system-ui, sans-serif"; s.textAlign = "center";
    document.body.insertBefore(banner, document.body.firstChild);
  }

  function hideErrors() {
    var overlay = document.getElementById(OVERLAY_ID);
    if (overlay) overlay.remove();
  }

  function showErrors(errors) {
    hideErrors();
    var overlay = document.createElement("div");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.maxHeight = "80vh";
    s.overflow = "auto"; s.zIndex = "2147483647"; s.padding = "1em 1.5em"; s.background = "#1f1f1f";
    s.color = "#ffd7d7"; s.borderBottom = "4px solid #e03131"; s.font = "14px/1.5 ui-monospace, monospace";
    var heading = document.createElement("h2");
    heading.textContent = "Newsroom: the build failed; showing the last good site";
    heading.style.font = "700 16px/1.4 system-ui, sans-serif";
    heading.style.margin = "0 0 0.5em";
    heading.style.color = "#ff8787";
    overlay.appendChild(heading);
    errors.forEach(function (error) {
      var item = document.createElement("pre");
      item.style.whiteSpace = "pre-wrap";
      item.style.margin = "0 0 0.75em";
      if (error.file) {
        var where = document.createElement("strong");
        where.className = "location";
        where.textContent = error.file + (error.line ? ":" + error.line : "");
        item.appendChild(where);
        item.appendChild(document.createTextNode("\n"));
      }
      item.appendChild(document.createTextNode(error.message));
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }

  // Stylesheet names carry a hash of their bytes, so a CSS edit renames them: follow the renames.
  function swapStylesheets(renames, version) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      renames.forEach(function (rename) {
        if (url.origin !== location.origin || url.pathname !== rename[0]) return;
        var next = new URL(rename[1], location.href);
        next.searchParams.set("newsroom-generation", String(version));
        link.href = next.href;
      });
    });
  }

  function apply(state) {
    if (state.errors.length) showErrors(state.errors); else hideErrors();
    if (state.generation === generation) return;
    // A save that changed a few pages names them: a tab showing another need not reload.
    if (state.pages && state.generation === generation + 1 &&
        state.pages.indexOf(location.pathname.replace(/index\.html$/, "")) < 0) {
      generation = state.generation;
      return;
    }
    if (state.stylesheets && state.generation === generation + 1) {
      swapStylesheets(state.stylesheets, state.generation);
      generation = state.generation;
      return;
    }
    events.close();
    location.reload();
  }

  showBanner(script.getAttribute("data-banner"));
  var events = new EventSource("/__newsroom/events");
  events.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
})();
