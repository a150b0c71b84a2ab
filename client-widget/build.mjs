// Bundles the widget into one minified file and refuses to ship it when it grows past the budget.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const outfile = "../src/Chat.Server/wwwroot/dist/chat-widget.js";
const budgetBytes = 40 * 1024;

await build({
  entryPoints: ["src/index.ts"],
  outfile,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});

const minified = readFileSync(outfile);
const gzipped = gzipSync(minified, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`chat-widget.js: ${kb(minified.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(budgetBytes)})`);
if (gzipped > budgetBytes) {
  console.error(`chat-widget.js is over its size budget by ${kb(gzipped - budgetBytes)}.`);
  process.exit(1);
}
