#!/usr/bin/env bash
# Adds a migration NAME for both database providers (SQLite and PostgreSQL), from the current model.
#   scripts/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  SkipFrontEnd=true dotnet ef migrations add "$name" --project src/Chat.Server --context "${provider}ChatDbContext" \
    --output-dir "Storage/Migrations/$provider" --namespace "Chat.Server.Storage.Migrations.$provider"
  # The snapshot lands in a folder named after its namespace; keep it beside its migrations.
  if [ -d src/Chat.Server/Chat ]; then
    mv src/Chat.Server/Chat/Server/Storage/Migrations/$provider/*.cs "src/Chat.Server/Storage/Migrations/$provider/"
    rm -rf src/Chat.Server/Chat
  fi
done
rm -f src/Chat.Server/design.db*
