/* Newsroom search page: the box, the result list and the address bar.
 *
 * The page never loads lunr: a worker (search-worker.js) loads the search shards that can
 * answer and sends the results shown as plain data, newest first (or best match first),
 * again as older shards come, with each year's and topic's count. The words, the order and
 * the filters are in the address. Results are built from DOM nodes and text nodes only:
 * no data ever goes through innerHTML.
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
    var sort = doc.getElementById("search-sort");
    var year = doc.getElementById("filter-year");
    var topic = doc.getElementById("filter-topic");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var more = doc.getElementById("search-more");
    var baseTitle = doc.title;
    var LOADING = "Loading the search index…";
    var state = { worker: null, ready: false, failed: null, id: 0, params: null, shown: 0, told: 0, timer: null,
                  focusNext: false };
    var totals = [year, topic].map(function (select) {  // the whole archive's counts, as built
      return select ? Array.prototype.map.call(select.options, function (option) { return option.textContent; }) : [];
    });

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
        if (message.fatal || !searching(state.params)) { status.textContent = failure(message.message); }
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

    /* A result as the release list shows one: date, title, then the summary, or the passage
     * of the story that matched. */
    function resultItem(entry) {
      var item = doc.createElement("li");
      var article = doc.createElement("article");
      var meta = doc.createElement("p");
      var time = doc.createElement("time");
      var heading = doc.createElement("h2");
      var link = doc.createElement("a");
      var text = doc.createElement("p");
      article.className = "release-item search-result";
      meta.className = "meta";
      time.dateTime = entry.date;
      time.textContent = entry.date_text;
      meta.appendChild(time);
      link.href = box.dataset.base + entry.url;
      link.appendChild(marked(entry.title));
      heading.appendChild(link);
      if (Array.isArray(entry.passage)) {
        text.className = "summary passage";
        text.appendChild(marked(entry.passage));
      } else {
        text.className = "summary";
        text.appendChild(marked(entry.summary));
      }
      article.appendChild(heading);
      article.appendChild(meta);
      article.appendChild(text);
      item.appendChild(article);
      return item;
    }

    function count(n) {
      return n + (n === 1 ? " release matches" : " releases match");
    }

    /* Each year's and topic's count for the current query (none: as built, the archive's). */
    function showCounts(counts) {
      [[year, counts && counts.years], [topic, counts && counts.topics]].forEach(function (pair, at) {
        var select = pair[0];
        if (!select) { return; }
        Array.prototype.forEach.call(select.options, function (option, i) {
          if (!option.value) { return; }
          var n = pair[1] ? pair[1][option.value] || 0 : null;
          option.textContent = n === null ? totals[at][i] : option.dataset.label + " (" + n + ")";
          option.disabled = n === 0 && !option.selected;
        });
      });
    }

    function described(params) {
      return params.q.trim() ? "“" + params.q.trim() + "”" : "the filters";
    }

    /* Each answer is the whole list shown (items: null when it did not change) with the counts. */
    function showResults(message) {
      var what = described(state.params);
      if (message.items) {
        var focusAt = state.focusNext ? state.shown : -1;
        list.textContent = "";
        message.items.forEach(function (entry) { list.appendChild(resultItem(entry)); });
        state.shown = message.items.length;
        if (focusAt >= 0 && focusAt < state.shown) {
          state.focusNext = false;
          list.children[focusAt].querySelector("a").focus();
        }
        if (state.shown > 0 && state.told !== state.id) {
          state.told = state.id;  // the stories for passages are fetched once results are on screen
          var id = state.id;
          win.requestAnimationFrame(function () {
            win.setTimeout(function () { state.worker.postMessage({ type: "shown", id: id }); }, 0);
          });
        }
      }
      showCounts(message.counts);
      if (more) { more.hidden = state.shown >= message.total; }
      if (message.failed && message.searched === 0) {
        status.textContent = failure(message.failed);
      } else if (!message.complete) {
        status.textContent = message.total === 0 ? "Searching…"
          : count(message.total) + " " + what + " so far; searching older releases…";
      } else if (message.total === 0) {
        status.textContent = message.browse ? "No releases match the filters."
          : "No releases match " + what + ". Check the spelling, or try fewer or other words.";
      } else {
        status.textContent = count(message.total) + " " + what + "." +
          (state.shown < message.total ? " Showing the first " + state.shown + "." : "");
      }
      if (message.failed && message.searched > 0) {
        status.textContent += " Older releases could not be searched (" + message.failed + ").";
      }
      doc.title = (state.params.q.trim() ? what : "Filtered releases") + " · " + baseTitle;
    }

    function searching(params) {
      return Boolean(params && (params.q.trim() || params.year || params.topic));
    }

    function run(params) {
      state.id += 1;
      state.params = params;
      if (!searching(params)) {
        list.textContent = "";
        state.shown = 0;
        if (more) { more.hidden = true; }
        showCounts(null);
        status.textContent = state.failed || !state.worker || state.ready ? "" : LOADING;
        doc.title = baseTitle;
        return;
      }
      load().postMessage({ type: "query", id: state.id, text: params.q, sort: params.sort,
                           year: params.year ? Number(params.year) : null, topic: params.topic || null });
    }

    /* What is asked: from the form, or from the address (?q=…&sort=best&year=…&topic=…). */
    function fromForm() {
      return { q: input.value, sort: sort && sort.value === "best" ? "best" : "date",
               year: year ? year.value : "", topic: topic ? topic.value : "" };
    }

    function fromAddress() {
      var found = new win.URLSearchParams(win.location.search);
      return { q: found.get("q") || "", sort: found.get("sort") === "best" ? "best" : "date",
               year: /^[0-9]{4}$/.test(found.get("year") || "") ? found.get("year") : "", topic: found.get("topic") || "" };
    }

    function toForm(params) {
      input.value = params.q;
      if (sort) { sort.value = params.sort; }
      [[year, params.year], [topic, params.topic]].forEach(function (pair) {
        var select = pair[0];
        if (!select) { return; }
        if (pair[1] && !Array.prototype.some.call(select.options, function (o) { return o.value === pair[1]; })) {
          var option = doc.createElement("option");  // a year or topic the archive does not list: shown as asked
          option.value = pair[1];
          option.dataset.label = pair[1];
          option.textContent = pair[1];
          select.appendChild(option);
          totals[select === year ? 0 : 1].push(pair[1]);
        }
        select.value = pair[1];
      });
    }

    /* The address says what is shown, always in the same order; only what is not the
     * default is in it. */
    function urlFor(params) {
      var url = new win.URL(win.location.href);
      var query = new win.URLSearchParams();
      [["q", params.q.trim() ? params.q : ""], ["sort", params.sort === "best" ? "best" : ""],
       ["year", params.year], ["topic", params.topic]].forEach(function (pair) {
        if (pair[1]) { query.set(pair[0], pair[1]); }
      });
      url.search = query.toString();
      return url.pathname + url.search + url.hash;
    }

    /* Typing replaces the history entry (once typing pauses); submitting or choosing an order
     * or a filter adds one, so Back returns to it. Results do not wait: the worker answers
     * the latest query. */
    function commit(params, push) {
      win.clearTimeout(state.timer);
      var url = urlFor(params);
      if (url !== win.location.pathname + win.location.search + win.location.hash) {
        win.history[push ? "pushState" : "replaceState"](null, "", url);
      }
    }

    input.addEventListener("input", function () {
      var params = fromForm();
      run(params);
      win.clearTimeout(state.timer);
      state.timer = win.setTimeout(function () { commit(params, false); }, URL_DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      commit(fromForm(), true);
      run(fromForm());
    });
    [sort, year, topic].forEach(function (select) {
      if (select) {
        select.addEventListener("change", function () {
          commit(fromForm(), true);
          run(fromForm());
        });
      }
    });
    if (more) {
      more.addEventListener("click", function () {
        state.focusNext = true;  // on the first of the results it brings
        state.worker.postMessage({ type: "more", id: state.id });
      });
    }
    win.addEventListener("popstate", function () {
      toForm(fromAddress());
      run(fromAddress());
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
    toForm(fromAddress());
    run(fromAddress());
  }

  if (window.document.readyState === "loading") {
    window.document.addEventListener("DOMContentLoaded", function () { start(window); });
  } else {
    start(window);
  }
}(window));
