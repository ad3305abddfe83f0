#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which Prisma 7 downloads from outside npm
# (unreachable on our machines). `prisma generate/validate/format` only need it to exist;
# migrations run through scripts/db-migrate.mjs (Prisma's wasm schema engine).
if [ "$1" = "--version" ]; then echo "schema-engine-cli stub (migrations: node scripts/db-migrate.mjs)"; exit 0; fi
echo "prisma migrate/db commands are unavailable here: use 'npm run db:deploy' or 'npm run db:migrate -- <name>' (scripts/db-migrate.mjs)" >&2
exit 1
