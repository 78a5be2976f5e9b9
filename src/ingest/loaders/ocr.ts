// Offline OCR for scanned PDFs and images: Debian's poppler-utils (pdftoppm) renders pages, tesseract-ocr with the
// chi_sim model (package tesseract-ocr-chi-sim) reads them, each run as a child process with a time limit.
// Chosen over an npm PaddleOCR/onnxruntime package after measuring both; see docs/ingest.md for the numbers.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ZhiyinError } from '../../core/errors';

const run = promisify(execFile);

/** Render resolution: 300 dpi is tesseract's recommended input for body text (tesseract docs, "ImproveQuality"). */
const DPI = 300;
/** Per page and tool, milliseconds: a 300-dpi A4 page takes 5–25 s on a loaded 2-core machine. */
const PAGE_TIMEOUT_MS = 120_000;

let available: Promise<boolean> | undefined;

/** True when `tesseract` with the chi_sim model and `pdftoppm` can be run (checked once per process). */
export function ocrAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      const { stdout, stderr } = await run('tesseract', ['--list-langs'], { timeout: 20_000 });
      if (!/\bchi_sim\b/.test(stdout + stderr)) return false;
      await run('pdftoppm', ['-v'], { timeout: 20_000 });
      return true;
    } catch {
      return false;
    }
  })();
  return available;
}

export function noOcrError(file: string, pages: number): ZhiyinError {
  return new ZhiyinError(
    'E_NO_TEXT_LAYER',
    `${file}: no text layer (${pages} pages, scanned image?) and OCR is not installed (apt install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)`,
    {
      userMessage: `文件《${file}》是扫描件，没有文字层；服务器未安装文字识别组件（tesseract-ocr、tesseract-ocr-chi-sim），请联系管理员安装后重新导入。`,
    },
  );
}

/**
 * Clean tesseract output for the layout normaliser: runs of spaces become one (the spaces themselves are real —
 * "第一条 为了", "第一章  总则"), and a page number printed as "— 1 —" that OCR reads as "一 1 一" (the dash looks
 * like the numeral 一) is written with dashes again so that it is dropped as page furniture.
 */
export function tidyOcrText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t]{2,}/g, ' ').trim())
    .map((line) => line.replace(/^[一—–\-－_~ ]+(\d{1,4})[一—–\-－_~ ]+$/, '— $1 —'))
    .join('\n');
}

async function tesseract(image: string): Promise<string> {
  const { stdout } = await run(
    'tesseract',
    [image, 'stdout', '-l', 'chi_sim', '--psm', '6', '-c', 'preserve_interword_spaces=1'],
    { timeout: PAGE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
  );
  return tidyOcrText(stdout);
}

function ocrFailed(file: string, cause: unknown): ZhiyinError {
  return new ZhiyinError('E_CORRUPT_FILE', `${file}: OCR failed (${(cause as Error)?.name ?? 'error'})`, {
    cause,
    userMessage: `文件《${file}》文字识别失败，图片可能已损坏或无法读取。`,
  });
}

/**
 * OCR every page of a PDF. `pages` is the page count (from pdf.js); `onPage(done, total)` after each page.
 * Returns the text of each page in order. Errors: E_CORRUPT_FILE when a tool fails or times out on a page.
 */
export async function ocrPdf(
  data: Buffer,
  file: string,
  pages: number,
  onPage?: (done: number, total: number) => void,
): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhiyin-ocr-'));
  try {
    const pdf = path.join(dir, 'in.pdf');
    await fs.writeFile(pdf, data);
    const out: string[] = [];
    onPage?.(0, pages);
    for (let n = 1; n <= pages; n++) {
      const prefix = path.join(dir, `p${n}`);
      await run(
        'pdftoppm',
        ['-r', String(DPI), '-gray', '-png', '-singlefile', '-f', String(n), '-l', String(n), pdf, prefix],
        {
          timeout: PAGE_TIMEOUT_MS,
        },
      );
      out.push(await tesseract(`${prefix}.png`));
      await fs.rm(`${prefix}.png`, { force: true });
      onPage?.(n, pages);
    }
    return out;
  } catch (cause) {
    throw ocrFailed(file, cause);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** OCR one image file (PNG, JPEG, TIFF, BMP as tesseract reads them). */
export async function ocrImage(data: Buffer, file: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhiyin-ocr-'));
  try {
    const img = path.join(dir, `in${path.extname(file).toLowerCase()}`);
    await fs.writeFile(img, data);
    return await tesseract(img);
  } catch (cause) {
    throw ocrFailed(file, cause);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
