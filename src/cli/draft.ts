// `zhiyin draft "<request>" [--out FILE.docx] [--json] [--as ID] [--index DIR]`: drafts a 公文 and optionally writes
// the GB/T 9704-2012 .docx.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { ZhiyinError } from '../core/errors';
import { renderDocx } from '../draft/docx';
import { openDrafter } from '../draft/open';
import { draftJson, renderDraftReply } from '../draft/reply';

interface DraftCliOptions {
  out?: string;
  json?: boolean;
  as?: string;
  index?: string;
}

export function registerDraft(program: Command): void {
  program
    .command('draft')
    .description('起草公文（通知、通报、请示、报告、函、纪要、工作方案），可输出 GB/T 9704 格式的 .docx')
    .argument('<request>', 'the request in Chinese, e.g. 帮我起草一份关于……的通知，发给……')
    .option('--out <file>', 'write the .docx here')
    .option('--json', 'print {"type","title","text","missing","citations","file"} as JSON')
    .option('--as <id>', 'draft on behalf of this principal (access rules decide what may be cited)')
    .option('--index <dir>', 'index directory (default: ZHIYIN_INDEX)')
    .action(async (request: string, opts: DraftCliOptions) => {
      if (!request.trim())
        throw new ZhiyinError('E_BAD_REQUEST', 'draft needs a request', {
          userMessage: '请写明要起草的公文，例如：起草一份关于……的通知，发给……',
        });
      if (opts.out && path.extname(opts.out).toLowerCase() !== '.docx')
        throw new ZhiyinError('E_BAD_REQUEST', `--out must end in .docx: ${opts.out}`);
      const opened = await openDrafter(loadConfig(), opts.index);
      try {
        if (!opened.grounded) console.error('note: no search index, the draft cites no rules (run zhiyin ingest)');
        const viewer = opts.as ? { principals: [opts.as], tenantMember: true } : undefined;
        const draft = await opened.drafter.draft(request, { viewer });
        let file: string | null = null;
        if (opts.out) {
          file = path.resolve(opts.out);
          fs.writeFileSync(file, await renderDocx(draft));
        }
        if (opts.json) console.log(JSON.stringify(draftJson(draft, file)));
        else {
          console.log(renderDraftReply(draft));
          if (file) console.log(`\n已保存：${file}`);
        }
      } finally {
        opened.close();
      }
    });
}
