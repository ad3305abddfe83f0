/**
 * Password hashing: argon2id through @node-rs/argon2 (a maintained binding of the RustCrypto
 * argon2 crate; no hand-written crypto here). Parameters are OWASP's first argon2id
 * recommendation (19 MiB, 2 passes, 1 lane), which are also the library's defaults; the PHC
 * string stores them, so raising them later still verifies old hashes.
 */
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash verifies nothing
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification for a name that does not exist, so the answer time of
 * `auth.login` does not tell which names have accounts.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("no such user");
  await verifyPassword(await dummyHash, password);
  return false;
}
