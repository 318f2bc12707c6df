/**
 * Sponsors, drawings and prizes. The first ten drawings cover every status
 * and type (three completed, one cancelled with refunds); further ones repeat
 * the pattern further in the past or future.
 *
 * @module
 */
import type { BulkWriter } from "./_bulk.ts";
import type { SeedRandom } from "./_random.ts";
import { DRAWINGS, PRIZES, SPONSORS } from "./_tables.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type DrawingType = "daily" | "weekly" | "monthly" | "annual";
type DrawingStatus = "draft" | "scheduled" | "open" | "closed" | "completed" | "cancelled";

/** What ticket generation needs to know about a drawing. */
export interface SeedDrawing {
  id: string;
  status: DrawingStatus;
  cost: number;
  /** Purchases happen in [salesFrom, salesTo) (both already bounded by now). */
  salesFrom: number;
  salesTo: number;
  minAccountAgeDays: number;
  /** Refund time for a cancelled drawing. */
  cancelledAt: number | null;
  drawingTime: number;
  prizes: { id: string; fulfillment: "digital" | "physical" }[];
}

interface Layout {
  type: DrawingType;
  status: DrawingStatus;
  /** Offsets from now: when the drawing was created (sales open), closes, is drawn. */
  created: number;
  close: number;
  draw: number;
  cancelled?: number;
}

const COST: Record<DrawingType, number> = { daily: 10, weekly: 25, monthly: 50, annual: 100 };

const BASE_LAYOUT: readonly Layout[] = [
  { type: "daily", status: "open", created: -20 * HOUR, close: 3 * HOUR, draw: 4 * HOUR },
  { type: "weekly", status: "open", created: -3 * DAY, close: 3 * DAY, draw: 3 * DAY + HOUR },
  { type: "monthly", status: "open", created: -12 * DAY, close: 15 * DAY, draw: 15 * DAY + HOUR },
  { type: "annual", status: "scheduled", created: -DAY, close: 200 * DAY, draw: 200 * DAY + HOUR },
  { type: "weekly", status: "draft", created: -2 * HOUR, close: 10 * DAY, draw: 10 * DAY + HOUR },
  { type: "daily", status: "closed", created: -DAY, close: -HOUR / 2, draw: HOUR / 2 },
  {
    type: "monthly",
    status: "cancelled",
    created: -30 * DAY,
    close: -5 * DAY,
    draw: -5 * DAY + HOUR,
    cancelled: -20 * DAY,
  },
  { type: "daily", status: "completed", created: -4 * DAY, close: -3 * DAY - HOUR, draw: -3 * DAY },
  {
    type: "weekly",
    status: "completed",
    created: -17 * DAY,
    close: -10 * DAY - HOUR,
    draw: -10 * DAY,
  },
  {
    type: "monthly",
    status: "completed",
    created: -45 * DAY,
    close: -15 * DAY - HOUR,
    draw: -15 * DAY,
  },
];

/** The layout of drawing `i`: the base ten, then completed/open/scheduled in turn. */
function layoutOf(i: number): Layout {
  if (i < BASE_LAYOUT.length) return BASE_LAYOUT[i];
  const n = i - BASE_LAYOUT.length;
  const step = Math.floor(n / 3) + 1;
  if (n % 3 === 0) {
    const draw = -(20 + 7 * step) * DAY;
    return {
      type: "weekly",
      status: "completed",
      created: draw - 7 * DAY,
      close: draw - HOUR,
      draw,
    };
  }
  if (n % 3 === 1) {
    return {
      type: "daily",
      status: "open",
      created: -12 * HOUR,
      close: step * DAY,
      draw: step * DAY + HOUR,
    };
  }
  const draw = (30 + step) * DAY;
  return { type: "monthly", status: "scheduled", created: -HOUR, close: draw - HOUR, draw };
}

const PRIZE_CATALOG: readonly { name: string; value: number; physical: boolean }[] = [
  { name: "Fitbit Charge 6", value: 159.95, physical: true },
  { name: "Garmin Forerunner 265", value: 449.99, physical: true },
  { name: "Apple Watch SE", value: 249, physical: true },
  { name: "Yoga mat and blocks set", value: 79.5, physical: true },
  { name: "Adjustable dumbbells", value: 329, physical: true },
  { name: "Running shoes voucher", value: 120, physical: true },
];
const GIFT_CARDS = [25, 50, 100] as const;

