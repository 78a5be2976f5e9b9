import { describe, expect, it } from 'vitest';
import { ZhiyinError } from '../../src/core/errors';
import { checkUploadType, sanitizeFileName } from '../../src/web/upload-check';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ZhiyinError ? e.code : 'not-zhiyin';
  }
  return undefined;
}

describe('sanitizeFileName', () => {
  it('drops directory parts so a name cannot leave the corpus', () => {
    expect(sanitizeFileName('../../x.md')).toBe('x.md');
    expect(sanitizeFileName('..\\..\\windows\\x.md')).toBe('x.md');
    expect(sanitizeFileName('/etc/passwd.txt')).toBe('passwd.txt');
    expect(sanitizeFileName('a/b/../建设工程质量管理条例.pdf')).toBe('建设工程质量管理条例.pdf');
  });

  it('removes control/reserved characters and leading dots, keeps Chinese', () => {
    expect(sanitizeFileName('..hidden.md')).toBe('hidden.md');
    expect(sanitizeFileName('~$报告.docx')).toBe('报告.docx');
    expect(sanitizeFileName('政府\u0000投资<条例>.docx')).toBe('政府投资条例.docx');
    expect(sanitizeFileName('  招标  投标法.md ')).toBe('招标 投标法.md');
  });

  it('rejects names with nothing left', () => {
    expect(codeOf(() => sanitizeFileName('..'))).toBe('E_BAD_REQUEST');
    expect(codeOf(() => sanitizeFileName('../'))).toBe('E_BAD_REQUEST');
    // A dot-file loses its leading dot and then has no extension: the type check rejects it.
    expect(sanitizeFileName('.md')).toBe('md');
    expect(codeOf(() => checkUploadType(sanitizeFileName('.md'), Buffer.from('x')))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => sanitizeFileName(''))).toBe('E_BAD_REQUEST');
  });

  it('caps very long names in UTF-8 bytes and keeps the extension', () => {
    const name = sanitizeFileName('条'.repeat(200) + '.md');
    expect(name.endsWith('.md')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(180);
  });
});

describe('checkUploadType', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  const text = Buffer.from('# 标题\n\n第一条 内容');

  it('accepts matching extension and content', () => {
    expect(checkUploadType('a.pdf', pdf)).toBe('.pdf');
    expect(checkUploadType('a.DOCX', zip)).toBe('.docx');
    expect(checkUploadType('a.md', text)).toBe('.md');
    expect(checkUploadType('页面.html', Buffer.from('<html><body><h1>办法</h1></body></html>'))).toBe('.html');
    expect(checkUploadType('a.txt', Buffer.from('\ufeff第一条', 'utf16le'))).toBe('.txt');
  });

  it('rejects other extensions and content that does not match', () => {
    expect(codeOf(() => checkUploadType('a.exe', pdf))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('noext', text))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('a.pdf', text))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('a.docx', pdf))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('a.md', zip))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('a.htm', pdf))).toBe('E_UNSUPPORTED_FORMAT');
    expect(codeOf(() => checkUploadType('a.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])))).toBe(
      'E_UNSUPPORTED_FORMAT',
    );
  });

  it('rejects empty and oversized files', () => {
    expect(codeOf(() => checkUploadType('a.md', Buffer.alloc(0)))).toBe('E_EMPTY_FILE');
    expect(codeOf(() => checkUploadType('a.md', Buffer.alloc(11, 0x41), 10))).toBe('E_TOO_LARGE');
  });

  it('gives Chinese user messages', () => {
    try {
      checkUploadType('a.exe', pdf);
    } catch (e) {
      expect((e as ZhiyinError).userMessage).toMatch(/不支持的文件类型/);
    }
  });
});
