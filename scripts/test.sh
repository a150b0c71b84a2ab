#!/usr/bin/env bash
# The test command: installs what the tests need and is missing, builds everything (the widget and
# the console included) and runs every test. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x "${CHAT_PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" ] || missing+=(postgresql-15)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd dovecot-lmtpd)
[ -x /usr/sbin/smtpd ] || missing+=(opensmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Install them (apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results=$(mktemp -d)
rm -rf tests/results
trap 'rm -rf "$results"' EXIT

echo "== front-end: install and unit tests"
# One npm workspace (package.json at the root): the shared package, the widget and the console.
npm ci --no-audit --no-fund --loglevel=error
for package in client-shared client-widget src/agent-console; do
  (cd "$package" && npm test -- --reporter=default --reporter=json --outputFile="$results/$(basename "$package").json")
done

echo "== build (warnings are errors)"
dotnet build Chat.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

echo "== .NET tests"
status=0
dotnet test Chat.sln -c Release --no-build --nologo --logger "trx;LogFilePrefix=chat" --results-directory "$results" "$@" || status=$?

if [ -f tests/results/fault-harness.md ]; then
  echo "== fault harness (tests/ScaleOut): per scenario, acknowledged messages checked against what every receiver shows"
  cat tests/results/fault-harness.md
fi

node - "$results" <<'JS'
const fs = require("fs"), path = require("path");
let passed = 0, failed = 0;
for (const file of fs.readdirSync(process.argv[2])) {
  const text = fs.readFileSync(path.join(process.argv[2], file), "utf8");
  if (file.endsWith(".json")) {
    const report = JSON.parse(text);
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  } else if (file.endsWith(".trx")) {
    const counters = /<Counters [^>]*>/.exec(text)?.[0] ?? "";
    const count = (name) => Number(new RegExp(` ${name}="(\\d+)"`).exec(counters)?.[1] ?? 0);
    passed += count("passed");
    failed += count("failed") + count("error");
  }
}
console.log(`${passed} passed, ${failed} failed`);
JS
exit $status
