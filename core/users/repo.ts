import type { ListQuery, Page } from "../pagination.ts";
import type { AgeBracket, BiologicalSex, FitnessLevel } from "../tiers/tier_code.ts";
import type { Role, User, UserDetail, UserFilter, UserSort, UserStatus } from "./schemas.ts";

export interface NewProfile {
  display_name: string;
  date_of_birth: string;
  state: string;
  biological_sex: BiologicalSex;
  age_bracket: AgeBracket;
  fitness_level: FitnessLevel;
  open_tier: boolean;
  tier_code: string;
  height_inches?: number | null;
  weight_pounds?: number | null;
  goals?: string[];
}

export interface NewUser {
  email: string;
  password_hash: string | null;
  role: Role;
  status: UserStatus;
  email_verified: boolean;
  profile: NewProfile;
}

export interface UserPatch {
  email?: string;
  role?: Role;
  status?: UserStatus;
  profile?: Partial<NewProfile>;
}

/** A user with the secret the login check needs; never leaves core. */
export interface UserCredentials {
  user: User;
  password_hash: string | null;
}

export interface UserRepo {
  insert(user: NewUser): Promise<User>;
  /** Soft-deleted users are not found unless `includeDeleted`. */
  findById(id: string, options?: { includeDeleted?: boolean }): Promise<User | null>;
  findDetail(id: string): Promise<UserDetail | null>;
  findByEmail(email: string): Promise<UserCredentials | null>;
  list(query: ListQuery<UserSort, UserFilter>): Promise<Page<User>>;
  /** Applies `patch` if the row is at `expectedVersion` (when given); null when it is not. */
  update(id: string, patch: UserPatch, expectedVersion?: number): Promise<User | null>;
  softDelete(id: string, at: Date): Promise<boolean>;
}
