// Whether the production build in .next was made from the sources in the checkout, so that
// `npm start` after a `git pull` or an edit serves the code in the checkout, not a stale build,
// and later starts (or `npm start` after `npm test`) skip the build when nothing changed.
//   - A build made by our scripts (npm start, npm test) carries a stamp, .next/source-hash: a
//     hash of every source and config file's content, and the BUILD_ID it belongs to. The build
//     is fresh iff the checkout hashes the same (touching or re-checking-out files costs nothing).
//   - A build without a valid stamp (`npx next build` by hand) is judged by modification times:
//     stale when a source is newer than its BUILD_ID.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What goes into the build: the app's folders and the files that configure it. */
const SOURCES = ["app", "components", "lib", "server", "public", "instrumentation.ts"];
const CONFIG = ["next.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const STAMP = join(".next", "source-hash");

/** Generated and hidden folders are not sources (prisma generate rewrites server/generated). */
const skipped = (/** @type {string} */ name) =>
  name.startsWith(".") || name === "node_modules" || name === "generated";

/** Files under `path` (itself if a file), in a stable order. @returns {string[]} */
function files(/** @type {string} */ path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !skipped(e.name))
    .map((e) => e.name)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** The newest modification time (ms) of a file under `path` (files only: a folder's time changes with editors' temporary files too). */
const newestMtime = (/** @type {string} */ path) =>
  Math.max(0, ...files(path).map((f) => statSync(f).mtimeMs));

/**
 * A hash of the content (and relative path) of every file the build reads.
 * @param {string} root
 */
export function sourceHash(root) {
  const hash = createHash("sha256");
  for (const name of [...SOURCES, ...CONFIG])
    for (const file of files(join(root, name))) {
      hash.update(`${file.slice(root.length)}\0`);
      hash.update(readFileSync(file));
      hash.update("\0");
    }
  return hash.digest("hex");
}

const buildId = (/** @type {string} */ root) => {
  try {
    return readFileSync(join(root, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
};

/** The stamp's hash when it belongs to the current build, else undefined. @param {string} root */
function stampedHash(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP), "utf8"));
    return stamp.buildId === buildId(root) ? String(stamp.sourceHash) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records that the build in .next was made from sources hashing to `hash` (computed before
 * the build started, so an edit during the build makes the next start rebuild).
 * @param {string} root
 * @param {string} hash
 */
export function writeBuildStamp(root, hash) {
  const id = buildId(root);
  if (id)
    writeFileSync(join(root, STAMP), `${JSON.stringify({ buildId: id, sourceHash: hash })}\n`);
}

/**
 * Why `next build` must run before serving, or null when .next is up to date: no build yet,
 * or the sources differ from the ones the build was made from.
 * @param {string} root
 * @param {string} [hash] the checkout's sourceHash, when the caller has it already
 * @returns {string | null}
 */
export function buildNeeded(root, hash) {
  const id = join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return "no production build yet";
  const stamped = stampedHash(root);
  if (stamped !== undefined)
    return stamped === (hash ?? sourceHash(root))
      ? null
      : "the sources differ from the last build's";
  const built = statSync(id).mtimeMs;
  for (const name of [...SOURCES, ...CONFIG])
    if (newestMtime(join(root, name)) > built) return `${name} changed since the last build`;
  return null;
}
