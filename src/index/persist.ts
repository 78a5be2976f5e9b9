// Binary persistence of typed arrays: one file = a JSON header line + raw little-endian buffers. Loading is a
// single read and zero-copy views, which keeps cold load of the national index well under a second.
import fs from 'node:fs';
import { ZhiyinError } from '../core/errors';
import { replaceFile } from '../store/replace-file';

type Typed = Float32Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
const CTORS = { Float32Array, Uint32Array, Int32Array, Uint16Array, Uint8Array } as const;
type CtorName = keyof typeof CTORS;

export function saveArrays(file: string, arrays: Record<string, Typed>, meta: Record<string, unknown> = {}): void {
  const entries: { name: string; type: CtorName; offset: number; length: number }[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(arrays)) {
    // Keep every buffer 8-byte aligned so views can be created without copying.
    offset = Math.ceil(offset / 8) * 8;
    entries.push({ name, type: arr.constructor.name as CtorName, offset, length: arr.length });
    offset += arr.byteLength;
  }
  const header = Buffer.from(JSON.stringify({ entries, meta }) + '\n', 'utf8');
  const headerLen = Math.ceil((header.length + 8) / 8) * 8;
  const out = Buffer.alloc(headerLen + offset);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 8);
  for (const e of entries) {
    const a = arrays[e.name]!;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, headerLen + e.offset);
  }
  replaceFile(file, out);
}

export function loadArrays(file: string): { arrays: Record<string, Typed>; meta: Record<string, unknown> } {
  if (!fs.existsSync(file)) throw new ZhiyinError('E_INDEX_MISSING', `Index file missing: ${file}`);
  const buf = fs.readFileSync(file);
  try {
    const len = buf.readUInt32LE(0);
    const { entries, meta } = JSON.parse(buf.subarray(8, 8 + len).toString('utf8')) as {
      entries: { name: string; type: CtorName; offset: number; length: number }[];
      meta: Record<string, unknown>;
    };
    const headerLen = Math.ceil((len + 8) / 8) * 8;
    // Copy into an aligned standalone ArrayBuffer: Buffer pools may start at unaligned offsets.
    const body = new Uint8Array(buf.length - headerLen);
    body.set(buf.subarray(headerLen));
    const arrays: Record<string, Typed> = {};
    for (const e of entries) arrays[e.name] = new CTORS[e.type](body.buffer, e.offset, e.length);
    return { arrays, meta };
  } catch (cause) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Index file unreadable: ${file}`, { cause });
  }
}

export function writeJson(file: string, value: unknown): void {
  replaceFile(file, JSON.stringify(value));
}

export function readJson<T>(file: string): T {
  if (!fs.existsSync(file)) throw new ZhiyinError('E_INDEX_MISSING', `Index file missing: ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new ZhiyinError('E_INDEX_CORRUPT', `Index file unreadable: ${file}`, { cause });
  }
}
