/**
 * zod, with OpenAPI metadata methods installed before any schema exists.
 *
 * The import map sends every `import … from "zod"` here. Zod 4 gives each
 * schema its methods when it is created, so `.openapi()` (used by the API on
 * core's schemas) exists only on schemas created after the extension ran; doing
 * it here, first, makes that independent of module load order. The extension
 * only attaches metadata — no I/O — so core stays pure.
 *
 * @module
 */
// The import map sends "zod" to this file, so zod itself must be named in full here.
// deno-lint-ignore no-import-prefix
import { z } from "npm:zod@^4.1.0";
// deno-lint-ignore no-import-prefix
import { extendZodWithOpenApi } from "npm:@asteasolutions/zod-to-openapi@^9.1.0";

extendZodWithOpenApi(z);

export * from "npm:zod@^4.1.0";
export { z };
