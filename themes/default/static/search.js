/* Newsroom search: query the prebuilt lunr index in the browser.
 *
 * The functions that turn a query into results are pure and exported for node
 * (tests/node/query_index.js runs them against the built index), so the page and
 * the tests search in exactly the same way. Results are built from DOM nodes and
 * text nodes only: no data ever goes through innerHTML.
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
  }
}(this, function () {
  "use strict";

  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var PARTS = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u;
  var DEBOUNCE_MS = 120;

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

  /* Releases matching every word, best first. Each word matches as a whole (stemmed,
   * boosted) or as the start of a term, so results come as you type. Clauses are
   * built with the query API, never parsed, so : ~ ^ + - * in a query cannot throw. */
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

  /* ---- the page ---------------------------------------------------------- */

  function start(win) {
    var doc = win.document;
    var box = doc.getElementById("search");
    if (!box || !win.lunr) {
      return;
    }
    var lunr = win.lunr;
    var input = doc.getElementById("search-q");
    var form = input.form;
    var header = doc.getElementById("site-search");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var baseTitle = doc.title;
    var state = { index: null, docs: null, separator: null, loading: null, timer: null };

    function fetchJson(url) {
      return win.fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.json();
      });
    }

    /* The index loads once, when first needed, and never blocks the page. */
    function load() {
      if (!state.loading) {
        status.textContent = "Loading the search index…";
        state.loading = Promise.all([fetchJson(box.dataset.index), fetchJson(box.dataset.docs)])
          .then(function (loaded) {
            state.index = lunr.Index.load(loaded[0]);
            state.separator = loaded[1].separator;
            state.docs = loaded[1].docs;  // a result's ref is its position in this list
            status.textContent = "";
          }, function (error) {
            state.loading = null;
            status.textContent = "The search index could not be loaded (" + error.message + "). Try again later, or browse the archive.";
            throw error;
          });
      }
      return state.loading;
    }

    function marked(text, terms) {
      var fragment = doc.createDocumentFragment();
      highlight(lunr, text, terms, state.separator).forEach(function (run) {
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

    function resultItem(result) {
      var entry = state.docs[result.ref];
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
      link.appendChild(marked(entry.title, result.terms));
      heading.appendChild(link);
      summary.className = "summary";
      summary.appendChild(marked(entry.summary, result.terms));
      article.appendChild(meta);
      article.appendChild(heading);
      article.appendChild(summary);
      item.appendChild(article);
      return item;
    }

    function show(query) {
      list.textContent = "";
      if (!query.trim()) {
        status.textContent = "";
        doc.title = baseTitle;
        return;
      }
      var results = search(lunr, state.index, query, state.separator)
        .filter(function (result) { return state.docs[result.ref]; });
      results.forEach(function (result) { list.appendChild(resultItem(result)); });
      status.textContent = results.length === 0
        ? "No releases match “" + query.trim() + "”. Check the spelling, or try fewer or other words."
        : results.length + (results.length === 1 ? " release matches" : " releases match") + " “" + query.trim() + "”.";
      doc.title = "“" + query.trim() + "” · " + baseTitle;
    }

    function run(query) {
      if (!query.trim()) {
        show("");
        return;
      }
      load().then(function () {
        if (input.value === query) { show(query); }
      }, function () {});
    }

    function urlFor(query) {
      var url = new win.URL(win.location.href);
      if (query.trim()) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
      return url.pathname + url.search + url.hash;
    }

    function currentQuery() {
      return new win.URLSearchParams(win.location.search).get("q") || "";
    }

    /* Typing replaces the history entry; submitting adds one, so Back returns to it. */
    function commit(query, push) {
      if (query !== currentQuery()) {
        win.history[push ? "pushState" : "replaceState"]({ q: query }, "", urlFor(query));
      }
      run(query);
    }

    input.addEventListener("focus", function () { load().catch(function () {}); });
    input.addEventListener("input", function () {
      win.clearTimeout(state.timer);
      state.timer = win.setTimeout(function () { commit(input.value, false); }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      win.clearTimeout(state.timer);
      commit(input.value, true);
    });
    if (header && header.form) {
      header.form.addEventListener("submit", function (event) {
        event.preventDefault();
        input.value = header.value;
        header.value = "";
        commit(input.value, true);
        input.focus();
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

  return { trim: trim, words: words, queryWords: queryWords, search: search, highlight: highlight, start: start };
}));
