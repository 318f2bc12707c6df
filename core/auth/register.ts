/**
 * Self-service registration: eligibility, password rule, a pending user and
 * its verification mail, all in one transaction.
 *
 * @module
 */
import { DomainError } from "../errors.ts";
import { verificationMail } from "../mail/templates.ts";
import type { CoreDeps } from "../ports.ts";
import { platformDate } from "../time/platform_day.ts";
import type { User } from "../users/schemas.ts";
import { deriveTier } from "../users/user_operations.ts";
import { issueOneTimeToken } from "./_one_time.ts";
import { assertEligible } from "./eligibility.ts";
import { assertPasswordAllowed } from "./password_policy.ts";
import type { RegisterInput } from "./schemas.ts";

function emailTaken(): DomainError {
  return new DomainError("conflict", "Email already registered", {
    errors: [{ field: "email", message: "is already registered" }],
  });
}

/**
 * Registers a `pending` user and queues the verification mail. Nothing is
 * written when any rule fails; a duplicate email answers 409.
 */
export async function register(deps: CoreDeps, input: RegisterInput): Promise<User> {
  assertEligible({
    date_of_birth: input.date_of_birth,
    state: input.state,
    today: platformDate(deps.clock.now(), deps.timeZone),
    excludedStates: deps.auth.excludedStates,
  });
  assertPasswordAllowed(input.password, input.email);
  const tier = deriveTier(deps, input);
  if (await deps.store.users.findByEmail(input.email)) throw emailTaken();
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    const registered = await deps.store.transaction(async (tx) => {
      const user = await tx.users.insert({
        email: input.email,
        password_hash: passwordHash,
        role: "user",
        status: "pending",
        email_verified: false,
        profile: {
          display_name: input.display_name,
          date_of_birth: input.date_of_birth,
          state: input.state,
          biological_sex: input.biological_sex,
          fitness_level: input.fitness_level,
          open_tier: input.open_tier,
          height_inches: null,
          weight_pounds: null,
          goals: [],
          ...tier,
        },
      });
      const token = await issueOneTimeToken(deps, tx, user.id, "verify_email");
      await tx.outbox.enqueue(verificationMail({
        to: user.email,
        displayName: input.display_name,
        appUrl: deps.auth.appUrl,
        token,
      }));
      await tx.audit.record({
        actor_id: user.id,
        action: "auth.register",
        entity_type: "user",
        entity_id: user.id,
      });
      return user;
    });
    deps.telemetry?.registered();
    return registered;
  } catch (error) {
    // Two registrations racing for one address: the unique index stops the second.
    if (await deps.store.users.findByEmail(input.email)) throw emailTaken();
    throw error;
  }
}
