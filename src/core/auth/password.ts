import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package exports a const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

/** argon2id with OWASP's second recommended setting (19 MiB, 2 passes). */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** At least 10 characters drawn from at least 3 of: upper case, lower case, digits, symbols. */
export function isStrongPassword(password: string): boolean {
  if ([...password].length < 10) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** An argon2id PHC string for a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when the password matches the stored hash; a malformed hash counts as no match. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHashPromise: Promise<string> | null = null;

/** A hash of a random password, so a login for an unknown name costs as long as a real one. */
export function dummyHash(): Promise<string> {
  dummyHashPromise ??= hashPassword(`dummy-${Math.random()}-Aa1!`);
  return dummyHashPromise;
}
