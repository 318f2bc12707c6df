import assert from "node:assert/strict";
import { assertPasswordAllowed, passwordProblems } from "../../../../core/auth/password_policy.ts";
import { DomainError } from "../../../../core/errors.ts";

Deno.test("passwordProblems() accepts 12+ characters with all four classes", () => {
  assert.deepEqual(passwordProblems("FitTrack-Demo-2026!", "admin@fittrack.dev"), []);
  assert.deepEqual(passwordProblems("Abcdefgh1!xy", "a@b.co"), []);
});

Deno.test("passwordProblems() names each missing rule", () => {
  assert.deepEqual(passwordProblems("weak", "a@b.co"), [
    "must be at least 12 characters",
    "must contain an uppercase letter",
    "must contain a digit",
    "must contain a symbol",
  ]);
  assert.deepEqual(passwordProblems("ALLUPPERCASE-12", "a@b.co"), [
    "must contain a lowercase letter",
  ]);
  assert.deepEqual(passwordProblems("NoSymbolsHere12", "a@b.co"), ["must contain a symbol"]);
  assert.deepEqual(passwordProblems("x".repeat(120) + "Aa1!xxxxxxxx", "a@b.co"), [
    "must be at most 128 characters",
  ]);
});

Deno.test("passwordProblems() rejects the email's local part in any case", () => {
  assert.deepEqual(passwordProblems("My-JaneDoe-2026!", "janedoe@example.com"), [
    "must not contain the name part of your email",
  ]);
  // Local parts shorter than 3 characters are not checked.
  assert.deepEqual(passwordProblems("Jo-Password-2026!", "jo@example.com"), []);
});

Deno.test("passwordProblems() counts characters, not UTF-16 units", () => {
  assert.deepEqual(passwordProblems("Ünïcödé-Pässwörd-1", "a@b.co"), []);
  assert.ok(passwordProblems("Aa1!😀😀😀😀", "a@b.co").includes("must be at least 12 characters"));
});

Deno.test("assertPasswordAllowed() throws a 422-coded error listing the field", () => {
  assert.throws(
    () => assertPasswordAllowed("short", "a@b.co", "new_password"),
    (error: unknown) =>
      error instanceof DomainError && error.code === "validation" &&
      error.details.errors!.every((e) => e.field === "new_password"),
  );
  assertPasswordAllowed("FitTrack-Demo-2026!", "user@fittrack.dev");
});
