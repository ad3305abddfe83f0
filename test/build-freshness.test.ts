import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildNeeded, sourceHash, writeBuildStamp } from "../scripts/lib/build-freshness.mjs";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A checkout with one source file and (optionally) a build, with chosen modification times. */
function checkout(times: { source: number; build?: number; generated?: number }) {
  root = mkdtempSync(join(tmpdir(), "bpc-build-"));
  const at = (path: string, s: number) => utimesSync(path, s, s);
  mkdirSync(join(root, "lib", "plan"), { recursive: true });
  mkdirSync(join(root, "server", "generated"), { recursive: true });
  const source = join(root, "lib", "plan", "make-plan.ts");
  writeFileSync(source, "export {};\n");
  const generated = join(root, "server", "generated", "client.ts");
  writeFileSync(generated, "export {};\n");
  at(generated, times.generated ?? 1_000);
  at(source, times.source);
  at(join(root, "server"), 5_000); // a folder's own time does not count (prisma generate made one)
  if (times.build !== undefined) {
    mkdirSync(join(root, ".next"));
    writeFileSync(join(root, ".next", "BUILD_ID"), "x");
    at(join(root, ".next", "BUILD_ID"), times.build);
  }
}

describe("npm start's build check", () => {
  it("builds when there is no build", () => {
    checkout({ source: 1_000 });
    expect(buildNeeded(root)).toBe("no production build yet");
  });

  it("rebuilds when a source changed after the build, and not otherwise", () => {
    checkout({ source: 3_000, build: 2_000 });
    expect(buildNeeded(root)).toBe("lib changed since the last build");
    checkout({ source: 1_000, build: 2_000 });
    expect(buildNeeded(root)).toBeNull();
  });

  it("ignores generated code (prisma generate runs at every npm ci)", () => {
    checkout({ source: 1_000, build: 2_000, generated: 3_000 });
    expect(buildNeeded(root)).toBeNull();
  });

  it("trusts a build stamped with the sources' hash: touching files does not rebuild, an edit does", () => {
    checkout({ source: 1_000, build: 2_000 });
    writeBuildStamp(root, sourceHash(root));
    const source = join(root, "lib", "plan", "make-plan.ts");
    utimesSync(source, 9_000, 9_000); // a checkout or a `touch`: same content
    expect(buildNeeded(root)).toBeNull();
    writeFileSync(source, "export const changed = 1;\n");
    expect(buildNeeded(root)).toBe("the sources differ from the last build's");
  });

  it("ignores a stamp made for another build (then modification times decide)", () => {
    checkout({ source: 3_000, build: 2_000 });
    writeBuildStamp(root, sourceHash(root));
    writeFileSync(join(root, ".next", "BUILD_ID"), "another build");
    utimesSync(join(root, ".next", "BUILD_ID"), 2_000, 2_000);
    expect(buildNeeded(root)).toBe("lib changed since the last build");
  });
});
