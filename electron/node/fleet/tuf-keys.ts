/**
 * Ed25519 keys as The Update Framework writes them: `keytype`/`scheme` "ed25519", the raw public
 * key in hex, and a key id that is the SHA-256 of the key's canonical JSON (TUF spec §4.2). The
 * canonical form comes from @tufjs/canonical-json, the same code the tuf-js client checks with.
 */
import { canonicalize } from '@tufjs/canonical-json';
import { Key, Signature } from '@tufjs/models';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export type TufSigner = {
  key: Key;
  /** Signs canonical bytes; the shape `Metadata.sign` takes. */
  sign: (data: Buffer) => Signature;
};

function rawPublicHex(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('hex');
}

/** The TUF `Key` (with its spec key id) of an Ed25519 public key. */
export function tufKeyOf(publicKey: KeyObject): Key {
  const body = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: rawPublicHex(publicKey) } };
  const keyID = createHash('sha256').update(canonicalize(body)).digest('hex');
  return new Key({ keyID, keyType: body.keytype, scheme: body.scheme, keyVal: body.keyval });
}

/** A signer over a PKCS#8 PEM private key. Throws when the PEM is not an Ed25519 private key. */
export function signerFromPem(privateKeyPem: string): TufSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`not an Ed25519 private key (${privateKey.asymmetricKeyType ?? 'unknown type'})`);
  }
  const key = tufKeyOf(createPublicKey(privateKey));
  return {
    key,
    sign: (data) => new Signature({ keyID: key.keyID, sig: sign(null, data, privateKey).toString('hex') }),
  };
}

/** A fresh Ed25519 private key as PKCS#8 PEM. */
export function generateTufPrivateKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
