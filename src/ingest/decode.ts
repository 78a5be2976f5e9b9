// Text decoding with detection: UTF-8 (with or without BOM), UTF-16 with BOM, and the GB family
// (GB2312/GBK/GB18030 — common in Chinese government files) or Big5 as detected by chardet.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ZhiyinError } from '../core/errors';

export interface Decoded {
  text: string;
  encoding: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Share of decoded characters that are replacement or control characters: a wrong guess shows up here. */
function garbageRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0xfffd || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) bad++;
  }
  return bad / text.length;
}

export function decodeText(buf: Buffer, file: string): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'UTF-16LE' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'UTF-16BE' };
  }
  try {
    return { text: utf8.decode(buf), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: fall through to detection.
  }
  const best = chardet.analyse(buf)[0];
  const detected = (best?.name ?? '').toUpperCase();
  // GB18030 (a superset of GB2312/GBK) is what mainland government files use, so it is the default; another
  // CJK encoding is tried first only when chardet is confident (short texts get ~10 for every candidate).
  const confident = (best?.confidence ?? 0) >= 50 && ['BIG5', 'EUC-JP', 'SHIFT_JIS', 'EUC-KR'].includes(detected);
  const candidates = confident ? [detected, 'GB18030'] : ['GB18030'];
  for (const enc of candidates) {
    if (!iconv.encodingExists(enc)) continue;
    const text = iconv.decode(buf, enc);
    if (garbageRatio(text) < 0.01) return { text, encoding: enc };
  }
  throw new ZhiyinError('E_ENCODING', `${file}: cannot decode text (not UTF-8, detected ${detected || 'nothing'})`, {
    userMessage: `文件《${file}》的文字编码无法识别，请另存为 UTF-8 编码后重新上传。`,
  });
}
