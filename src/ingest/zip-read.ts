// Bounded reading of zip containers (.docx, .xlsx, .ofd) from untrusted uploads (issue 13: a 300 KB .docx whose
// document.xml inflates to gigabytes). The central directory is checked before anything is inflated — entry count,
// declared sizes, compression ratio — and yauzl verifies while inflating that no entry yields more bytes than it
// declared, so a lying header cannot get past the declared-size check either.
import yauzl from 'yauzl';
import { ZhiyinError } from '../core/errors';
import { LIMITS } from './limits';

export interface ZipLimits {
  maxTotalBytes: number;
  maxEntryBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

const DEFAULT_LIMITS: ZipLimits = {
  maxTotalBytes: LIMITS.maxZipBytes,
  maxEntryBytes: LIMITS.maxZipEntryBytes,
  maxRatio: LIMITS.maxZipRatio,
  ratioFloorBytes: LIMITS.ratioFloorBytes,
  maxEntries: LIMITS.maxZipEntries,
};

function bomb(file: string, what: string): ZhiyinError {
  return new ZhiyinError('E_TOO_LARGE', `${file}: zip container refused (${what})`, {
    userMessage: `文件《${file}》解压后体积异常（${what}），疑似压缩炸弹，已拒绝处理。`,
  });
}

function corrupt(file: string, cause: unknown): ZhiyinError {
  const msg = (cause as Error)?.message ?? String(cause);
  const encrypted = /encrypt/i.test(msg);
  if (encrypted) {
    return new ZhiyinError('E_ENCRYPTED', `${file}: zip entries are encrypted`, {
      cause,
      userMessage: `文件《${file}》已加密，无法读取。请取消密码保护后重新上传。`,
    });
  }
  return new ZhiyinError('E_CORRUPT_FILE', `${file}: not a readable zip container`, {
    cause,
    userMessage: `文件《${file}》已损坏或不完整（压缩包结构无法读取），请重新导出后上传。`,
  });
}

/**
 * Read the entries of a zip held in memory whose names pass `want` (all when omitted).
 * Returns name → bytes. Errors: E_TOO_LARGE (limits, with the reason), E_ENCRYPTED, E_CORRUPT_FILE.
 * Size limits are in bytes of inflated data; the ratio is inflated / compressed size per entry.
 */
export async function readZip(
  data: Buffer,
  file: string,
  want: (name: string) => boolean = () => true,
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err || !z ? reject(corrupt(file, err)) : resolve(z),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw bomb(file, `${zip.entryCount} 个条目`);
  }
  const out = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: ZhiyinError) => {
      if (settled) return;
      settled = true;
      zip.close();
      reject(e);
    };
    zip.on('error', (e) => fail(corrupt(file, e)));
    zip.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(out);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (settled) return;
      const name = entry.fileName;
      const size = entry.uncompressedSize;
      // Every entry counts toward the declared total, read or not: the sum is what a full unzip would cost.
      total += size;
      if (total > limits.maxTotalBytes)
        return fail(bomb(file, `解压后超过 ${Math.round(limits.maxTotalBytes / 1048576)} MB`));
      if (name.endsWith('/') || !want(name)) return zip.readEntry();
      if (size > limits.maxEntryBytes) return fail(bomb(file, `${name} 解压后 ${Math.round(size / 1048576)} MB`));
      const ratio = size / Math.max(1, entry.compressedSize);
      if (size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        return fail(bomb(file, `${name} 压缩比 ${Math.round(ratio)}:1`));
      }
      if (entry.isEncrypted()) return fail(corrupt(file, new Error('entry is encrypted')));
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(corrupt(file, err));
        const parts: Buffer[] = [];
        let got = 0;
        stream.on('data', (b: Buffer) => {
          got += b.length;
          // yauzl also checks this; stopping here keeps memory bounded even before its end-of-entry check.
          if (got > size || got > limits.maxEntryBytes) {
            stream.destroy();
            fail(bomb(file, `${name} 实际解压大小超过声明`));
            return;
          }
          parts.push(b);
        });
        stream.on('error', (e) => fail(corrupt(file, e)));
        stream.on('end', () => {
          if (settled) return;
          out.set(name, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
