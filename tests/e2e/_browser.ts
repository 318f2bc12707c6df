/**
 * Browser-test support: the real app on a random loopback port, one headless
 * Debian Chromium per test file (playwright-core), and a page helper that
 * fails the test on any script error or CSP violation.
 *
 * @module
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { authHeaders } from "../_support/auth.ts";
import { expectJson } from "../_support/http.ts";
import { type TestContext, testContext } from "../_support/services.ts";

export const CHROMIUM_PATH = Deno.env.get("FITTRACK_CHROMIUM") ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
  "--disable-component-update",
];
const SESSION_KEY = "fittrack.test-page.session";
/** Upper bound for any single wait; the tests wait for elements, never sleep. */
export const WAIT_MS = 20_000;

export interface LiveApp {
  t: TestContext;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves `createApp(testServices())` on 127.0.0.1 with a port the OS picks.
 * With `publicUrl`, the port is picked first and the app is told its own
 * address (PUBLIC_URL), so redirects it builds (tracker callbacks) come back here.
 */
export async function startApp(
  options: { env?: Record<string, string>; publicUrl?: boolean } = {},
): Promise<LiveApp> {
  let port = 0;
  if (options.publicUrl) {
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    port = (probe.addr as Deno.NetAddr).port;
    probe.close();
  }
  const env = port ? { PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env } : options.env;
  const t = await testContext({ env });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen: () => {} },
    (request) => t.app.fetch(request),
  );
  return {
    t,
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    close: async () => {
      await server.shutdown();
      await t.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set FITTRACK_CHROMIUM`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    timeout: WAIT_MS,
  });
}

/**
 * Starts the app (see {@link startApp}) and Chromium, runs `body` with both,
 * and closes both however it ends.
 */
export async function withBrowserApp(
  body: (app: LiveApp, browser: Browser) => Promise<void>,
  options: Parameters<typeof startApp>[0] = {},
): Promise<void> {
  const app = await startApp(options);
  try {
    const browser = await launchBrowser();
    try {
      await body(app, browser);
    } finally {
      await browser.close();
    }
  } finally {
    await app.close();
  }
}

/** Seeds through the admin API, as the Data Controls tab does; returns the statistics. */
export async function seedViaApi(
  app: LiveApp,
  options: Record<string, number> = {},
): Promise<{ entities: Record<string, number> }> {
  const response = await app.t.request("/api/v1/admin/seed", {
    method: "POST",
    headers: await authHeaders(app.t, "admin"),
    json: options,
  });
  return await expectJson(response, 200);
}

export interface OpenedPage {
  page: Page;
  /** Script errors, console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Opens /test/ in a fresh browser context (own sessionStorage) at `viewport`
 * and waits until every tab module has started.
 */
export async function openTestPage(
  browser: Browser,
  app: LiveApp,
  options: {
    viewport?: { width: number; height: number };
    hash?: string;
    /** `Authorization` headers to start signed in with (as if logged in on the Authentication tab). */
    signedIn?: Record<string, string>;
  } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(WAIT_MS);
  const token = /^Bearer (.+)$/.exec(
    options.signedIn?.authorization ?? options.signedIn?.Authorization ?? "",
  )?.[1];
  if (token) {
    // The shape static/test/js/session.js keeps in sessionStorage.
    await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [
      SESSION_KEY,
      JSON.stringify({
        access_token: token,
        refresh_token: "",
        expires_at: Date.now() + 1_800_000,
        user: null,
      }),
    ]);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // Failed API calls are logged by Chromium as "Failed to load resource"; those are
    // expected answers (401, 404, 422) that the page shows, not page bugs.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(`${app.baseUrl}/test/${options.hash ? `#${options.hash}` : ""}`);
  await page.waitForSelector("body[data-ready=true]", { state: "attached" });
  return { page, problems, close: () => context.close() };
}

/** Runs `fn` with the response the page receives for `urlPart` after `action`. */
export async function responseTo(
  page: Page,
  urlPart: string | RegExp,
  action: () => Promise<unknown>,
): Promise<{ status: number; body: unknown }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) =>
      typeof urlPart === "string" ? r.url().includes(urlPart) : urlPart.test(r.url())
    ),
    action(),
  ]);
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

export interface Paged<T = Record<string, unknown>> {
  items: T[];
  pagination: { page: number; per_page: number; total: number; total_pages: number };
}

/** The JSON the page shows in the element with data-testid `testId`. */
export async function jsonIn<T>(page: Page, testId: string): Promise<T> {
  return JSON.parse(await page.locator(tid(testId)).innerText()) as T;
}

/** GET through the app in-process, expecting 200 JSON. */
export async function apiGet<T>(
  app: LiveApp,
  path: string,
  headers: Record<string, string>,
): Promise<T> {
  return await expectJson<T>(await app.t.request(path, { headers }), 200);
}

/** `[data-testid=…]` */
export function tid(id: string): string {
  return `[data-testid="${id}"]`;
}

/** Waits for a test-page notification of `kind` whose text contains `text`. */
export async function notified(page: Page, text: string, kind = "success"): Promise<void> {
  await page.locator(`${tid("notification")}[data-kind=${kind}]`).filter({ hasText: text })
    .waitFor();
}
