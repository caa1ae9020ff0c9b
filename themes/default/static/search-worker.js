/* Newsroom search worker: loads the year shards newest first, off the page's thread, and
 * answers a query with the years loaded so far, then again as each older year arrives.
 *
 * Messages in:  {type: "start", lunr, search, manifest} (absolute URLs),
 *               {type: "query", id, text}, {type: "more", id}.
 * Messages out: {type: "loaded", loaded, total}, {type: "error", message},
 *               {type: "results", id, start, items, total, searched, complete, failed}:
 *               items are plain data (text runs), appended by the page at position start.
 */
/* global importScripts, lunr, NewsroomSearch */
"use strict";

var PAGE = 50;  // results sent at a time; the page asks for more
var state = { api: null, separator: null, shards: [], total: null, failed: null, query: null, scheduled: false };

self.onmessage = function (event) {
  var message = event.data;
  if (message.type === "start") {
    start(message);
  } else if (message.type === "query") {
    state.query = { id: message.id, text: message.text, searched: 0, matches: [], sent: 0, limit: PAGE, told: false, complete: false };
    schedule();
  } else if (message.type === "more" && state.query && state.query.id === message.id) {
    state.query.limit += PAGE;
    schedule();
  }
};

function start(message) {
  try {
    importScripts(message.lunr, message.search);  // lunr stays the site's own hashed copy
  } catch (error) {
    fail(error);
    return;
  }
  state.api = NewsroomSearch;
  fetchJson(message.manifest, "no-cache").then(function (manifest) {
    state.separator = manifest.separator;
    state.total = manifest.shards.length;
    var entries = manifest.shards.map(function (entry) {
      return { year: entry.year, urls: entry.files.map(function (name) { return new URL(name, message.manifest).href; }) };
    });
    self.postMessage({ type: "loaded", loaded: 0, total: state.total });
    schedule();
    return entries.length ? loadFrom(entries, 0, fetchShard(entries[0])) : null;
  }).catch(fail);
}

function fetchJson(url, cache) {
  return fetch(url, { cache: cache || "default" }).then(function (response) {
    if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
    return response.json();
  });
}

function fetchShard(entry) {
  return Promise.all(entry.urls.map(function (url) { return fetchJson(url); }));
}

/* One year at a time, newest first; the next year downloads while this one is indexed. */
function loadFrom(entries, at, fetched) {
  return fetched.then(function (files) {
    var next = at + 1 < entries.length ? fetchShard(entries[at + 1]) : null;
    if (next) { next.catch(function () {}); }  // reported when its turn comes
    state.shards.push({ year: entries[at].year, index: lunr.Index.load(files[0]), docs: files[1].docs });
    self.postMessage({ type: "loaded", loaded: state.shards.length, total: state.total });
    schedule();
    return next ? loadFrom(entries, at + 1, next) : null;
  });
}

function fail(error) {
  state.failed = String((error && error.message) || error);
  state.total = state.shards.length;  // search what did load
  self.postMessage({ type: "error", message: state.failed });
  schedule();
}

/* Queries typed in a burst collapse into the last one: only it is answered. */
function schedule() {
  if (!state.scheduled) {
    state.scheduled = true;
    setTimeout(answer, 0);
  }
}

/* Search the loaded years not yet searched (one at least, more until a page of results is
 * found), send what is new, and come back for the rest: a newer query may arrive between. */
function answer() {
  state.scheduled = false;
  var query = state.query;
  if (!query || state.total === null || (state.shards.length === 0 && state.total > 0)) {
    return;  // the first year is not loaded yet: the query waits for it, not for all
  }
  var before = query.searched;
  while (query.searched < state.shards.length && (query.searched === before || query.matches.length < query.limit)) {
    query.matches = query.matches.concat(
      state.api.searchShard(lunr, state.shards[query.searched], query.text, state.separator));
    query.searched += 1;
  }
  var complete = query.searched === state.total;
  var items = query.matches.slice(query.sent, query.limit).map(function (match) {
    return state.api.present(lunr, match, state.separator);
  });
  if (items.length || !query.told || (complete && !query.complete)) {
    self.postMessage({ type: "results", id: query.id, start: query.sent, items: items, total: query.matches.length,
                       searched: query.searched, complete: complete, failed: state.failed });
    query.sent += items.length;
    query.told = true;
    query.complete = complete;
  }
  if (query.searched < state.shards.length) {
    schedule();
  }
}
