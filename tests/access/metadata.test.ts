// Access metadata: front matter, sidecar, access.yaml glob rules, the default, and fail-closed parsing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stripFrontMatter } from '../../src/access/front-matter';
import { AccessResolver, isAccessMetadataFile } from '../../src/access/metadata';
import { canSee } from '../../src/access/policy';
import { parseMarkdown } from '../../src/ingest/loaders/markdown';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function corpus(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-meta-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('access metadata', () => {
  it('reads front matter, a sidecar and access.yaml rules, most specific first', () => {
    const dir = corpus({
      'a.md': '---\nvisibility: restricted\nallow: [ou_a, role:hr]\n---\n# A\n',
      'b.pdf': '%PDF',
      'b.pdf.meta.yaml': 'visibility: internal\n',
      'hr/c.docx': 'x',
      'hr/d.md': '---\nvisibility: public\n---\n# D\n',
      'e.md': '---\ntitle: no access keys here\n---\n# E\n',
      'access.yaml': 'rules:\n  - match: "hr/**"\n    visibility: restricted\n    allow: role:hr\n',
    });
    const r = new AccessResolver('public');
    expect(r.resolve(dir, 'a.md')).toEqual({
      visibility: 'restricted',
      allow: ['ou_a', 'role:hr'],
      source: 'front-matter',
    });
    expect(r.resolve(dir, 'b.pdf')).toMatchObject({ visibility: 'internal', source: 'sidecar' });
    expect(r.resolve(dir, 'hr/c.docx')).toEqual({
      visibility: 'restricted',
      allow: ['role:hr'],
      source: 'access.yaml',
    });
    // The file's own front matter wins over the folder rule.
    expect(r.resolve(dir, 'hr/d.md')).toMatchObject({ visibility: 'public', source: 'front-matter' });
    // Front matter without access keys falls through to the default.
    expect(r.resolve(dir, 'e.md')).toEqual({ visibility: 'public', allow: [], source: 'default' });
  });

  it('applies ZHIYIN_DEFAULT_VISIBILITY and access.yaml default to documents without metadata', () => {
    const dir = corpus({ 'x.md': '# X\n' });
    expect(new AccessResolver('internal').resolve(dir, 'x.md').visibility).toBe('internal');
    const dir2 = corpus({ 'x.md': '# X\n', 'access.yaml': 'default: restricted\n' });
    expect(new AccessResolver('public').resolve(dir2, 'x.md').visibility).toBe('restricted');
  });

  it('an allow list without visibility means restricted', () => {
    const dir = corpus({ 'a.md': '---\nallow: ou_a\n---\n# A\n' });
    expect(new AccessResolver('public').resolve(dir, 'a.md')).toMatchObject({
      visibility: 'restricted',
      allow: ['ou_a'],
    });
  });

  it('hides documents whose metadata cannot be read (fail closed) and says why', () => {
    const dir = corpus({
      'bad-yaml.md': '---\nvisibility: [restricted\n---\n# A\n',
      'bad-value.md': '---\nvisibility: secret\n---\n# B\n',
      'c.pdf': '%PDF',
      'c.pdf.meta.yaml': 'allow: {',
    });
    const r = new AccessResolver('public');
    for (const f of ['bad-yaml.md', 'bad-value.md', 'c.pdf']) {
      const rec = r.resolve(dir, f);
      expect(rec.hidden?.reason, f).toBeTruthy();
      expect(canSee(rec, { principals: ['ou_a'], tenantMember: true })).toBe(false);
    }
    // A broken access.yaml hides every document of its corpus that no file-level metadata covers.
    const dir2 = corpus({ 'x.md': '# X\n', 'y.md': '---\nvisibility: public\n---\n# Y\n', 'access.yaml': 'rules: [' });
    const r2 = new AccessResolver('public');
    expect(r2.resolve(dir2, 'x.md').hidden?.reason).toMatch(/access\.yaml/);
    expect(r2.resolve(dir2, 'y.md').hidden).toBeUndefined();
    // A file missing from a present corpus (moved since the ingest) is hidden too.
    expect(r2.resolve(dir, 'gone.md').hidden).toBeTruthy();
  });

  it('keeps front matter out of the indexed text and metadata files out of the corpus listing', () => {
    const md = '---\nvisibility: restricted\nallow: [ou_secret_id]\n---\n# 标题\n\n第一条 正文。\n';
    expect(stripFrontMatter(md)).toBe('# 标题\n\n第一条 正文。\n');
    expect(JSON.stringify(parseMarkdown(md))).not.toContain('ou_secret_id');
    expect(isAccessMetadataFile('a/b.pdf.meta.yaml')).toBe(true);
    expect(isAccessMetadataFile('access.yaml')).toBe(true);
    expect(isAccessMetadataFile('sub/access.yaml')).toBe(false);
  });
});

describe('access policy', () => {
  const restricted = {
    visibility: 'restricted' as const,
    allow: ['ou_a', 'oc_g', 'od_d'],
    source: 'front-matter' as const,
  };
  const internal = { visibility: 'internal' as const, allow: [], source: 'default' as const };
  const pub = { visibility: 'public' as const, allow: [], source: 'default' as const };

  it('public for everyone, internal for tenant members, restricted for the allow list', () => {
    expect(canSee(pub, undefined)).toBe(true);
    expect(canSee(internal, undefined)).toBe(false);
    expect(canSee(internal, { principals: [], tenantMember: true })).toBe(true);
    expect(canSee(restricted, { principals: ['ou_b'], tenantMember: true })).toBe(false);
    expect(canSee(restricted, { principals: ['ou_b', 'od_d'], tenantMember: true })).toBe(true);
    expect(canSee(restricted, { principals: ['ou_a'], tenantMember: false })).toBe(false);
  });

  it('in a group the group must be allowed, whoever asks', () => {
    expect(canSee(restricted, { principals: ['ou_a'], tenantMember: true, group: { chatId: 'oc_other' } })).toBe(false);
    expect(canSee(restricted, { principals: ['ou_b'], tenantMember: true, group: { chatId: 'oc_g' } })).toBe(true);
    expect(canSee(internal, { principals: ['ou_b'], tenantMember: true, group: { chatId: 'oc_other' } })).toBe(true);
  });
});

describe('long front matter', () => {
  it('is read in full: a restricted declaration after 8 KB of keys is not missed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiyin-meta-long-'));
    try {
      const filler = Array.from({ length: 600 }, (_, i) => `note${i}: 这是一段很长的说明文字`).join('\n');
      fs.writeFileSync(path.join(dir, 'a.md'), `---\n${filler}\nvisibility: restricted\nallow: [ou_a]\n---\n# A\n`);
      expect(new AccessResolver('public').resolve(dir, 'a.md')).toMatchObject({
        visibility: 'restricted',
        allow: ['ou_a'],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
