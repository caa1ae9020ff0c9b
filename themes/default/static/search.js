/* Newsroom search: query the prebuilt lunr shards (one per year) in the browser.
 *
 * The functions that turn a query into results are pure and exported: node
 * (tests/node/query_index.js) and the search worker (search-worker.js) run the very
 * same ones, so the page and the tests search in exactly the same way. The page
 * itself never loads lunr: a worker loads the shards newest first and sends results
 * as they come. Results are built from DOM nodes and text nodes only: no data ever
 * goes through innerHTML.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (root.document) {
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { api.start(root); });
    } else {
      api.start(root);
    }
  } else {
    root.NewsroomSearch = api;  // in the worker
  }
}(this, function () {
  "use strict";

  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var PARTS = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u;
  var URL_DEBOUNCE_MS = 300;

  /* Punctuation and emoji off both ends, as the index builder trims (lunr.py#151). */
  function trim(word) {
    return word.replace(EDGE, "");
  }

  /* Lowercased, trimmed words of a text, split on the index's own separator. */
  function words(text, separator) {
    return String(text).toLowerCase().split(new RegExp(separator, "u"))
      .map(trim).filter(function (word) { return word.length > 0; });
  }

  function stem(lunr, word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /* The words a query searches for: distinct, and without stop words (never indexed). */
  function queryWords(lunr, text, separator) {
    var seen = Object.create(null);
    return words(text, separator).filter(function (word) {
      var keep = !seen[word] && lunr.stopWordFilter(new lunr.Token(word)) !== undefined;
      seen[word] = true;
      return keep;
    });
  }

  /* Releases of one index matching every word, best first. Each word matches as a whole
   * (stemmed, boosted) or as the start of a term, so results come as you type. Clauses
   * are built with the query API, never parsed, so : ~ ^ + - * in a query cannot throw. */
  function search(lunr, index, text, separator) {
    var wanted = queryWords(lunr, text, separator);
    if (wanted.length === 0) {
      return [];
    }
    var stems = wanted.map(function (word) { return stem(lunr, word); });
    var results = index.query(function (query) {
      wanted.forEach(function (word) {
        query.term(word, { usePipeline: true, boost: 10 });
        query.term(word, { usePipeline: false, boost: 1, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
    return results.map(function (result) {
      return { ref: result.ref, score: result.score, terms: Object.keys(result.matchData.metadata) };
    }).filter(function (result) {
      return wanted.every(function (word, i) {
        return result.terms.some(function (term) {
          return term === stems[i] || term.lastIndexOf(word, 0) === 0;
        });
      });
    });
  }

  /* The matches of one loaded shard ({year, index, docs}), best first, with what they show. */
  function searchShard(lunr, shard, text, separator) {
    return search(lunr, shard.index, text, separator).filter(function (result) {
      return shard.docs[result.ref];  // a result's ref is its position in the shard's store
    }).map(function (result) {
      return { year: shard.year, score: result.score, terms: result.terms, doc: shard.docs[result.ref] };
    });
  }

  /* Matches across shards: newest year first, best first within a year. Scores of two
   * shards are not comparable (each year has its own term statistics), and this order
   * lets older years' results be appended as they load without moving what is shown. */
  function searchShards(lunr, shards, text, separator) {
    return shards.reduce(function (found, shard) {
      return found.concat(searchShard(lunr, shard, text, separator));
    }, []);
  }

  /* A text cut into runs, marked where a word is one of the terms the result matched. */
  function highlight(lunr, text, terms, separator) {
    var matched = Object.create(null);
    terms.forEach(function (term) { matched[term] = true; });
    var runs = [];
    function push(value, mark) {
      if (!value) { return; }
      var last = runs[runs.length - 1];
      if (last && last.mark === mark) { last.text += value; } else { runs.push({ text: value, mark: mark }); }
    }
    String(text).split(new RegExp("(" + separator + ")", "u")).forEach(function (piece, i) {
      var parts = i % 2 ? null : PARTS.exec(piece);
      if (!parts || !parts[2] || !matched[stem(lunr, parts[2].toLowerCase())]) {
        push(piece, false);
        return;
      }
      push(parts[1], false);
      push(parts[2], true);
      push(parts[3], false);
    });
    return runs;
  }

  /* What the page needs to show a match: plain data, the highlighting already done. */
  function present(lunr, match, separator) {
    var doc = match.doc;
    return { url: doc.url, date: doc.date, date_text: doc.date_text,
             title: highlight(lunr, doc.title, match.terms, separator),
             summary: highlight(lunr, doc.summary, match.terms, separator) };
  }

  /* ---- the page ---------------------------------------------------------- */

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

    /* The worker starts once, when first needed, and never blocks the page. */
    function load() {
      if (!state.worker) {
        status.textContent = LOADING;
        state.worker = new win.Worker(box.dataset.worker);
        state.worker.onmessage = function (event) { receive(event.data); };
        state.worker.onerror = function (event) {
          event.preventDefault();
          receive({ type: "error", message: event.message || "the search worker failed" });
        };
        state.worker.postMessage({ type: "start", lunr: absolute(box.dataset.lunr),
                                   search: absolute(box.dataset.search), manifest: absolute(box.dataset.shards) });
      }
      return state.worker;
    }

    function receive(message) {
      if (message.type === "error") {
        state.failed = message.message;
        status.textContent = failure(message.message);
      } else if (message.type === "loaded") {
        state.ready = true;
        box.dataset.loaded = message.loaded + "/" + message.total;  // years loaded: for styles and tests
        if (status.textContent === LOADING) { status.textContent = ""; }
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

    /* Results come in batches: those of the years loaded so far, then each older year's. */
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

    input.addEventListener("focus", load);
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

    input.value = currentQuery();
    run(input.value);
  }

  return { trim: trim, words: words, queryWords: queryWords, search: search, searchShard: searchShard,
           searchShards: searchShards, highlight: highlight, present: present, start: start };
}));
