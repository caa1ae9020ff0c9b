/* Newsroom search worker: loads the search shards (a year, or part of one, each), off the
 * page's thread, and answers a query with the shards loaded so far, then again as each
 * older shard arrives: the results shown (newest first, or best match first), filtered by
 * year and topic, with each year's and topic's count.
 *
 * The manifest lists each term's shards (newsroom/search.py), which say what shards can
 * answer a query at all: those load first, newest first, and the others are never searched
 * for it; the rest load in the background, newest first, for the queries to come. A shard's
 * stories (for the passages of results that matched in the story) are fetched only once
 * the page says results from it are on the screen.
 *
 * The functions that turn a query into results are pure and exported for node
 * (tests/node/query_index.js runs them against the built shards), so the page and the
 * tests search in exactly the same way.
 *
 * Messages in:  {type: "start", lunr, manifest} (absolute URLs),
 *               {type: "query", id, text, sort ("date" or "best"), year, topic},
 *               {type: "more", id}, {type: "shown", id} (results are on the screen).
 * Messages out: {type: "loaded", loaded, total}, {type: "error", message},
 *               {type: "results", id, items, total, counts: {years, topics}, browse, searched,
 *               complete, failed}: items are plain data (text runs), the whole list shown,
 *               or null when it is the one shown already.
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

  var stems = new Map();  // word -> stem: highlighting stems every word of every result shown

  function stem(lunr, word) {
    var known = stems.get(word);
    if (known === undefined) {
      if (stems.size > 50000) { stems.clear(); }
      known = lunr.stemmer(new lunr.Token(word)).toString();
      stems.set(word, known);
    }
    return known;
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

  /* How much a word says where it is found (newsroom/search.py's FIELDS boosts): the rank
   * of "Best match" is made of these, so it depends on the release alone, never on the
   * term statistics of its shard, and ranks compare across the whole archive. */
  var WEIGHTS = { title: 10, tags: 5, summary: 3, tickers: 2, body: 1, company: 1 };

  /* Releases of one index matching every word. Each word matches as a whole (stemmed,
   * boosted) or as the start of a term, so results come as you type. Clauses are built
   * with the query API, never parsed, so : ~ ^ + - * in a query cannot throw. Each result
   * has its rank (per word, the best place it is found: a whole word counts twice a word's
   * start) and whether the story matched. */
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
    var found = [];
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var terms = Object.keys(metadata);
      var rank = 0, story = false;
      var all = wanted.every(function (word, i) {
        var best = 0;
        terms.forEach(function (term) {
          var whole = term === stems[i];
          if (!whole && term.lastIndexOf(word, 0) !== 0) { return; }
          Object.keys(metadata[term]).forEach(function (field) {
            best = Math.max(best, (WEIGHTS[field] || 1) * (whole ? 2 : 1));
            story = story || field === "body";
          });
        });
        rank += best;
        return best > 0;
      });
      if (all) {
        found.push({ ref: result.ref, score: result.score, terms: terms, rank: rank, story: story });
      }
    });
    return found;
  }

  /* The matches of one loaded shard ({position, year, index, docs}), in its store's order
   * (the site's: newest first), with what they show. */
  function searchShard(lunr, shard, text, separator) {
    return search(lunr, shard.index, text, separator).filter(function (result) {
      return shard.docs[result.ref];  // a result's ref is its position in the shard's store
    }).map(function (result) {
      return { shard: shard.position, ref: Number(result.ref), year: shard.year, score: result.score,
               rank: result.rank, story: result.story, terms: result.terms, doc: shard.docs[result.ref] };
    }).sort(byDate);
  }

  /* Every release of a shard, for filters without words: no rank, nothing to highlight. */
  function browseShard(shard) {
    return shard.docs.map(function (doc, ref) {
      return { shard: shard.position, ref: ref, year: shard.year, score: 0, rank: 0, story: false, terms: [], doc: doc };
    });
  }

  /* Newest first: shards come newest first, and each store in the site's order. */
  function byDate(a, b) {
    return (a.shard - b.shard) || (a.ref - b.ref);
  }

  /* Best match: the highest rank first, equal ranks newest first. */
  function byRank(a, b) {
    return (b.rank - a.rank) || byDate(a, b);
  }

  function sorted(matches, sort) {
    return matches.slice().sort(sort === "best" ? byRank : byDate);
  }

  /* Filters: {year: number or null, topic: slug or null}. */
  function passes(match, filters, skip) {
    return (skip === "year" || !filters.year || match.year === filters.year) &&
      (skip === "topic" || !filters.topic || (match.doc.topics || []).indexOf(filters.topic) !== -1);
  }

  function filtered(matches, filters) {
    return matches.filter(function (match) { return passes(match, filters); });
  }

  /* How many matches each year and topic would show: a year's count with the topic filter
   * applied, a topic's with the year filter, so each count is what choosing it shows. */
  function facets(matches, filters) {
    var years = {}, topics = {};
    matches.forEach(function (match) {
      if (passes(match, filters, "year")) { years[match.year] = (years[match.year] || 0) + 1; }
      if (passes(match, filters, "topic")) {
        (match.doc.topics || []).forEach(function (topic) { topics[topic] = (topics[topic] || 0) + 1; });
      }
    });
    return { years: years, topics: topics };
  }

  /* Matches across shards (newest first as the manifest lists them) in the chosen order:
   * what the worker has once every shard has answered (filters alone, no words: every
   * release). filtered() picks those shown, facets() counts them. */
  function searchShards(lunr, shards, text, separator, options) {
    options = options || {};
    var matches = shards.reduce(function (found, shard, position) {
      var placed = { position: position, year: shard.year, index: shard.index, docs: shard.docs };
      return found.concat(queryWords(lunr, text, separator).length ? searchShard(lunr, placed, text, separator)
        : (options.year || options.topic ? browseShard(placed) : []));
    }, []);
    return sorted(matches, options.sort);
  }

  /* The manifest's list of each term's shards ({terms, term_shards}: space-separated, terms
   * in JavaScript's string order) made searchable: terms, and each one's shards as a bit mask. */
  function termShards(manifest) {
    var terms = manifest.terms ? manifest.terms.split(" ") : [];
    var masks = manifest.term_shards ? manifest.term_shards.split(" ") : [];
    if (terms.length !== masks.length) { throw new Error("the list of terms is damaged"); }
    return { terms: terms, masks: masks };
  }

  /* The position of the first term not before `word`. */
  function lowerBound(terms, word) {
    var low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (terms[middle] < word) { low = middle + 1; } else { high = middle; }
    }
    return low;
  }

  /* The shards (positions in the manifest, newest first) that can answer a query: for every
   * word, a term that is its stem or begins with it, as search() matches. None for a query
   * of stop words alone, as search() finds nothing for it. */
  function candidates(lunr, list, text, separator) {
    var wanted = queryWords(lunr, text, separator);
    if (wanted.length === 0) { return []; }
    var common = null;
    wanted.forEach(function (word) {
      var mask = BigInt(0);
      var stemmed = stem(lunr, word);
      var at = lowerBound(list.terms, stemmed);
      if (list.terms[at] === stemmed) { mask |= BigInt("0x" + list.masks[at]); }
      for (at = lowerBound(list.terms, word); at < list.terms.length && list.terms[at].lastIndexOf(word, 0) === 0; at += 1) {
        mask |= BigInt("0x" + list.masks[at]);
      }
      common = common === null ? mask : common & mask;
    });
    var positions = [];
    for (var position = 0; common > BigInt(0); position += 1, common >>= BigInt(1)) {
      if (common & BigInt(1)) { positions.push(position); }
    }
    return positions;
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

  var BEFORE = 70, AFTER = 150;  // characters of a passage around a match in the story

  /* A short passage of `text` around its first word the result matched, cut at spaces,
   * marked; null when no word of it matched. */
  function passage(lunr, text, terms, separator) {
    var matched = Object.create(null);
    terms.forEach(function (term) { matched[term] = true; });
    var pieces = String(text).split(new RegExp("(" + separator + ")", "u"));
    var at = -1;
    for (var i = 0, offset = 0; i < pieces.length; offset += pieces[i].length, i += 1) {
      var parts = i % 2 ? null : PARTS.exec(pieces[i]);
      if (parts && parts[2] && matched[stem(lunr, parts[2].toLowerCase())]) {
        at = offset + parts[1].length;
        break;
      }
    }
    if (at === -1) { return null; }
    text = String(text);
    var start = Math.max(0, at - BEFORE), end = Math.min(text.length, at + AFTER);
    if (start > 0) { start = text.indexOf(" ", start) + 1 || at; start = Math.min(start, at); }
    if (end < text.length) { var space = text.lastIndexOf(" ", end); end = space > at ? space : end; }
    var runs = highlight(lunr, text.slice(start, end).trim(), terms, separator);
    if (start > 0) { runs.unshift({ text: "… ", mark: false }); }
    if (end < text.length) { runs.push({ text: " …", mark: false }); }
    return runs;
  }

  function marks(runs) {
    return runs.some(function (run) { return run.mark; });
  }

  /* What the page needs to show a match: plain data, the highlighting already done. A match
   * in the story whose summary shows no matched word gets a passage of the story instead,
   * once `texts` (the shard's stories) are here; until then `passage` is "pending". */
  function present(lunr, match, separator, texts) {
    var doc = match.doc;
    var shown = { url: doc.url, date: doc.date, date_text: doc.date_text,
                  title: highlight(lunr, doc.title, match.terms, separator),
                  summary: highlight(lunr, doc.summary, match.terms, separator), passage: null };
    if (match.story && !marks(shown.summary)) {
      shown.passage = texts ? passage(lunr, texts[match.ref] || "", match.terms, separator) : "pending";
    }
    return shown;
  }

  /* ---- the worker -------------------------------------------------------- */

  var PAGE = 50;  // results sent at a time; the page asks for more
  var IDLE_MS = 300;  // after the manifest, shards no query asked for wait this long to load

  /* A search through a tiny index, so that the first real search does not also pay for
   * compiling lunr.js's loading and querying code, and ours: it is paid here, while the
   * manifest is on its way. */
  function warmUp(lunr) {
    var built = lunr(function () {
      this.ref("id");
      this.field("title");
      this.add({ id: "0", title: "Warming up the search engine" });
    });
    var shard = { position: 0, year: 0, index: lunr.Index.load(JSON.parse(JSON.stringify(built))),
                  docs: [{ url: "", title: "Warming up", summary: "the search engine", date: "", date_text: "", topics: [] }] };
    var matches = searchShard(lunr, shard, "warming engi", "[\\s\\-]+");
    facets(sorted(matches, "best"), { year: null, topic: null });
    matches.forEach(function (match) {
      present(lunr, match, "[\\s\\-]+", ["Warming up the search engine"]);
    });
  }

  function fetchJson(scope, url, cache) {
    return scope.fetch(url, { cache: cache || "default" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    });
  }

  function serve(scope) {
    var state = { lunr: null, separator: null, entries: null, list: null, fetching: [], fetched: [], shards: [], texts: [],
                  broken: [], downloads: 0, loaded: 0, indexing: false, idle: false, failed: null, query: null,
                  scheduled: false };

    scope.onmessage = function (event) {
      var message = event.data;
      if (message.type === "start") {
        start(message);
      } else if (message.type === "query") {
        state.query = { id: message.id, text: message.text, sort: message.sort === "best" ? "best" : "date",
                        filters: { year: message.year || null, topic: message.topic || null },
                        positions: null, next: 0, searched: 0, skipped: false, matches: [], limit: PAGE,
                        shown: null, summary: null, wantsText: false };
        place(state.query);
        schedule();
      } else if (message.type === "more" && state.query && state.query.id === message.id) {
        state.query.limit += PAGE;
        schedule();
      } else if (message.type === "shown" && state.query && state.query.id === message.id) {
        state.query.wantsText = true;  // results are on the page: now the stories they need
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
      warmUp(state.lunr);
      manifest.then(function (loaded) {
        var base = message.manifest;
        state.separator = loaded.separator;
        state.entries = loaded.shards.map(function (entry) {
          var urls = entry.files.map(function (name) { return new URL(name, base).href; });
          return { year: entry.year, urls: urls.slice(0, 2), text: urls[2] };
        });
        try {
          state.list = termShards(loaded);
        } catch (error) {
          state.list = false;  // without the list every shard is searched, newest first: slower, still right
        }
        scope.postMessage({ type: "loaded", loaded: 0, total: state.entries.length });
        if (state.query) { place(state.query); }
        schedule();
        pump();
        scope.setTimeout(function () {
          state.idle = true;
          pump();
        }, IDLE_MS);
      }).catch(fail);
    }

    /* Download a shard (once); it is indexed when its turn comes (indexNext). */
    function fetchShard(position) {
      if (!state.fetching[position]) {
        state.downloads += 1;
        state.fetching[position] = Promise.all(state.entries[position].urls.map(function (url) {
          return fetchJson(scope, url);
        })).then(function (files) {
          state.downloads -= 1;
          state.fetched[position] = files;
          scheduleIndexing();
          pump();  // the next shard downloads while this one is indexed
        }).catch(function (error) {
          state.downloads -= 1;
          broken(position, error);
        });
      }
    }

    /* A shard that cannot be loaded is passed over; the others still load and answer. */
    function broken(position, error) {
      state.broken[position] = true;
      fail(error);
      pump();
    }

    /* The shards not indexed yet, in the order they are wanted: the newest the current query
     * can still use first, then the newest. */
    function wanted() {
      var query = state.query;
      var all = state.entries.map(function (_, position) { return position; });
      return (query && query.positions ? query.positions.concat(all) : all).filter(function (position, at, list) {
        return !state.shards[position] && !state.broken[position] && list.indexOf(position) === at;
      });
    }

    /* The shards a query can be answered from, as soon as the manifest says which. */
    function place(query) {
      if (state.entries && query.positions === null) {
        var all = state.entries.map(function (_, position) { return position; });
        var words = queryWords(state.lunr, query.text, state.separator).length > 0;
        query.browse = !words;
        query.positions = !words ? (query.filters.year || query.filters.topic ? all : [])
          : state.list ? candidates(state.lunr, state.list, query.text, state.separator) : all;
        // The chosen year's shards first: its results come first; the others only count.
        var year = query.filters.year;
        query.positions = query.positions.filter(function (at) { return state.entries[at].year === year; })
          .concat(query.positions.filter(function (at) { return state.entries[at].year !== year; }));
        pump();
      }
    }

    /* The shard the current query needs next downloads at once, and nothing else starts
     * meanwhile; the others one at a time, the newest first, once the worker has been idle
     * a moment (IDLE_MS): a query typed at once never waits behind a shard it does not need. */
    function pump() {
      var query = state.query;
      if (!state.entries) { return; }
      var next = wanted();
      if (query && query.positions && query.positions.indexOf(next[0]) !== -1) {
        fetchShard(next[0]);
      } else if (state.idle && state.downloads === 0 && next.length) {
        fetchShard(next[0]);
      }
    }

    function scheduleIndexing() {
      if (!state.indexing) {
        state.indexing = true;
        scope.setTimeout(indexNext, 0);  // a task: a query waiting to be answered goes first
      }
    }

    /* Index one downloaded shard, the most wanted, then come back for the next. */
    function indexNext() {
      state.indexing = false;
      var position = wanted().filter(function (at) { return state.fetched[at]; })[0];
      if (position === undefined) { return; }
      var files = state.fetched[position];
      delete state.fetched[position];
      try {
        state.shards[position] = { position: position, year: state.entries[position].year,
                                   index: state.lunr.Index.load(files[0]), docs: files[1].docs };
      } catch (error) {
        broken(position, error);
        return;
      }
      state.loaded += 1;
      scope.postMessage({ type: "loaded", loaded: state.loaded, total: state.entries.length });
      schedule();
      pump();
      scheduleIndexing();
    }

    /* What did load is still searched; a query that could not search a shard it needed
     * says so. */
    function fail(error) {
      state.failed = String((error && error.message) || error);
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

    /* A shard's stories, for the passages of the results shown from it (fetched once). */
    function fetchText(position) {
      if (state.texts[position] === undefined) {
        state.texts[position] = null;
        fetchJson(scope, state.entries[position].text).then(function (loaded) {
          state.texts[position] = loaded.texts;
          schedule();
        }).catch(function (error) {
          state.texts[position] = [];  // no passages from it: its results show their summaries
          scope.postMessage({ type: "error", message: String((error && error.message) || error) });
          schedule();
        });
      }
      return state.texts[position];
    }

    var SLICE_MS = 25;  // searching this long, the worker says what it found before going on

    /* Search the shards that can answer, in order, as they load, and send what is shown:
     * newest first, only matches that pass the filters, with counts of each year and topic.
     * Shards are searched a slice of time at a time, then the rest in a later task: a newer
     * query may come between. A shard that cannot be loaded is passed over. */
    function answer() {
      state.scheduled = false;
      var query = state.query;
      if (!query || (!state.entries && !state.failed)) {
        return;  // the manifest is not here yet: the query waits for it, not for the shards
      }
      if (query.positions === null) {
        query.positions = [];  // the manifest could not be loaded: nothing to search
      }
      var began = Date.now();
      var before = query.next;
      var slice = query.summary === null ? 0 : SLICE_MS;  // the first answer: one shard, at once
      while (query.next < query.positions.length && (query.next === before || Date.now() - began < slice)) {
        var shard = state.shards[query.positions[query.next]];
        if (!shard && state.entries && !state.broken[query.positions[query.next]]) { break; }
        if (shard) {
          query.matches = query.matches.concat(query.browse ? browseShard(shard)
            : searchShard(state.lunr, shard, query.text, state.separator));
          query.searched += 1;
        } else {
          query.skipped = true;
        }
        query.next += 1;
      }
      var complete = query.next === query.positions.length;
      var position = query.positions[query.next];
      var more = !complete && (state.shards[position] || state.broken[position]);
      send(query, complete);
      if (more) { schedule(); }
    }

    /* The results the page shows (items: null when they are those it shows already). */
    function send(query, complete) {
      var shown = sorted(filtered(query.matches, query.filters), query.sort);
      var items = shown.slice(0, query.limit).map(function (match) {
        var item = present(state.lunr, match, state.separator, null);
        var texts = item.passage === "pending" && query.wantsText ? fetchText(match.shard) : null;
        return texts ? present(state.lunr, match, state.separator, texts) : item;
      });
      var key = JSON.stringify(items);
      var message = { type: "results", id: query.id, items: null, total: shown.length,
                      counts: facets(query.matches, query.filters), browse: query.browse, searched: query.searched,
                      complete: complete, failed: query.skipped || !state.entries ? state.failed : null };
      var summary = JSON.stringify(message);
      if (key === query.shown && summary === query.summary) { return; }
      message.items = key === query.shown ? null : items;
      scope.postMessage(message);
      query.shown = key;
      query.summary = summary;
    }
  }

  return { trim: trim, words: words, queryWords: queryWords, search: search, searchShard: searchShard,
           browseShard: browseShard, sorted: sorted, filtered: filtered, facets: facets, passage: passage,
           searchShards: searchShards, termShards: termShards, candidates: candidates, highlight: highlight, present: present, serve: serve };
}));
