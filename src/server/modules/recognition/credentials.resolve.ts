import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
/**
 * Resolving the key a proof or a JWT names: did:key is derived from the identifier itself;
 * did:web and https keys are fetched (HTTPS only, 5 s, 100 kB, cached). Only keys and their
 * controller documents are ever fetched: JSON-LD contexts stay bundled (credentials.proof.ts).
 */

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

const FETCH_TIMEOUT_MS = 5000;
const MAX_DOCUMENT_BYTES = 100 * 1024;
const CACHE_MS = 5 * 60 * 1000;
const CACHE_ENTRIES = 500;

/** The key's document could not be fetched (offline, unreachable, too slow, too big, not JSON). */
export class UnreachableDocumentError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`${url} could not be fetched: ${reason}.`);
    this.name = 'UnreachableDocumentError';
  }
}

export type FetchJson = (url: string) => Promise<object>;

/** Loopback, private, link-local and unspecified addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

/** How far a fetch may go: the key documents' defaults, or wider for an operator's own request. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  accept: string;
  /**
   * Private and loopback addresses, and plain http. Only for a request an operator makes
   * deliberately (the CLI's CASE pull of a provider on their own network, tests): never for a URL
   * that came in a public request.
   */
  allowPrivate?: boolean;
}

const KEY_DOCUMENT_LIMITS: FetchLimits = {
  timeoutMs: FETCH_TIMEOUT_MS,
  maxBytes: MAX_DOCUMENT_BYTES,
  accept: 'application/did+json, application/ld+json, application/json',
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} kB`);

/**
 * Fetches a JSON document over HTTPS with a time and size limit. The verify routes are public, so a
 * host on a private or loopback address is not fetched (anyone could otherwise probe the network
 * Pathway runs in); the check is on the name's addresses before the request.
 */
export const fetchJsonOverHttps: FetchJson = (url) => fetchJsonWithin(url, KEY_DOCUMENT_LIMITS);

/** fetchJsonOverHttps with other limits (see FetchLimits). */
export async function fetchJsonWithin(url: string, limits: FetchLimits): Promise<object> {
  const schemeOk = url.startsWith('https://') || (limits.allowPrivate === true && url.startsWith('http://'));
  if (!schemeOk) throw new UnreachableDocumentError(url, 'only https is fetched');
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw new UnreachableDocumentError(url, 'not a URL');
  }
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new UnreachableDocumentError(url, `the name does not resolve (${(error as Error).message})`);
  }
  if (!limits.allowPrivate && addresses.some(isPrivateAddress))
    throw new UnreachableDocumentError(url, 'a private or loopback address is not fetched');
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: limits.accept },
      redirect: 'error',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (error) {
    throw new UnreachableDocumentError(url, (error as Error).message || 'network error');
  }
  if (!response.ok) throw new UnreachableDocumentError(url, `HTTP ${response.status}`);
  const tooBig = `larger than ${size(limits.maxBytes)}`;
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) throw new UnreachableDocumentError(url, tooBig);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of (response.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > limits.maxBytes) throw new UnreachableDocumentError(url, tooBig);
      chunks.push(chunk);
    }
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value;
  } catch (error) {
    if (error instanceof UnreachableDocumentError) throw error;
    throw new UnreachableDocumentError(url, (error as Error).message || 'unreadable');
  }
}

let fetcher: FetchJson = fetchJsonOverHttps;
const cache = new Map<string, { at: number; value: Promise<object> }>();

/** Tests (and deployments behind a proxy) replace how documents are fetched; the cache is cleared. */
export function setDocumentFetcher(next: FetchJson | null): void {
  fetcher = next ?? fetchJsonOverHttps;
  cache.clear();
}

/** A public document (a key, another issuer's status list), fetched within the limits and cached for five minutes. */
export async function fetchCached(url: string): Promise<object> {
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = fetcher(url);
  cache.set(url, { at: Date.now(), value });
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  // A failure is not kept: the network may be back on the next request.
  value.catch(() => cache.delete(url));
  return value;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Uint8Array {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) throw new Error('not base58');
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

const DID_KEY_ED25519 = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)(?:#(z6Mk[1-9A-HJ-NP-Za-km-z]+))?$/;

/** The DID a verification method belongs to (the part before '#'), when it is a DID URL. */
export function didOf(url: string): string | undefined {
  return url.startsWith('did:') ? url.split('#')[0] : undefined;
}

/**
 * did:key with an Ed25519 Multikey, derived locally. A bare `did:key:z6Mk…` used as a
 * verification method is read as its one key: the document is the key (Multikey, with
 * `publicKeyMultibase`) and its own controller document (listing the bare DID as an
 * assertion method), which is what did:key resolution means for it.
 */
export function didKeyDocument(url: string): object | undefined {
  const match = DID_KEY_ED25519.exec(url);
  if (!match) return undefined;
  const [, key, fragment] = match as unknown as [string, string, string | undefined];
  if (fragment && fragment !== key) return undefined;
  if (!ed25519PublicKey(key)) return undefined;
  const did = `did:key:${key}`;
  const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
  if (fragment) return { '@context': MULTIKEY_CONTEXT, ...method };
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key,
    verificationMethod: [method],
    assertionMethod: [method.id, did],
    authentication: [method.id, did],
  };
}

/** The 32 raw bytes of an Ed25519 Multikey (multicodec 0xed01), or undefined. */
export function ed25519PublicKey(multibase: string): Uint8Array | undefined {
  if (!multibase.startsWith('z')) return undefined;
  try {
    const bytes = base58Decode(multibase.slice(1));
    if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
    return bytes.slice(2);
  } catch {
    return undefined;
  }
}

/** did:web:host[:path] → https://host/.well-known/did.json or https://host/path/did.json. */
export function didWebUrl(did: string): string | undefined {
  const match = /^did:web:([^#?]+)$/.exec(did);
  if (!match) return undefined;
  const parts = match[1]!.split(':').map((p) => decodeURIComponent(p));
  const host = parts.shift()!;
  if (!host || /[/\s]/.test(host)) return undefined;
  return parts.length === 0 ? `https://${host}/.well-known/did.json` : `https://${host}/${parts.join('/')}/did.json`;
}

