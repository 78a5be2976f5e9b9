// `zhiyin check FILE.docx|FILE.txt [--json]`: 公文体检. Prints one finding per line (第N行 [rule] message) or
// {"findings":[{"rule","line","message"}]}; exits 1 when there are findings, like a linter.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ZhiyinError } from '../core/errors';
import { checkText, docxText } from '../draft/check';
import { renderFindings } from '../draft/reply';

export async function readDraftFile(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (!fs.existsSync(file))
    throw new ZhiyinError('E_BAD_REQUEST', `no such file: ${file}`, { userMessage: `找不到文件：${file}` });
  const data = fs.readFileSync(file);
  if (ext === '.docx') return docxText(data);
  if (ext === '.txt' || ext === '.md' || ext === '') return data.toString('utf8');
  throw new ZhiyinError('E_UNSUPPORTED_FORMAT', `check reads .docx or .txt, not ${ext}`, {
    userMessage: `公文体检只支持 .docx 和 .txt 文件，不支持 ${ext}。`,
  });
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('公文体检：按 GB/T 9704-2012 和《党政机关公文处理工作条例》检查 .docx 或 .txt 草稿')
    .argument('<file>', 'FILE.docx or FILE.txt')
    .option('--json', 'print {"findings":[{"rule","line","message"}]}')
    .action(async (file: string, opts: { json?: boolean }) => {
      const findings = checkText(await readDraftFile(file));
      console.log(opts.json ? JSON.stringify({ findings }) : renderFindings(findings));
      if (findings.length > 0) process.exitCode = 1;
    });
}
