// Stem words with the real lunr.js, one per line on stdin; prints "word stem" lines.
"use strict";
const path = require("path");
const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));

const words = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
for (const word of words) {
  process.stdout.write(`${word} ${lunr.stemmer(new lunr.Token(word)).toString()}\n`);
}
