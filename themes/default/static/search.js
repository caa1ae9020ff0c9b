/* Newsroom search page: the box, the result list and the address bar.
 *
 * The page never loads lunr: a worker (search-worker.js) loads the search shards that can
 * answer and sends results as plain data, newest first, older ones as they come. Results
 * are built from DOM nodes and text nodes only: no data ever goes through innerHTML.
 */
(function (window) {
  "use strict";

  var URL_DEBOUNCE_MS = 300;

  function start(win) {
    var doc = win.document;
    var box = doc.getElementById("search");
    if (!box || !win.Worker) {
      return;
    }
    var input = doc.getElementById("search-q");
    var form = input.form;
    var header = doc.getElementById("site-search");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var more = doc.getElementById("search-more");
    var baseTitle = doc.title;
    var LOADING = "Loading the search index…";
    var state = { worker: null, ready: false, failed: null, id: 0, query: "", shown: 0, timer: null, focusNext: false };

    function absolute(url) {
      return new win.URL(url, win.location.href).href;
    }

    /* The worker starts once, as the search page opens (who opens it searches, and a query
     * typed at once then waits for less); it never blocks the page. */
    function load() {
      if (!state.worker) {
        status.textContent = LOADING;
        state.worker = new win.Worker(box.dataset.worker);
        state.worker.onmessage = function (event) { receive(event.data); };
        state.worker.onerror = function (event) {
          event.preventDefault();
          receive({ type: "error", message: event.message || "the search worker failed", fatal: true });
        };
        state.worker.postMessage({ type: "start", lunr: absolute(box.dataset.lunr),
                                   manifest: absolute(box.dataset.shards) });
      }
      return state.worker;
    }

    function receive(message) {
      if (message.type === "error") {
        state.failed = message.message;  // a query shown says what it could not search itself
        if (message.fatal || !state.query.trim()) { status.textContent = failure(message.message); }
      } else if (message.type === "loaded") {
        box.dataset.loaded = message.loaded + "/" + message.total;  // shards loaded: for styles and tests
        state.ready = message.loaded > 0 || message.total === 0;
        if (state.ready && status.textContent === LOADING) { status.textContent = ""; }
      } else if (message.type === "results" && message.id === state.id) {
        showResults(message);
      }
    }

    function failure(reason) {
      return "The search index could not be loaded (" + reason + "). Try again later, or browse the archive.";
    }

    function marked(runs) {
      var fragment = doc.createDocumentFragment();
      runs.forEach(function (run) {
        var node = doc.createTextNode(run.text);
        if (run.mark) {
          var mark = doc.createElement("mark");
          mark.appendChild(node);
          node = mark;
        }
        fragment.appendChild(node);
      });
      return fragment;
    }

    function resultItem(entry) {
      var item = doc.createElement("li");
      var article = doc.createElement("article");
      var meta = doc.createElement("p");
      var time = doc.createElement("time");
      var heading = doc.createElement("h2");
      var link = doc.createElement("a");
      var summary = doc.createElement("p");
      meta.className = "meta";
      time.dateTime = entry.date;
      time.textContent = entry.date_text;
      meta.appendChild(time);
      link.href = box.dataset.base + entry.url;
      link.appendChild(marked(entry.title));
      heading.appendChild(link);
      summary.className = "summary";
      summary.appendChild(marked(entry.summary));
      article.appendChild(meta);
      article.appendChild(heading);
      article.appendChild(summary);
      item.appendChild(article);
      return item;
    }

    function count(n) {
      return n + (n === 1 ? " release matches" : " releases match");
    }

    /* Results come in batches: those of the shards loaded so far, then each older shard's. */
    function showResults(message) {
      var quoted = "“" + state.query.trim() + "”";
      if (message.start === 0) {
        list.textContent = "";
        state.shown = 0;
        state.focusNext = false;
      }
      var first = null;
      message.items.forEach(function (entry) {
        var item = resultItem(entry);
        first = first || item;
        list.appendChild(item);
      });
      state.shown += message.items.length;
      if (first && state.focusNext) {
        state.focusNext = false;
        first.querySelector("a").focus();
      }
      if (more) { more.hidden = state.shown >= message.total; }
      if (message.failed && message.searched === 0) {
        status.textContent = failure(message.failed);
      } else if (!message.complete) {
        status.textContent = message.total === 0 ? "Searching…"
          : count(message.total) + " " + quoted + " so far; searching older releases…";
      } else if (message.total === 0) {
        status.textContent = "No releases match " + quoted + ". Check the spelling, or try fewer or other words.";
      } else {
        status.textContent = count(message.total) + " " + quoted + "." +
          (state.shown < message.total ? " Showing the first " + state.shown + "." : "");
      }
      if (message.failed && message.searched > 0) {
        status.textContent += " Older releases could not be searched (" + message.failed + ").";
      }
      doc.title = quoted + " · " + baseTitle;
    }

    function run(query) {
      state.id += 1;
      state.query = query;
      if (!query.trim()) {
        list.textContent = "";
        if (more) { more.hidden = true; }
        status.textContent = state.failed || !state.worker || state.ready ? "" : LOADING;
        doc.title = baseTitle;
        return;
      }
      load().postMessage({ type: "query", id: state.id, text: query });
    }

    function urlFor(query) {
      var url = new win.URL(win.location.href);
      if (query.trim()) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
      return url.pathname + url.search + url.hash;
    }

    function currentQuery() {
      return new win.URLSearchParams(win.location.search).get("q") || "";
    }

    /* Typing replaces the history entry (once typing pauses); submitting adds one, so Back
     * returns to it. Results do not wait: the worker answers the latest query. */
    function commit(query, push) {
      win.clearTimeout(state.timer);
      if (query !== currentQuery()) {
        win.history[push ? "pushState" : "replaceState"]({ q: query }, "", urlFor(query));
      }
    }

    input.addEventListener("input", function () {
      var query = input.value;
      run(query);
      win.clearTimeout(state.timer);
      state.timer = win.setTimeout(function () { commit(query, false); }, URL_DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      commit(input.value, true);
      run(input.value);
    });
    if (header && header.form) {
      header.form.addEventListener("submit", function (event) {
        event.preventDefault();
        input.value = header.value;
        header.value = "";
        commit(input.value, true);
        run(input.value);
        input.focus();
      });
    }
    if (more) {
      more.addEventListener("click", function () {
        state.focusNext = true;  // on the first of the results it brings
        state.worker.postMessage({ type: "more", id: state.id });
      });
    }
    win.addEventListener("popstate", function () {
      input.value = currentQuery();
      run(input.value);
    });

    /* Arrow keys walk from the box through the result links and back. */
    box.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = event.target === input ? -1 : links.indexOf(event.target);
      if (at === -1 && event.target !== input) { return; }
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next >= links.length) { return; }
      event.preventDefault();
      (next < 0 ? input : links[next]).focus();
    });

    load();
    input.value = currentQuery();
    run(input.value);
  }

  if (window.document.readyState === "loading") {
    window.document.addEventListener("DOMContentLoaded", function () { start(window); });
  } else {
    start(window);
  }
}(window));
