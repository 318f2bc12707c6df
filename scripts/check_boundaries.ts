/**
 * The layering rule as a script: nothing under core/ may import api/, cli/,
 * jobs/, db/, integrations/, the entry points, or any I/O package. Exits 1
 * naming each violation.
 *
 * @module
 */
const FORBIDDEN_DIRS = ["api/", "cli/", "jobs/", "db/", "integrations/"];
const FORBIDDEN_FILES = ["main.ts", "services.ts", "config.ts", "startup.ts"];
// core/zod.ts is the one door to zod (with OpenAPI metadata; see its comment).
const ALLOWED_PACKAGES = ["zod", "npm:zod@^4.1.0", "npm:@asteasolutions/zod-to-openapi@^9.1.0"];
const root = new URL("../", import.meta.url);

async function* walk(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* walk(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}

const violations: string[] = [];
for await (const file of walk(new URL("core/", root))) {
  const text = await Deno.readTextFile(file);
  const rel = file.pathname.slice(root.pathname.length);
  for (
    const match of text.matchAll(
      /(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    )
  ) {
    const spec = match[1] ?? match[2];
    if (spec.startsWith(".")) {
      const target = new URL(spec, file).pathname.slice(root.pathname.length);
      if (FORBIDDEN_DIRS.some((d) => target.startsWith(d)) || FORBIDDEN_FILES.includes(target)) {
        violations.push(`${rel} imports ${target}`);
      }
    } else if (!ALLOWED_PACKAGES.includes(spec)) {
      violations.push(`${rel} imports the package "${spec}"`);
    }
  }
  if (/\bDeno\./.test(text)) violations.push(`${rel} uses Deno.* (I/O belongs outside core/)`);
}
if (violations.length > 0) {
  console.error(`core/ must stay pure:\n${violations.map((v) => `  - ${v}`).join("\n")}`);
  Deno.exit(1);
}
console.log("layering ok: core/ imports only core/ and zod");
