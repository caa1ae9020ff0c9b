// Load every shard of a built site's search index with the real lunr.js, newest year first
// as the search manifest lists them, and run queries through the functions of the site's
// own search worker (search-worker.js), as the search page does; with the list of each
// term's years, the years the worker would load for each query. Prints JSON on stdout:
// {"warnings": [...], "shards": [{"year", "releases"}],
//  "results": {"<query>": [{"year", "url", "score", "rank", "title", "highlights", "passage"}]},
//  "counts": {"<query>": {"years": {...}, "topics": {...}}},
//  "candidates": {"<query>": [year, ...]}}
// "passage": the marked passage of the story a result shows (null: it shows its summary),
// each marked word in [brackets].
// Usage: node query_index.js SITE_DIR [--sort=best] [--year=YYYY] [--topic=SLUG] QUERY...
"use strict";
const fs = require("fs");
const path = require("path");

const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.join(" "));
}

const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const [site, ...rest] = process.argv.slice(2);
const options = { sort: "date", year: null, topic: null };
const queries = rest.filter((arg) => {
  const option = /^--(sort|year|topic)=(.*)$/.exec(arg);
  if (option) { options[option[1]] = option[1] === "year" ? Number(option[2]) : option[2]; }
  return !option;
});
// The build gives assets content-hashed names: search-worker.<hash>.js.
const assets = path.resolve(site, "assets");
const script = fs.readdirSync(assets).find((name) => /^search-worker\.[0-9a-f]{8}\.js$/.test(name));
const search = require(path.join(assets, script));
const read = (rel) => JSON.parse(fs.readFileSync(path.join(site, "search", rel), "utf8"));
const manifest = read("shards.json");
const shards = manifest.shards.map((entry) => {
  const docs = read(entry.files[1]).docs;
  if (docs.length !== entry.releases) {
    throw new Error(`${entry.files[1]}: ${docs.length} documents, the manifest says ${entry.releases}`);
  }
  return { year: entry.year, index: lunr.Index.load(read(entry.files[0])), docs, texts: read(entry.files[2]).texts };
});

const list = search.termShards(manifest);
const results = {};
const counts = {};
const candidates = {};
const runs = (found) => found && found.map((run) => (run.mark ? `[${run.text}]` : run.text)).join("");
for (const query of queries) {
  candidates[query] = search.candidates(lunr, list, query, manifest.separator).map((at) => manifest.shards[at].year);
  const all = search.searchShards(lunr, shards, query, manifest.separator, options);
  counts[query] = search.facets(all, options);
  results[query] = search.filtered(all, options).map((match) => {
    const shown = search.present(lunr, match, manifest.separator, shards[match.shard].texts);
    return {
      year: match.year,
      url: match.doc.url,
      score: match.score,
      rank: match.rank,
      title: match.doc.title,
      highlights: shown.title.filter((run) => run.mark).map((run) => run.text),
      passage: runs(shown.passage),
    };
  });
}
const listed = manifest.shards.map((entry) => ({ year: entry.year, releases: entry.releases }));
process.stdout.write(JSON.stringify({ warnings, shards: listed, results, counts, candidates }, null, 1) + "\n");
