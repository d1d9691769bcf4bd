// Helpers shared by the persistence, share, export and offline e2e tests.
// Not a test file (playwright.config.ts only matches *.e2e.mjs).
import { inflateSync } from 'node:zlib';
import { assert } from './lib.mjs';

export const DB = 'cs-scorecard';
export const STORE = 'kv';
export const KEY = {
  kpiEntry: 'cs-scorecard:kpi-entry',
  calibration: 'cs-scorecard:calibration',
  portfolio: 'cs-scorecard:portfolio',
  history: 'cs-scorecard:history',
  mappings: 'cs-scorecard:mappings',
};

/** A small account export (tab-separated, as pasted from a sheet): 2 Healthy, 1 Watch (SPEC §4.2 worked example), 1 Risk. */
export const ACCOUNTS_TSV = [
  'Account Name\tMRR\tDays Since Last Touch\tUsage %\tSentiment',
  'Zephyr Corp\t$80,000\t3\t95%\t90',
  'Yarrow Inc\t$50,000\t10\t85%\t80',
  'Acme\t$24,000\t38\t42%\t55',
  'Wobble LLC\t$2,000\t85\t5%\t10',
].join('\n');

export const val = (page, testid) => page.getByTestId(testid).getAttribute('data-value');

/** Wait until storage has loaded and report its mode ('indexeddb' or 'memory'). */
export async function storageReady(page) {
  const el = page.getByTestId('storage-mode');
  await page.waitForFunction(
    () => ['indexeddb', 'memory'].includes(document.querySelector('[data-testid="storage-mode"]')?.getAttribute('data-value') ?? ''),
  );
  return el.getAttribute('data-value');
}

/** Open the app and wait for storage (and the first-visit sample portfolio) to settle. */
export async function openApp(page, url) {
  await page.goto(url);
  const mode = await storageReady(page);
  // The page writes its first records right after loading; let them land so a test's own writes are not overtaken.
  if (mode === 'indexeddb') {
    await waitForStored(page, KEY.kpiEntry, () => true);
    await waitForStored(page, KEY.calibration, () => true);
  }
  return mode;
}

/** The notice with this id (data-notice), e.g. 'store-kpi-entry', 'store-memory', 'share', 'copy'. */
export const notice = (page, id) => page.locator(`[data-notice="${id}"]`);

/** Raw IndexedDB access inside the page (the database must already exist: wait for storageReady). */
function idb(page, op, key, value) {
  return page.evaluate(
    ([db, store, op, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const conn = open.result;
          const tx = conn.transaction(store, op === 'get' || op === 'keys' || op === 'entries' ? 'readonly' : 'readwrite');
          const s = tx.objectStore(store);
          const req =
            op === 'get' ? s.get(key) : op === 'keys' ? s.getAllKeys() : op === 'put' ? s.put(value, key) : op === 'entries' ? s.getAll() : s.delete(key);
          let result;
          req.onsuccess = () => (result = req.result);
          tx.oncomplete = () => {
            conn.close();
            resolve(op === 'put' || op === 'delete' ? undefined : result);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [DB, STORE, op, key ?? null, value ?? null],
  );
}
export const idbGet = (page, key) => idb(page, 'get', key);
export const idbPut = (page, key, value) => idb(page, 'put', key, value);
export const idbKeys = (page) => idb(page, 'keys');

/** Poll the stored value of `key` until `predicate(value)` holds (the store debounces writes). */
export async function waitForStored(page, key, predicate, what = key) {
  const deadline = Date.now() + 5_000;
  let last;
  while (Date.now() < deadline) {
    last = await idbGet(page, key);
    if (last !== undefined && predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what} never reached storage as expected; last stored: ${JSON.stringify(last)?.slice(0, 400)}`);
}

/** Set a KPI field and stage through the UI. */
export async function enterKpis(page, stage, values) {
  await page.getByTestId('stage').selectOption(stage);
  for (const [id, v] of Object.entries(values)) await page.getByTestId(`kpi-${id}`).fill(String(v));
}

export const ACCOUNTS_TOTAL_ARR = 12 * (80_000 + 50_000 + 24_000 + 2_000);

/** Import accounts by pasting them, and wait until they are scored (by the default ACCOUNTS_TSV's total ARR). */
export async function importAccounts(page, text = ACCOUNTS_TSV, totalArr = ACCOUNTS_TOTAL_ARR) {
  await page.getByTestId('accounts-input').fill(text);
  await page.getByTestId('accounts-submit').click();
  await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor({ state: 'detached' });
  await page.waitForFunction(
    (total) => document.querySelector('[data-testid="total-arr"]')?.getAttribute('data-value') === String(total),
    totalArr,
  );
}

/** Open the calibration panel (a <details>) if it is closed. */
export async function openCalibration(page) {
  const details = page.locator('details.calibration');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Decode a PNG (8-bit RGB/RGBA, as canvas.toBlob writes): signature, IHDR,
 * every chunk's CRC, the inflated data size, then the scanline filters undone.
 * Returns { width, height, channels, pixels }.
 */
export function decodePng(buf) {
  assert.ok(buf.subarray(0, 8).equals(PNG_SIGNATURE), 'not a PNG signature');
  let off = 8;
  let ihdr = null;
  const idat = [];
  let ended = false;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    assert.equal(crc, crc32(buf.subarray(off + 4, off + 8 + len)), `bad CRC in ${type} chunk`);
    if (type === 'IHDR') ihdr = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9] };
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  assert.ok(ihdr, 'no IHDR chunk');
  assert.ok(ended, 'no IEND chunk: the file is truncated');
  assert.equal(ihdr.bitDepth, 8, 'bit depth');
  const channels = { 2: 3, 6: 4 }[ihdr.colorType];
  assert.ok(channels, `colour type ${ihdr.colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = ihdr.width * channels;
  assert.equal(raw.length, ihdr.height * (1 + stride), 'image data does not match the header size');
  const pixels = Buffer.alloc(ihdr.height * stride);
  for (let y = 0; y < ihdr.height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[row + i - channels] : 0;
      const b = y > 0 ? pixels[row + i - stride] : 0;
      const c = i >= channels && y > 0 ? pixels[row + i - stride - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      assert.ok(pred !== undefined, `bad filter type ${filter} on row ${y}`);
      pixels[row + i] = (raw[src + i] + pred) & 0xff;
    }
  }
  return { ...ihdr, channels, pixels };
}

/** How many pixels in the rectangle are within `tolerance` of the colour '#rrggbb'. */
export function countColor(png, [x0, y0, x1, y1], hex, tolerance = 12) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * png.width + x) * png.channels;
      if (Math.abs(png.pixels[o] - r) <= tolerance && Math.abs(png.pixels[o + 1] - g) <= tolerance && Math.abs(png.pixels[o + 2] - b) <= tolerance) n++;
    }
  }
  return n;
}

let CRC_TABLE;
function crc32(bytes) {
  CRC_TABLE ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
