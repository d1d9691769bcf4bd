import { expect } from 'vitest';
import { decodeShare, fnv1a32, fromBase64Url, toBase64Url } from '../../../src/lib/schema/share';

/** A well-formed, correctly checksummed link around any JSON payload (non-ASCII escaped, as the encoder does): tests the layers past the checksum. */
export const forge = (json: string, version = '2') => {
  const ascii = json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const body = `${version}.${toBase64Url(ascii)}`;
  return `s=${body}.${fnv1a32(body)}`;
};

/** The positional payload of a link, to alter one slot at a time. */
export const payloadOf = (link: string): unknown[] => JSON.parse(fromBase64Url(link.split('.')[1]) ?? 'null');

/** The reason a link is rejected (and that it is). */
export const reasonOf = (fragment: string) => {
  const r = decodeShare(fragment);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.reason;
};