export interface ResolvedKey {
  /** The verification method document (with an @context, as a document loader returns it). */
  method: Record<string, unknown>;
  /** The controller's document, which lists the method as an assertion method (when fetched). */
  controller?: Record<string, unknown>;
  controllerId?: string;
  /** How the key was found: did:key (local), did:web or https (network). */
  via: 'did:key' | 'did:web' | 'https';
}

/** The documents a verifier needs for a verification method that is not Pathway's own: did:key, did:web or https. */
export async function resolveVerificationMethod(url: string): Promise<ResolvedKey | undefined> {
  const local = didKeyDocument(url);
  if (local) {
    const method = local as Record<string, unknown>;
    const controllerId = method.controller as string;
    return {
      method,
      controller: didKeyDocument(controllerId) as Record<string, unknown>,
      controllerId,
      via: 'did:key',
    };
  }
  if (url.startsWith('did:web:')) {
    const did = didOf(url)!;
    const location = didWebUrl(did);
    if (!location) return undefined;
    const document = (await fetchCached(location)) as Record<string, unknown>;
    if (document.id !== did)
      throw new UnreachableDocumentError(location, `it describes ${String(document.id)}, not ${did}`);
    const methods = [document.verificationMethod ?? []].flat() as Record<string, unknown>[];
    const wanted = url.includes('#') ? url : undefined;
    const found = methods.find((m) => {
      const id = typeof m?.id === 'string' ? (m.id.startsWith('#') ? `${did}${m.id}` : m.id) : undefined;
      return wanted ? id === wanted : true;
    });
    if (!found) return undefined;
    const id = wanted ?? url;
    const method = { '@context': contextFor(found), ...found, id, controller: found.controller ?? did };
    // Relative ids ('#key-1') are read as the DID's; a bare did:web names its one listed key.
    const absolute = (a: unknown) => {
      const id = typeof a === 'string' ? a : (a as { id?: unknown })?.id;
      return typeof id === 'string' && id.startsWith('#') ? `${did}${id}` : id;
    };
    const assertion = [document.assertionMethod ?? []].flat().map(absolute);
    const authentication = [document.authentication ?? []].flat().map(absolute);
    if (!wanted && assertion.includes(absolute(found.id))) assertion.push(did);
    if (!wanted && authentication.includes(absolute(found.id))) authentication.push(did);
    const controller = {
      '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
      id: did,
      verificationMethod: methods,
      assertionMethod: assertion,
      authentication,
    };
    return { method, controller, controllerId: did, via: 'did:web' };
  }
  if (url.startsWith('https://')) {
    const document = (await fetchCached(url)) as Record<string, unknown>;
    const controllerId = typeof document.controller === 'string' ? document.controller : undefined;
    const method = { '@context': contextFor(document), ...document, id: url };
    if (!controllerId) return { method, via: 'https' };
    const controller = controllerId.startsWith('did:web:')
      ? (await resolveVerificationMethod(controllerId))?.controller
      : ((await fetchCached(controllerId)) as Record<string, unknown>);
    return { method, controller, controllerId, via: 'https' };
  }
  return undefined;
}

function contextFor(method: Record<string, unknown>) {
  if (method['@context']) return method['@context'];
  if (method.type === 'Ed25519VerificationKey2020') return 'https://w3id.org/security/suites/ed25519-2020/v1';
  return MULTIKEY_CONTEXT;
}
