/**
 * A budgeted look inside a zip archive (.xlsx and .docx are zips) before a library parses it.
 * The central directory is read as the parsers (JSZip in exceljs and mammoth) read it, and every
 * entry is inflated as a stream and counted, keeping nothing: a zip bomb is stopped when its
 * real output passes the budget, whatever sizes its headers declare. Memory stays at one chunk.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipBudget {
  /** most entries (files) in the archive */
  entries: number;
  /** most bytes of all entries together, once decompressed */
  bytes: number;
}

/** Why an archive was refused: broken (`unreadable`) or over a budget. */
export class ZipScanError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'entries' | 'bytes',
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipScanError';
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  /** what the header claims; never trusted for the budget */
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const unreadable = (why: string) => new ZipScanError('unreadable', `not a readable zip archive: ${why}`);

/** The entries listed in the central directory (zip64 included). */
export function zipEntries(data: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // the end record is in the last 22 + 65,535 (comment) bytes
  let end = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 22 - 0xffff); i--) {
    if (view.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('no end of central directory');
  let count = view.readUInt16LE(end + 10);
  let offset = view.readUInt32LE(end + 16);
  if (count === 0xffff || offset === MAX32) {
    const locator = end - 20;
    if (locator < 0 || view.readUInt32LE(locator) !== ZIP64_LOCATOR) throw unreadable('zip64 locator missing');
    const record = Number(view.readBigUInt64LE(locator + 8));
    if (record + 56 > view.length || view.readUInt32LE(record) !== ZIP64_EOCD)
      throw unreadable('zip64 end record missing');
    count = Number(view.readBigUInt64LE(record + 32));
    offset = Number(view.readBigUInt64LE(record + 48));
  }
  if (count > maxEntries) throw new ZipScanError('entries', `${count} entries, over the limit of ${maxEntries}`);
  const entries: ZipEntry[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== CENTRAL)
      throw unreadable('central directory entry out of place');
    const flags = view.readUInt16LE(at + 8);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    const name = view.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1) throw unreadable(`${name} is encrypted`);
    let declaredSize = view.readUInt32LE(at + 24);
    let compressedSize = view.readUInt32LE(at + 20);
    let localHeaderOffset = view.readUInt32LE(at + 42);
    // zip64 extra field: the 8-byte values, in this order, for the fields that read 0xffffffff
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
      const id = view.readUInt16LE(x);
      const size = view.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let field = x + 4;
        const next = () => {
          const v = Number(view.readBigUInt64LE(field));
          field += 8;
          return v;
        };
        if (declaredSize === MAX32) declaredSize = next();
        if (compressedSize === MAX32) compressedSize = next();
        if (localHeaderOffset === MAX32) localHeaderOffset = next();
      }
      x += 4 + size;
    }
    entries.push({ name, method: view.readUInt16LE(at + 10), compressedSize, declaredSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(view: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > view.length || view.readUInt32LE(at) !== LOCAL)
    throw unreadable(`local header of ${entry.name} missing`);
  const start = at + 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28);
  if (start + entry.compressedSize > view.length) throw unreadable(`${entry.name} is cut short`);
  return view.subarray(start, start + entry.compressedSize);
}

/** Receives an entry's decompressed bytes chunk by chunk; may throw to stop the scan. */
export type ChunkWatcher = (chunk: Buffer) => void;

/**
 * Inflate every entry within the budget, handing the chunks of the entries `watch` asks for to
 * its watcher. Throws ZipScanError (unreadable, too many entries, too many bytes) or whatever a
 * watcher throws. Returns the totals.
 */
export async function scanZip(
  data: Uint8Array,
  budget: ZipBudget,
  watch: (name: string) => ChunkWatcher | undefined = () => undefined,
): Promise<{ entries: number; bytes: number }> {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries = zipEntries(data, budget.entries);
  let total = 0;
  const count = (entry: ZipEntry, bytes: number) => {
    total += bytes;
    if (total > budget.bytes)
      throw new ZipScanError(
        'bytes',
        `more than ${budget.bytes} bytes once decompressed (at ${entry.name})`,
        entry.name,
      );
  };
  for (const entry of entries) {
    // a header that already admits to too much is refused before any work
    if (total + entry.declaredSize > budget.bytes) count(entry, entry.declaredSize);
    const compressed = entryData(view, entry);
    const watcher = watch(entry.name);
    if (entry.method === 0) {
      count(entry, compressed.length);
      watcher?.(compressed);
      continue;
    }
    if (entry.method !== 8) throw unreadable(`${entry.name} uses compression method ${entry.method}`);
    const inflater = Readable.from([compressed]).pipe(createInflateRaw({ chunkSize: 64 * 1024 }));
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        count(entry, chunk.length);
        watcher?.(chunk);
      }
    } catch (error) {
      if (error instanceof ZipScanError || !(error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw error;
      throw unreadable(`${entry.name}: ${(error as Error).message}`);
    } finally {
      inflater.destroy();
    }
  }
  return { entries: entries.length, bytes: total };
}

/**
 * Counts XML start tags of one element name in a stream of chunks (`<row …>`, `<x:row>`),
 * across chunk boundaries. XML escapes `<` in text and attribute values, so a tag cannot hide
 * in content; comments and CDATA could only make the count larger, never smaller.
 */
export function tagCounter(element: string): { push: (chunk: Buffer) => number; readonly count: number } {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${element}[\\s/>]`, 'g');
  let count = 0;
  let carry = '';
  return {
    push(chunk) {
      // latin1 keeps one character per byte: tag names are ASCII, so matches are exact
      const text = carry + chunk.toString('latin1');
      pattern.lastIndex = 0;
      while (pattern.exec(text)) count += 1;
      // keep a tail that may hold the start of a tag split by the chunk boundary
      const open = text.lastIndexOf('<');
      carry = open >= 0 && text.length - open < 64 && !/[\s/>]/.test(text.slice(open + 1)) ? text.slice(open) : '';
      return count;
    },
    get count() {
      return count;
    },
  };
}
