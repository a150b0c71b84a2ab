// Bundles the agent console (with the conversation logic it shares with the widget) into one file.
import { build } from "esbuild";
import { statSync } from "node:fs";

const outfile = "../Chat.Server/wwwroot/dist/agent-console.js";

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

console.log(`agent-console.js: ${(statSync(outfile).size / 1024).toFixed(1)} KB minified`);
