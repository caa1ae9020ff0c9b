// Load a built site's search index with the real lunr.js and run queries through the
// site's own search.js, as the search page does. Prints JSON on stdout:
// {"warnings": [...], "results": {"<query>": [{"ref", "url", "score", "title", "highlights"}]}}
// Usage: node query_index.js SITE_DIR QUERY...
"use strict";
const fs = require("fs");
const path = require("path");

const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.join(" "));
}

const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const [site, ...queries] = process.argv.slice(2);
// The build gives assets content-hashed names: search.<hash>.js.
const assets = path.resolve(site, "assets");
const script = fs.readdirSync(assets).find((name) => /^search\.[0-9a-f]{8}\.js$/.test(name));
const search = require(path.join(assets, script));
const read = (rel) => JSON.parse(fs.readFileSync(path.join(site, "search", rel), "utf8"));
const index = lunr.Index.load(read("index.json"));
const store = read("docs.json");
const docs = store.docs;  // a result's ref is its position here

const results = {};
for (const query of queries) {
  results[query] = search.search(lunr, index, query, store.separator).map((result) => ({
    ref: result.ref,
    url: docs[result.ref].url,
    score: result.score,
    title: docs[result.ref].title,
    highlights: search.highlight(lunr, docs[result.ref].title, result.terms, store.separator)
      .filter((run) => run.mark).map((run) => run.text),
  }));
}
process.stdout.write(JSON.stringify({ warnings, results }, null, 1) + "\n");
