import assert from "node:assert/strict";
import {
  escapeHtml,
  passwordResetMail,
  securityNoticeMail,
  verificationMail,
} from "../../../../core/mail/templates.ts";
import { retryDelaySeconds } from "../../../../core/mail/deliver_outbox.ts";

Deno.test("verificationMail() has the code and link in text and HTML", () => {
  const mail = verificationMail({
    to: "a@b.co",
    displayName: "Ann",
    appUrl: "https://fit.example",
    token: "tok_123",
  });
  assert.equal(mail.kind, "verify_email");
  assert.match(mail.text, /code: tok_123/);
  assert.match(mail.text, /https:\/\/fit\.example\/test\/\?verify_token=tok_123/);
  assert.match(mail.html, /href="https:\/\/fit\.example\/test\/\?verify_token=tok_123"/);
  assert.match(mail.text, /24 hours/);
});

Deno.test("templates escape what users typed into HTML", () => {
  const mail = passwordResetMail({
    to: "a@b.co",
    displayName: `<script>alert("x")</script>`,
    appUrl: "https://fit.example",
    token: "t",
  });
  assert.ok(!mail.html.includes("<script>"));
  assert.match(mail.html, /&#60;script&#62;/);
  assert.match(mail.text, /1 hour/);
  assert.equal(escapeHtml(`a&b"c'`), "a&#38;b&#34;c&#39;");
});

Deno.test("securityNoticeMail() names the event and the time", () => {
  const mail = securityNoticeMail({
    to: "a@b.co",
    displayName: "Ann",
    event: "Your password was changed",
    at: new Date("2026-05-01T10:20:30Z"),
  });
  assert.match(mail.subject, /Your password was changed/);
  assert.match(mail.text, /2026-05-01 10:20 UTC/);
});

Deno.test("retryDelaySeconds() doubles from 30 s and stops at an hour", () => {
  assert.deepEqual([1, 2, 3, 4, 8, 20].map(retryDelaySeconds), [30, 60, 120, 240, 3600, 3600]);
});