/** Writes the 10 sponsors ("FitTrack Platform" first); returns their ids. */
export function writeSponsors(writer: BulkWriter, rng: SeedRandom): string[] {
  const names = new Set<string>(["fittrack platform"]);
  const ids: string[] = [];
  const platformId = rng.uuid();
  writer.add(SPONSORS.name, [
    platformId,
    "FitTrack Platform",
    "FitTrack Rewards Team",
    "rewards@fittrack.dev",
    "https://fittrack.dev",
    "active",
    "Funds the gift cards.",
  ]);
  ids.push(platformId);
  while (ids.length < 10) {
    const name = rng.faker.company.name();
    if (names.has(name.toLowerCase()) || name.length > 200) continue;
    names.add(name.toLowerCase());
    const id = rng.uuid();
    const domain = name.toLowerCase().replace(/[^a-z0-9]+/g, "") || "sponsor";
    writer.add(SPONSORS.name, [
      id,
      name,
      rng.faker.person.fullName(),
      `partners@${domain}.example.com`,
      `https://${domain}.example.com`,
      ids.length === 9 ? "inactive" : "active",
      rng.faker.company.catchPhrase(),
    ]);
    ids.push(id);
  }
  return ids;
}

/** Writes `count` drawings with prizes; returns what ticket generation needs. */
export function writeDrawings(
  writer: BulkWriter,
  rng: SeedRandom,
  options: { count: number; now: number; sponsorIds: readonly string[]; createdBy: string },
): SeedDrawing[] {
  const { now, sponsorIds } = options;
  const out: SeedDrawing[] = [];
  for (let i = 0; i < options.count; i++) {
    const l = layoutOf(i);
    const id = rng.uuid();
    const created = now + l.created;
    const drawingTime = now + l.draw;
    const minAge = l.type === "daily" ? 0 : 7;
    const completed = l.status === "completed";
    const label = l.type[0].toUpperCase() + l.type.slice(1);
    writer.add(DRAWINGS.name, [
      id,
      l.type,
      `${label} Draw #${i + 1}`,
      `${label} sweepstakes drawing (${l.status} in the demo data).`,
      COST[l.type],
      new Date(drawingTime),
      new Date(now + l.close),
      minAge > 0 ? { min_account_age_days: minAge } : {},
      l.status,
      completed ? Array.from({ length: 4 }, () => rng.uuid().replaceAll("-", "")).join("") : null,
      completed ? new Date(drawingTime + 60_000) : null,
      options.createdBy,
      new Date(created),
      new Date(
        l.cancelled !== undefined ? now + l.cancelled : completed ? drawingTime + 60_000 : created,
      ),
      completed ? new Date(drawingTime + 60_000) : null,
      new Date(created),
      ["closed", "completed"].includes(l.status) ? new Date(now + l.close) : null,
      l.cancelled !== undefined ? new Date(now + l.cancelled) : null,
    ]);
    const prizeCount = completed ? 3 : rng.int(1, 3);
    const prizes: SeedDrawing["prizes"] = [];
    for (let rank = 1; rank <= prizeCount; rank++) {
      const prizeId = rng.uuid();
      // Rank 2 is always a FitTrack Platform gift card, so every drawing has a digital prize path.
      const gift = rank === 2;
      const item = rng.pick(PRIZE_CATALOG);
      const card = rng.pick(GIFT_CARDS);
      writer.add(PRIZES.name, [
        prizeId,
        id,
        gift ? sponsorIds[0] : rng.pick(sponsorIds.slice(1)),
        rank,
        gift ? `$${card} FitTrack gift card` : item.name,
        gift ? "Delivered by email as a redeemable code." : `Sponsored prize: ${item.name}.`,
        gift ? card : item.value,
        1,
        gift ? "digital" : "physical",
      ]);
      prizes.push({ id: prizeId, fulfillment: gift ? "digital" : "physical" });
    }
    const salesEnd = l.cancelled !== undefined ? now + l.cancelled : now + l.close;
    out.push({
      id,
      status: l.status,
      cost: COST[l.type],
      salesFrom: created,
      salesTo: ["draft", "scheduled"].includes(l.status)
        ? created
        : Math.min(salesEnd, now - 60_000),
      minAccountAgeDays: minAge,
      cancelledAt: l.cancelled !== undefined ? now + l.cancelled : null,
      drawingTime,
      prizes,
    });
  }
  return out;
}
