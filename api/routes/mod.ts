/**
 * Every resource router, in mount order. Adding a resource is one line here.
 *
 * @module
 */
import { healthRouter } from "./health/mod.ts";
import { usersRouter } from "./users/mod.ts";

export const ROUTERS = [healthRouter, usersRouter];
