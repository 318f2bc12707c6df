/**
 * `fittrack users list|create|promote|unlock`: the same core operations as
 * the users and admin APIs.
 *
 * @module
 */
import { z } from "zod";
import { promoteUser, unlockUser, type UserRef } from "../../core/auth/accounts.ts";
import { DomainError } from "../../core/errors.ts";
import { MAX_PER_PAGE, parseListQuery } from "../../core/pagination.ts";
import { CreateUserSchema, ROLES, type User, USER_LIST_SPEC } from "../../core/users/schemas.ts";
import { createUser, listUsers } from "../../core/users/user_operations.ts";
import { type CliContext, EXIT, type ExitCode } from "../context.ts";
import { keyValues, table } from "../output.ts";

export interface ListFlags {
  role?: string;
  status?: string;
  tier?: string;
  email?: string;
  page: string;
  perPage: string;
  sort?: string;
}

const PageFlags = z.object({
  page: z.coerce.number().int().min(1, "must be 1 or more"),
  perPage: z.coerce.number().int().min(1, "must be 1 or more").max(
    MAX_PER_PAGE,
    `must be at most ${MAX_PER_PAGE}`,
  ),
});

/** Parses `value` with `schema`, turning a failure into the core validation error. */
function parse<T>(schema: z.ZodType<T>, value: unknown, flagOf = (f: string) => `--${f}`): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    field: flagOf(i.path.map(String).join(".") || "value"),
    message: i.message,
  }));
  throw new DomainError("validation", "Invalid options.", { errors });
}

function kebab(field: string): string {
  return `--${field.replace(/([A-Z])|_/g, (_, c) => `-${(c ?? "").toLowerCase()}`)}`;
}

function userRow(u: User): (string | number)[] {
  return [u.id, u.email, u.role, u.status, u.profile?.tier_code ?? "", u.point_balance];
}

const USER_HEAD = ["id", "email", "role", "status", "tier", "points"];

/** `users list` with the API's filters, sort and paging. */
export async function usersList(ctx: CliContext, flags: ListFlags): Promise<ExitCode> {
  const paging = parse(PageFlags, flags, kebab);
  const filters: Record<string, string> = {};
  if (flags.role) filters.role = flags.role;
  if (flags.status) filters.status = flags.status;
  if (flags.tier) filters.tier_code = flags.tier;
  if (flags.email) filters.email = flags.email;
  const query = parseListQuery(USER_LIST_SPEC, { ...paging, sort: flags.sort, filters });
  const page = await listUsers(ctx.services.core, query);
  ctx.out.result(page, () => {
    const p = page.pagination;
    return `${
      table(USER_HEAD, page.items.map(userRow))
    }\nPage ${p.page} of ${p.total_pages} (${p.total} users)`;
  });
  return EXIT.ok;
}

export interface CreateFlags {
  email: string;
  password?: string;
  role: string;
  status: string;
  displayName: string;
  dateOfBirth: string;
  state: string;
  sex: string;
  fitnessLevel: string;
  openTier?: boolean;
}

/** `users create`: an active, verified account (admin action). */
export async function usersCreate(ctx: CliContext, flags: CreateFlags): Promise<ExitCode> {
  const input = parse(CreateUserSchema, {
    email: flags.email,
    password: flags.password,
    role: flags.role,
    status: flags.status,
    display_name: flags.displayName,
    date_of_birth: flags.dateOfBirth,
    state: flags.state,
    biological_sex: flags.sex,
    fitness_level: flags.fitnessLevel,
    open_tier: flags.openTier === true,
  }, (f) => kebab(f === "biological_sex" ? "sex" : f));
  const user = await createUser(ctx.services.core, input);
  ctx.out.result(
    user,
    () => `Created ${user.email} (${user.id}).\n${table(USER_HEAD, [userRow(user)])}`,
  );
  return EXIT.ok;
}

/** A user named by id (UUID) or email. */
function refOf(who: string): UserRef {
  return z.uuid().safeParse(who).success ? { id: who } : { email: who };
}

/** `users promote <user> --role <role>`. */
export async function usersPromote(
  ctx: CliContext,
  who: string,
  flags: { role: string },
): Promise<ExitCode> {
  const role = parse(
    z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
    flags.role,
    () => "--role",
  );
  const user = await promoteUser(ctx.services.core, refOf(who), role);
  ctx.out.result(user, () => `${user.email} is now ${user.role}.`);
  return EXIT.ok;
}

/** `users unlock <user>`: clears failed logins and any lockout. */
export async function usersUnlock(ctx: CliContext, who: string): Promise<ExitCode> {
  const user = await unlockUser(ctx.services.core, refOf(who));
  ctx.out.result(
    { unlocked: true, user: { id: user.id, email: user.email } },
    () => keyValues({ unlocked: true, id: user.id, email: user.email }),
  );
  return EXIT.ok;
}
