/**
 * Ed25519 signatures over the exact bytes of `pack.json`, with node:crypto only.
 *
 * `pack.sig` is JSON: `{ "alg": "ed25519", "keyId": "<16 hex>", "sig": "<base64 of 64 bytes>" }`.
 * The key id is the first 16 hex digits of SHA-256 over the raw 32-byte public key; it only
 * selects which trusted key to try — the signature itself is what is trusted.
 *
 * Replay: an older signed version of a pack still carries a valid signature. Refusing it is the
 * store's job (versions must increase per pack id, persisted), not the signature's.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';

export const SIGNATURE_FILE = 'pack.sig';
export const SIGNATURE_ALG = 'ed25519';
/** Largest `pack.sig` read; a real one is about 130 bytes. */
export const MAX_SIGNATURE_BYTES = 4096;
const ED25519_SIGNATURE_BYTES = 64;

export type TrustedKey = { id: string; publicKeyPem: string };

export type KeyPair = { privateKeyPem: string; publicKeyPem: string; keyId: string };

export type SignatureFile = { alg: typeof SIGNATURE_ALG; keyId: string; sig: string };

export type VerifyResult = { ok: true; keyId: string } | { ok: false; problem: PackProblem };

export type KeyResult<T> = { ok: true; value: T } | { ok: false; problem: PackProblem };

/** Raw 32-byte Ed25519 public key of a key object (the tail of its SPKI DER). */
function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

/** Key id: first 16 hex digits of SHA-256 over the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** A fresh Ed25519 key pair as PEM (private: PKCS8, public: SPKI) with its key id. */
export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

const keyProblem = (file: string, detail: string): PackProblem => problem('sig.bad-key', file, { detail });

/** Parses a PEM private key and checks that it is Ed25519. */
export function loadPrivateKey(pem: string | Uint8Array, file = 'private key'): KeyResult<KeyObject> {
  try {
    const key = createPrivateKey({ key: Buffer.from(pem), format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519')
      return { ok: false, problem: keyProblem(file, `it is ${key.asymmetricKeyType ?? 'unknown'}`) };
    return { ok: true, value: key };
  } catch (e) {
    return { ok: false, problem: keyProblem(file, e instanceof Error ? e.message : String(e)) };
  }
}

/** Parses a PEM public key (SPKI), checks that it is Ed25519 and computes its id. */
export function loadTrustedKey(pem: string | Uint8Array, file = 'public key'): KeyResult<TrustedKey> {
  try {
    const key = createPublicKey({ key: Buffer.from(pem), format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519')
      return { ok: false, problem: keyProblem(file, `it is ${key.asymmetricKeyType ?? 'unknown'}`) };
    return {
      ok: true,
      value: { id: keyIdOf(key), publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString() },
    };
  } catch (e) {
    return { ok: false, problem: keyProblem(file, e instanceof Error ? e.message : String(e)) };
  }
}

/** Signs the exact manifest bytes; returns the `pack.sig` file contents. */
export function signManifest(manifestBytes: Uint8Array, privateKey: KeyObject): Uint8Array {
  const publicKey = createPublicKey(privateKey);
  const sigFile: SignatureFile = {
    alg: SIGNATURE_ALG,
    keyId: keyIdOf(publicKey),
    sig: sign(null, manifestBytes, privateKey).toString('base64'),
  };
  return new TextEncoder().encode(JSON.stringify(sigFile) + '\n');
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type ParsedSig = { ok: true; value: SignatureFile; bytes: Buffer } | { ok: false; problem: PackProblem };

/** Parses `pack.sig` bytes without verifying; distinguishes a truncated file from a malformed one. */
export function parseSignatureFile(sigBytes: Uint8Array): ParsedSig {
  const malformed = (detail: string): ParsedSig => ({
    ok: false,
    problem: problem('sig.malformed', SIGNATURE_FILE, { detail }),
  });
  const truncated = (): ParsedSig => ({ ok: false, problem: problem('sig.truncated', SIGNATURE_FILE, {}) });
  if (sigBytes.byteLength === 0) return truncated();
  if (sigBytes.byteLength > MAX_SIGNATURE_BYTES) return malformed(`larger than ${MAX_SIGNATURE_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sigBytes);
  } catch {
    return malformed('not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // A prefix of a JSON object (opened, never closed) is a cut-short copy, not a forgery.
    return /^\s*\{/.test(text) && !text.includes('}') ? truncated() : malformed('not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return malformed('not a JSON object');
  const o = value as Record<string, unknown>;
  if (o['alg'] !== SIGNATURE_ALG) return malformed(`alg must be "${SIGNATURE_ALG}"`);
  const keyId = o['keyId'];
  if (typeof keyId !== 'string' || !/^[0-9a-f]{16}$/.test(keyId))
    return malformed('keyId must be 16 hex digits');
  const sig = o['sig'];
  if (typeof sig !== 'string') return malformed('sig must be a base64 string');
  // Base64 that is cut short loses its padding; judge by length before strictness.
  const stripped = sig.replace(/=+$/, '');
  if (/^[A-Za-z0-9+/]*$/.test(stripped) && stripped.length < Math.ceil((ED25519_SIGNATURE_BYTES * 4) / 3))
    return truncated();
  if (!BASE64_RE.test(sig)) return malformed('sig is not base64');
  const bytes = Buffer.from(sig, 'base64');
  if (bytes.length < ED25519_SIGNATURE_BYTES) return truncated();
  if (bytes.length > ED25519_SIGNATURE_BYTES)
    return malformed(`signature is ${bytes.length} bytes, not ${ED25519_SIGNATURE_BYTES}`);
  return { ok: true, value: { alg: SIGNATURE_ALG, keyId, sig }, bytes };
}

/**
 * Verifies `pack.sig` against the exact `pack.json` bytes with the trusted keys. `sigBytes`
 * null/undefined means there is no `pack.sig`. The trusted keys' ids are recomputed from their
 * PEM, so a mislabelled configuration cannot make a key stand in for another.
 */
export function verifyPackSignature(
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | null | undefined,
  trustedKeys: readonly TrustedKey[],
): VerifyResult {
  if (sigBytes === null || sigBytes === undefined)
    return { ok: false, problem: problem('sig.missing', SIGNATURE_FILE, {}) };
  const parsed = parseSignatureFile(sigBytes);
  if (!parsed.ok) return parsed;
  const { keyId } = parsed.value;
  let publicKey: KeyObject | undefined;
  for (const trusted of trustedKeys) {
    try {
      const key = createPublicKey({ key: trusted.publicKeyPem, format: 'pem' });
      if (key.asymmetricKeyType === 'ed25519' && keyIdOf(key) === keyId) {
        publicKey = key;
        break;
      }
    } catch {
      // An unparsable configured key is the configuration's problem; it simply matches nothing.
    }
  }
  if (!publicKey) return { ok: false, problem: problem('sig.untrusted-key', SIGNATURE_FILE, { keyId }) };
  let valid = false;
  try {
    valid = verify(null, manifestBytes, publicKey, parsed.bytes);
  } catch {
    valid = false;
  }
  return valid
    ? { ok: true, keyId }
    : { ok: false, problem: problem('sig.invalid', SIGNATURE_FILE, { keyId }) };
}
