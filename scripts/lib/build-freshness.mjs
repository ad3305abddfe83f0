// Whether the production build in .next is older than the sources it was built from, so that
// `npm start` after a `git pull` or an edit serves the code in the checkout, not a stale build
// (and later starts skip the build when nothing changed).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What goes into the build: the app's folders and the files that configure it. */
const SOURCES = ["app", "components", "lib", "server", "public", "instrumentation.ts"];
const CONFIG = ["next.config.ts", "tsconfig.json", "package-lock.json"];

/** The newest modification time (ms) of a file under `path`, skipping generated and hidden folders. */
function newestMtime(/** @type {string} */ path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0; // files only: a folder's time changes with editors' temporary files too
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "generated") continue;
    newest = Math.max(newest, newestMtime(join(path, e.name)));
  }
  return newest;
}

/**
 * Why `next build` must run before serving, or null when .next is up to date: no build yet,
 * or a source or config file changed after the build was made.
 * @param {string} root
 * @returns {string | null}
 */
export function buildNeeded(root) {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const built = statSync(buildId).mtimeMs;
  for (const name of [...SOURCES, ...CONFIG])
    if (newestMtime(join(root, name)) > built) return `${name} changed since the last build`;
  return null;
}
