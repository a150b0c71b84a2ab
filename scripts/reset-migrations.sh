#!/usr/bin/env bash
# Until the first release the schema is one "Initial" migration per provider, made anew from the
# model whenever it changes: this deletes both and regenerates them.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Chat.Server/Storage/Migrations
scripts/add-migration.sh Initial
