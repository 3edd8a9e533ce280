/** Password hashing with argon2id (@node-rs/argon2). */
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id — a const enum in the typings, so the number is used (isolatedModules).
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./constants";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid argon2id hash of a random password, to spend the same time on unknown accounts. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}
