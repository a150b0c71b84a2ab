// Bundles the agent console (with the conversation logic it shares with the widget) into one file, and the reports'
// charts with Chart.js into another that the console loads only when the reports view first opens.
import { build } from "esbuild";
import { statSync } from "node:fs";

const bundles = [
  { entry: "src/index.ts", outfile: "../Chat.Server/wwwroot/dist/agent-console.js" },
  { entry: "src/reports/charts.ts", outfile: "../Chat.Server/wwwroot/dist/agent-reports.js" },
];

for (const { entry, outfile } of bundles) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    legalComments: "none",
    logLevel: "warning",
  });
  console.log(`${outfile.split("/").pop()}: ${(statSync(outfile).size / 1024).toFixed(1)} KB minified`);
}
