/**
 * Lists the page needs for its dropdowns and role switcher. They mirror
 * core/tiers/tier_code.ts, core/users/schemas.ts and core/admin/demo_accounts.ts;
 * tests/integration/api/test_page_test.ts fails if they drift apart.
 *
 * @module
 */

const SEX_CODES = ["M", "F"];
const AGE_BRACKETS = ["18-29", "30-39", "40-49", "50-59", "60+"];
const LEVEL_CODES = ["BEG", "INT", "ADV"];

/** The 30 demographic tiers in core's order, then OPEN. */
export const TIER_CODES = [
  ...SEX_CODES.flatMap((sex) =>
    AGE_BRACKETS.flatMap((bracket) => LEVEL_CODES.map((level) => `${sex}-${bracket}-${level}`))
  ),
  "OPEN",
];

/** The 50 states and DC. */
export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
];

/** The seed's demo accounts (development data only), by role. */
export const DEMO_EMAILS = {
  user: "user@fittrack.dev",
  premium: "premium@fittrack.dev",
  admin: "admin@fittrack.dev",
};
export const DEMO_PASSWORD = "FitTrack-Demo-2026!";
