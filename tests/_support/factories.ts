/**
 * Valid inputs with unique values; override what a test cares about.
 *
 * @module
 */
import type { CreateUserInput } from "../../core/users/schemas.ts";

let counter = 0;

export function userInput(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  counter++;
  return {
    email: `user${counter}.${crypto.randomUUID().slice(0, 8)}@example.com`,
    role: "user",
    status: "active",
    display_name: `Tester ${counter}`,
    date_of_birth: "1990-06-15",
    state: "CA",
    biological_sex: "female",
    fitness_level: "intermediate",
    open_tier: false,
    ...overrides,
  };
}
