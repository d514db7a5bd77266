import { describe, expect, it } from 'vitest';
import {
  countProblems,
  formatJsonPath,
  formatProblem,
  hasErrors,
  problem,
  problemCatalogue,
} from '../../../electron/shared/problems';
import type { ProblemCode } from '../../../electron/shared/problems';

/** Plausible parameters for any template: every key a template may read gets a value. */
const anyParams = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `«${key}»` : undefined) });

describe('problem catalogue', () => {
  const codes = Object.keys(problemCatalogue) as ProblemCode[];

  it.each(codes)('%s has a message in both languages', (code) => {
    const entry = problemCatalogue[code];
    const en = (entry.en as (p: unknown) => string)(anyParams);
    const zh = (entry.zh as (p: unknown) => string)(anyParams);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(zh.trim().length).toBeGreaterThan(0);
    if (code !== 'manifest.schema') {
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(en).not.toMatch(/\n/);
    expect(zh).not.toMatch(/\n/);
    expect(['error', 'warning']).toContain(entry.severity);
  });

  it('codes are namespaced', () => {
    for (const code of codes) expect(code).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  });
});

describe('problem()', () => {
  it('fills in a template with severity, rule and path', () => {
    const p = problem('ref.category-missing', 'pack.json', { id: 'x' }, { path: 'places[0].category' });
    expect(p).toEqual({
      code: 'ref.category-missing',
      severity: 'error',
      file: 'pack.json',
      rule: 'ref.category-missing',
      message: {
        en: 'category "x" does not exist. Add it to "categories" or fix the id.',
        'zh-Hans': '分类 "x" 不存在。请在 "categories" 中添加它，或修正 id。',
      },
      path: 'places[0].category',
    });
  });

  it('lets a caller downgrade severity', () => {
    expect(problem('sig.missing', 'pack.sig', {}, { severity: 'warning' }).severity).toBe('warning');
  });

  it('omits an empty path', () => {
    expect('path' in problem('sig.missing', 'pack.sig', {}, { path: '' })).toBe(false);
  });
});

describe('formatting', () => {
  it('prints file: rule: message on one line in either language', () => {
    const p = problem('files.missing', 'media/a.png', { path: 'media/a.png' });
    expect(formatProblem(p)).toBe(
      'media/a.png: files.missing: "media/a.png" is listed in "files" but is not in the pack. Add the file or rebuild the pack.',
    );
    expect(formatProblem(p, 'zh-Hans')).toMatch(/^media\/a\.png: files\.missing: "media\/a\.png" 列在/);
  });

  it('leads the message with the JSON path and never spans lines', () => {
    const p = problem(
      'manifest.schema',
      'pack.json',
      { en: 'bad\nthing', zh: '坏' },
      { path: 'places[2].name' },
    );
    expect(formatProblem(p)).toBe('pack.json: manifest.schema: places[2].name: bad thing');
  });

  it('formats JSON paths', () => {
    expect(formatJsonPath(['places', 3, 'category'])).toBe('places[3].category');
    expect(formatJsonPath(['media', 'a-b', 'src'])).toBe('media["a-b"].src');
    expect(formatJsonPath(['files', 'media/x.png'])).toBe('files["media/x.png"]');
    expect(formatJsonPath([])).toBe('');
  });

  it('counts errors and warnings', () => {
    const list = [
      problem('sig.missing', 'pack.sig', {}),
      problem('lang.missing-translation', 'pack.json', { lang: 'en' }),
      problem('lang.unlisted', 'pack.json', { lang: 'fr' }),
    ];
    expect(countProblems(list)).toEqual({ errors: 1, warnings: 2 });
    expect(hasErrors(list)).toBe(true);
    expect(hasErrors(list.slice(1))).toBe(false);
  });
});
