/**
 * People are told apart by a normalised id: surrounding spaces and letter case are not part of who
 * someone is, so `Alice`, ` alice ` and `ALICE` are one person for every maker-checker rule.
 */
export const normaliseIdentity = (id: string): string => id.trim().toLowerCase();

/** True when both ids name the same person once normalised. */
export const sameIdentity = (a: string, b: string): boolean => normaliseIdentity(a) === normaliseIdentity(b);
