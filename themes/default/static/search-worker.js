/* Newsroom search worker: loads the year shards newest first, off the page's thread, and
 * answers a query with the years loaded so far, then again as each older year arrives.
 *
 * The functions that turn a query into results are pure and exported for node
 * (tests/node/query_index.js runs them against the built shards), so the page and the
 * tests search in exactly the same way.
 *
 * Messages in:  {type: "start", lunr, manifest} (absolute URLs),
 *               {type: "query", id, text}, {type: "more", id}.
 * Messages out: {type: "loaded", loaded, total}, {type: "error", message},
 *               {type: "results", id, start, items, total, searched, complete, failed}:
 *               items are plain data (text runs), appended by the page at position start.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    api.serve(root);
  }
}(this, function () {
  "use strict";

  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var PARTS = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u;

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

  /* ---- the worker -------------------------------------------------------- */

  var PAGE = 50;  // results sent at a time; the page asks for more

  function fetchJson(scope, url, cache) {
    return scope.fetch(url, { cache: cache || "default" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    });
  }

  function serve(scope) {
    var state = { lunr: null, separator: null, shards: [], total: null, failed: null, query: null, scheduled: false };

    scope.onmessage = function (event) {
      var message = event.data;
      if (message.type === "start") {
        start(message);
      } else if (message.type === "query") {
        state.query = { id: message.id, text: message.text, searched: 0, matches: [], sent: 0, limit: PAGE,
                        told: false, complete: false };
        schedule();
      } else if (message.type === "more" && state.query && state.query.id === message.id) {
        state.query.limit += PAGE;
        schedule();
      }
    };

    /* The manifest downloads while lunr is imported (importScripts blocks this thread). */
    function start(message) {
      var manifest = fetchJson(scope, message.manifest, "no-cache");
      manifest.catch(function () {});  // reported below
      try {
        scope.importScripts(message.lunr);  // the site's own hashed copy of lunr.js
      } catch (error) {
        fail(error);
        return;
      }
      state.lunr = scope.lunr;
      manifest.then(function (loaded) {
        state.separator = loaded.separator;
        state.total = loaded.shards.length;
        var entries = loaded.shards.map(function (entry) {
          return { year: entry.year, urls: entry.files.map(function (name) { return new URL(name, message.manifest).href; }) };
        });
        scope.postMessage({ type: "loaded", loaded: 0, total: state.total });
        schedule();
        return entries.length ? loadFrom(entries, 0, fetchShard(entries[0])) : null;
      }).catch(fail);
    }

    function fetchShard(entry) {
      return Promise.all(entry.urls.map(function (url) { return fetchJson(scope, url); }));
    }

    /* One year at a time, newest first; the next year downloads while this one is indexed,
     * and a query waiting to be answered goes before the indexing (a task queued after it). */
    function loadFrom(entries, at, fetched) {
      return fetched.then(function (files) {
        var next = at + 1 < entries.length ? fetchShard(entries[at + 1]) : null;
        if (next) { next.catch(function () {}); }  // reported when its turn comes
        return new Promise(function (resolve) { scope.setTimeout(resolve, 0); }).then(function () {
          state.shards.push({ year: entries[at].year, index: state.lunr.Index.load(files[0]), docs: files[1].docs });
          scope.postMessage({ type: "loaded", loaded: state.shards.length, total: state.total });
          schedule();
          return next ? loadFrom(entries, at + 1, next) : null;
        });
      });
    }

    function fail(error) {
      state.failed = String((error && error.message) || error);
      state.total = state.shards.length;  // search what did load
      scope.postMessage({ type: "error", message: state.failed });
      schedule();
    }

    /* Queries typed in a burst collapse into the last one: only it is answered. */
    function schedule() {
      if (!state.scheduled) {
        state.scheduled = true;
        scope.setTimeout(answer, 0);
      }
    }

    /* Search the loaded years not yet searched (one at least, more until a page of results
     * is found), send what is new, and come back for the rest: a newer query may come between. */
    function answer() {
      state.scheduled = false;
      var query = state.query;
      if (!query || state.total === null || (state.shards.length === 0 && state.total > 0)) {
        return;  // the first year is not loaded yet: the query waits for it, not for all
      }
      var before = query.searched;
      while (query.searched < state.shards.length && (query.searched === before || query.matches.length < query.limit)) {
        query.matches = query.matches.concat(
          searchShard(state.lunr, state.shards[query.searched], query.text, state.separator));
        query.searched += 1;
      }
      var complete = query.searched === state.total;
      var items = query.matches.slice(query.sent, query.limit).map(function (match) {
        return present(state.lunr, match, state.separator);
      });
      if (items.length || !query.told || (complete && !query.complete)) {
        scope.postMessage({ type: "results", id: query.id, start: query.sent, items: items, total: query.matches.length,
                            searched: query.searched, complete: complete, failed: state.failed });
        query.sent += items.length;
        query.told = true;
        query.complete = complete;
      }
      if (query.searched < state.shards.length) {
        schedule();
      }
    }
  }

  return { trim: trim, words: words, queryWords: queryWords, search: search, searchShard: searchShard,
           searchShards: searchShards, highlight: highlight, present: present, serve: serve };
}));
