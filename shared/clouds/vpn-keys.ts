import { randomInt } from "node:crypto";

/** Letters and digits: both clouds accept them in a pre-shared key (OCI allows letters, digits and spaces only). */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 32 characters of 62: about 190 bits, within OCI's 255 and Azure's 128 character limits. */
const KEY_LENGTH = 32;

/** A new pre-shared key from the operating system's CSPRNG (crypto.randomInt draws without modulo bias). */
export function newSharedKey(): string {
  let key = "";
  for (let index = 0; index < KEY_LENGTH; index++) key += ALPHABET[randomInt(ALPHABET.length)];
  return key;
}
