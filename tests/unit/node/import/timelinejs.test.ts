import { mkdtemp, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import type { ImportNotice } from '../../../../electron/node/import/timelinejs';
import {
  classifyMediaUrl,
  convertTimelineJs,
  exportTimelineJs,
  importTimelineJsIntoPack,
  timelineJsSchema,
} from '../../../../electron/node/import/timelinejs';

const fixtures = resolve(import.meta.dirname, '../../../fixtures/timelinejs');
const load = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(join(fixtures, name), 'utf8'));
const codes = (notices: ImportNotice[]) => notices.map((n) => `${n.where} ${n.code}`);

describe('convertTimelineJs: the published format', () => {
  it('maps title, eras, events, dates, display dates, text and local media', async () => {
    const r = convertTimelineJs(await load('basic.json'), {
      language: 'en',
      languages: ['zh-Hans', 'en'],
      baseDir: fixtures,
    });
    expect(r.ok).toBe(true);
    const t = r.timeline!;
    expect(t.id).toBe('from-a-spark-to-momentum');
    expect(t.title).toEqual({ en: 'From a Spark to Momentum' });
    expect(t.intro).toEqual({ en: 'A century of **red landmarks** and *high-tech zones*.' });
    expect(t.eras.map((e) => [e.id, e.from, e.to, e.title.en])).toEqual([
      ['founding-years', '1921', '1949', 'Founding years'],
      ['digital-empowerment', '2020', '2026', 'Digital empowerment'],
    ]);
    expect(t.eras[0]?.intro).toEqual({ en: 'From the red boat to the crossing of the Yangtze.' });
    expect(t.eras[0]?.color).toMatch(/^#[0-9a-f]{6}$/);

    const [founding, xixiashu, yangtze, redMap, qin] = t.events;
    expect(founding).toMatchObject({
      id: 'founding-congress',
      date: '1921-07-23',
      end: '1921-08-03',
      era: 'founding-years',
    });
    expect(founding?.text?.en).toBe(
      'The congress met in Shanghai and closed on a **boat on South Lake**, Jiaxing.\n\n- 13 delegates\n- 50-odd members',
    );
    expect(founding?.media).toEqual(['from-a-spark-to-momentum-founding-congress']);
    expect(r.media['from-a-spark-to-momentum-founding-congress']).toEqual({
      kind: 'image',
      src: 'media/from-a-spark-to-momentum/red-boat.jpg',
      thumbnail: 'media/from-a-spark-to-momentum/red-boat-thumb.png',
      alt: { en: 'The red boat on South Lake' },
      credit: { en: 'Illustration, Hall Kiosk' },
      illustration: false,
    });
    expect(r.copies.map((c) => [c.role, c.packPath, c.source])).toEqual([
      ['src', 'media/from-a-spark-to-momentum/red-boat.jpg', join(fixtures, 'media/red-boat.jpg')],
      [
        'thumbnail',
        'media/from-a-spark-to-momentum/red-boat-thumb.png',
        join(fixtures, 'media/red-boat-thumb.png'),
      ],
    ]);

    expect(xixiashu).toMatchObject({
      id: 'the-xixiashu-branch',
      date: '1926',
      displayDate: { en: '1926', 'zh-Hans': '1926年' },
    });
    expect(xixiashu?.end).toBeUndefined();
    expect(xixiashu?.text?.en).toBe(
      'One of the earliest rural party branches in southern Jiangsu.\n\nIts former site is a memorial today.',
    );

    // A date's own display_date is used when the slide has none; it is translated.
    expect(yangtze).toMatchObject({
      date: '1949-04',
      end: '1949-06',
      displayDate: { en: 'April 1949', 'zh-Hans': '1949年4月' },
    });
    expect(yangtze?.media).toEqual([]);
    expect(redMap).toMatchObject({
      date: '2020',
      end: '2029',
      displayDate: { en: '2020s', 'zh-Hans': '2020年代' },
      era: 'digital-empowerment',
    });
    expect(redMap?.text?.en).toBe("Changzhou's red map gathers 108 sites in four categories.");
    expect(qin).toMatchObject({ date: '-0221' });
    expect(qin?.era).toBeUndefined();

    // Nothing dropped silently.
    expect(r.missing).toEqual([
      {
        where: 'events[2].media.url',
        url: 'https://www.youtube.com/watch?v=XXXXXXXXXXX',
        event: 'crossing-the-yangtze',
        reason: 'remote',
      },
    ]);
    expect(codes(r.notices)).toEqual(
      expect.arrayContaining([
        'title.media unsupported-field',
        'events[1].group unsupported-field',
        'events[2].media.url remote-media',
        'events[3].text.text html-converted',
        'events[3].background unsupported-field',
        'events[4] outside-eras',
      ]),
    );
    const remote = r.notices.find((n) => n.code === 'remote-media');
    expect(remote?.severity).toBe('warning');
    expect(remote?.message).toMatch(/offline/);

    // The result is a valid pack timeline.
    const manifest = packManifestSchema.safeParse({
      format: 'hallpack/1',
      id: 'x',
      version: '1.0.0',
      title: { en: 'x' },
      languages: ['en'],
      defaultLanguage: 'en',
      publisher: { en: 'x' },
      created: '2026-01-01',
      timelines: [t],
      media: r.media,
      files: {},
    });
    expect(manifest.success).toBe(true);
  });

  it('reads Chinese files with numeric dates, overlapping and open eras', async () => {
    const r = convertTimelineJs(await load('zh.json'), {
      language: 'zh-Hans',
      languages: ['zh-Hans', 'en'],
      baseDir: fixtures,
      timelineId: 'spark',
    });
    const t = r.timeline!;
    expect(t.id).toBe('spark');
    expect(t.title).toEqual({ 'zh-Hans': '星火燎原' });
    // Headlines without ASCII letters fall back to numbered ids; unique_id is kept.
    expect(t.eras.map((e) => [e.id, e.from, e.to])).toEqual([
      ['era-1', '1921', '1949'],
      ['era-2', '1937-07', '1945-09'],
      ['era-3', '2020', undefined],
    ]);
    expect(t.events.map((e) => [e.id, e.era])).toEqual([
      ['cpc-founding', 'era-1'],
      ['event-2', 'era-2'],
      ['event-3', 'era-1'],
      ['event-4', 'era-3'],
    ]);
    expect(t.events[2]).toMatchObject({
      date: '1949-04-23',
      displayDate: { 'zh-Hans': '1949年4月', en: 'April 1949' },
    });
    expect(t.events[3]?.displayDate).toEqual({ 'zh-Hans': '2020年代', en: '2020s' });
    expect(codes(r.notices)).toContain('eras[0] / eras[1] overlapping-eras');
  });

  it('reports edge cases precisely and keeps going', async () => {
    const r = convertTimelineJs(await load('edge-cases.json'), {
      language: 'en',
      baseDir: fixtures,
      timelineId: 'edge',
    });
    // Events the pack cannot show fail the conversion unless skipping is asked for, by name.
    expect(r.ok).toBe(false);
    expect(r.skipped.length).toBeGreaterThan(0);
    const skipping = convertTimelineJs(await load('edge-cases.json'), {
      language: 'en',
      baseDir: fixtures,
      timelineId: 'edge',
      skipUnsupported: true,
    });
    expect(skipping.skipped).toEqual(r.skipped);
    expect(skipping.ok).toBe(true);
    const t = skipping.timeline!;
    expect(t.events.map((e) => e.id)).toEqual([
      'founding-ceremony-parade',
      'event-2',
      'ends-before-it-starts',
      'missing-local-file',
      'a-document',
      'same',
      'same-2',
      'display-dates-on-both-ends',
    ]);
    const [ceremony, noHeadline, backwards, missingFile, pdf, , dup2, both] = t.events;
    expect(ceremony).toMatchObject({ date: '1949-10-01', title: { en: 'Founding ceremony & parade' } });
    expect(noHeadline?.title).toEqual({ en: '1950' });
    expect(noHeadline?.text).toEqual({ en: 'No headline here.' });
    expect(backwards?.end).toBeUndefined();
    // The missing file is a copy the pack step will find missing; the PDF is refused here.
    expect(missingFile?.media).toHaveLength(1);
    expect(pdf?.media).toEqual([]);
    expect(dup2?.id).toBe('same-2');
    expect(both?.displayDate).toEqual({ en: 'Spring 1974 – summer' });
    const abs = r.media[both?.media[0] ?? ''];
    expect(abs?.alt).toEqual({ en: 'Absolute path' });
    expect(r.copies.find((c) => c.mediaId === both?.media[0])?.source).toBe('/nonexistent/absolute.png');

    const c = codes(r.notices);
    expect(c).toEqual(
      expect.arrayContaining([
        'events[0].start_date precision-dropped',
        'events[1].text.headline no-headline',
        'events[1].text.text html-converted',
        'events[2].start_date.year invalid-date',
        'events[3].start_date invalid-date',
        'events[4].end_date end-before-start',
        'events[6].media.url unknown-media-type',
        'events[6].media.link unsupported-field',
        'events[6].media.link_target unsupported-field',
        'events[6].media.title unsupported-field',
        'events[8] duplicate-id',
        'events[8].location unknown-field',
        'events[8].autolink unsupported-field',
        'events[9].start_date invalid-date',
        'events[10].media.alt unsupported-field',
      ]),
    );
    const scriptNotice = r.notices.find((n) => n.where === 'events[1].text.text');
    expect(scriptNotice?.message).toMatch(/<script>.*<iframe>/);
  });

  it('refuses what is not TimelineJS, saying where', () => {
    const r = convertTimelineJs(
      { events: [{ start_date: { year: true } }] },
      { language: 'en', baseDir: '/' },
    );
    expect(r.ok).toBe(false);
    expect(r.notices[0]).toMatchObject({
      severity: 'error',
      code: 'invalid-format',
      where: 'events[0].start_date.year',
    });
    expect(convertTimelineJs('nope', { language: 'en', baseDir: '/' }).ok).toBe(false);
    expect(convertTimelineJs({ events: [] }, { language: 'en', baseDir: '/' }).timeline?.events).toEqual([]);
  });

  it('classifies media URLs', () => {
    expect(classifyMediaUrl('https://x.org/a.jpg', '/b')).toEqual({ kind: 'remote' });
    expect(classifyMediaUrl('//cdn.x.org/a.jpg', '/b')).toEqual({ kind: 'remote' });
    expect(classifyMediaUrl('img/a%20b.jpg?x=1', '/b')).toEqual({ kind: 'local', path: '/b/img/a b.jpg' });
    expect(classifyMediaUrl('file:///srv/a.jpg', '/b')).toEqual({ kind: 'local', path: '/srv/a.jpg' });
    expect(classifyMediaUrl('data:image/png;base64,xx', '/b').kind).toBe('unsupported');
    expect(classifyMediaUrl('mailto:a@b', '/b').kind).toBe('unsupported');
    expect(classifyMediaUrl('<blockquote>tweet</blockquote>', '/b').kind).toBe('unsupported');
  });
});

describe('round trips with the TimelineJS format', () => {
  it('export → import gives the same timeline (idempotent)', async () => {
    for (const [file, language] of [
      ['basic.json', 'en'],
      ['zh.json', 'zh-Hans'],
    ] as const) {
      const first = convertTimelineJs(await load(file), { language, baseDir: fixtures, timelineId: 't' });
      const exported = exportTimelineJs(first.timeline!, first.media, language);
      // What we write is the published format.
      expect(timelineJsSchema.safeParse(exported).success).toBe(true);
      const second = convertTimelineJs(JSON.parse(JSON.stringify(exported)), {
        language,
        baseDir: fixtures,
        timelineId: 't',
      });
      const strip = (tl: typeof first.timeline) => ({
        ...tl,
        events: tl!.events.map((e) => ({ ...e, media: e.media.length })),
      });
      // Open eras get an end when exported (TimelineJS requires one): compare the rest.
      const a = strip(first.timeline);
      const b = strip(second.timeline);
      expect(b.events).toEqual(a.events);
      expect(b.eras?.map((e) => [e.id, e.title, e.from, e.intro])).toEqual(
        a.eras?.map((e) => [e.id, e.title, e.from, e.intro]),
      );
      expect(b.title).toEqual(a.title);
      expect(b.intro).toEqual(a.intro);
    }
  });

  it('import → export keeps every supported field of the original', async () => {
    const original = timelineJsSchema.parse(await load('basic.json'));
    const r = convertTimelineJs(original, { language: 'en', baseDir: fixtures });
    const back = exportTimelineJs(r.timeline!, r.media, 'en', '');
    expect(back.title?.text?.headline).toBe(original.title?.text?.headline);
    expect(back.eras?.map((e) => [e.start_date.year, e.end_date?.year, e.text?.headline])).toEqual(
      original.eras?.map((e) => [e.start_date.year, e.end_date?.year, e.text?.headline]),
    );
    back.events.forEach((slide, i) => {
      const o = original.events[i]!;
      expect(slide.start_date).toMatchObject({ year: String(Number(o.start_date!.year)) });
      expect(slide.text?.headline).toBe(o.text?.headline);
      expect(slide.display_date ?? undefined).toBe(o.display_date ?? o.start_date?.display_date);
      if (o.media && !o.media.url.startsWith('http')) {
        expect(slide.media?.caption).toBe(o.media.caption);
        expect(slide.media?.credit).toBe(o.media.credit);
      }
    });
    // HTML survives as equivalent HTML.
    expect(back.events[0]?.text?.text).toBe(
      '<p>The congress met in Shanghai and closed on a <strong>boat on South Lake</strong>, Jiaxing.</p><ul><li>13 delegates</li><li>50-odd members</li></ul>',
    );
  });
});

describe('importTimelineJsIntoPack', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'tljs-'));
    dirs.push(d);
    return d;
  };

  it('creates a pack, copies and hashes local media, lists missing ones', async () => {
    const dir = await tmp();
    const pack = join(dir, 'my-pack');
    const r = await importTimelineJsIntoPack({
      file: join(fixtures, 'basic.json'),
      packDir: pack,
      language: 'en',
    });
    expect(r.ok).toBe(true);
    expect(r.createdPack).toBe(true);
    expect(r.events).toBe(5);
    expect(r.copied.map((c) => c.packPath)).toEqual([
      'media/from-a-spark-to-momentum/red-boat.jpg',
      'media/from-a-spark-to-momentum/red-boat-thumb.png',
    ]);
    const manifest = packManifestSchema.parse(JSON.parse(await readFile(join(pack, 'pack.json'), 'utf8')));
    expect(manifest.id).toBe('my-pack');
    expect(manifest.timelines[0]?.events).toHaveLength(5);
    const bytes = await readFile(join(pack, 'media/from-a-spark-to-momentum/red-boat.jpg'));
    expect(manifest.files['media/from-a-spark-to-momentum/red-boat.jpg']).toEqual({
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(r.missing.map((m) => m.reason)).toEqual(['remote']);
  });

  it('merges into an existing pack, keeps its content, refuses a duplicate id without --replace', async () => {
    const dir = await tmp();
    const pack = join(dir, 'p');
    await mkdir(pack);
    const existing = {
      format: 'hallpack/1',
      id: 'p',
      version: '1.0.0',
      title: { 'zh-Hans': '展', en: 'Hall' },
      languages: ['zh-Hans', 'en'],
      defaultLanguage: 'zh-Hans',
      publisher: { 'zh-Hans': '馆', en: 'Hall' },
      created: '2026-01-01',
      media: { keep: { kind: 'image', src: 'media/keep.png' } },
      files: { 'media/keep.png': { size: 1, sha256: '0'.repeat(64) } },
      timelines: [{ id: 'spark', title: { en: 'old' }, events: [] }],
    };
    await writeFile(join(pack, 'pack.json'), JSON.stringify(existing));
    await writeFile(join(pack, 'pack.sig'), 'sig');
    const refused = await importTimelineJsIntoPack({
      file: join(fixtures, 'zh.json'),
      packDir: pack,
      timelineId: 'spark',
    });
    expect(refused.ok).toBe(false);
    expect(refused.notices.at(-1)?.message).toMatch(/--replace/);

    const r = await importTimelineJsIntoPack({
      file: join(fixtures, 'zh.json'),
      packDir: pack,
      timelineId: 'spark',
      replace: true,
    });
    expect(r.ok).toBe(true);
    expect(r.signatureStale).toBe(true);
    const raw = JSON.parse(await readFile(join(pack, 'pack.json'), 'utf8')) as typeof existing;
    expect(raw.media.keep).toEqual(existing.media.keep);
    expect(raw.files['media/keep.png']).toEqual(existing.files['media/keep.png']);
    expect(raw.timelines).toHaveLength(1);
    expect(raw.timelines[0]?.title).toEqual({ 'zh-Hans': '星火燎原' });
    // The language defaults to the pack's; display dates were written in both.
    expect(JSON.stringify(raw)).toContain('"en":"April 1949"'.replace(/"/g, '"'));
  });

  it('drops media whose local file is missing, and writes nothing on --dry-run', async () => {
    const dir = await tmp();
    await cp(fixtures, join(dir, 'src'), { recursive: true });
    const pack = join(dir, 'pack');
    const dry = await importTimelineJsIntoPack({
      file: join(dir, 'src/edge-cases.json'),
      packDir: pack,
      dryRun: true,
      skipUnsupported: true,
    });
    expect(dry.ok).toBe(true);
    await expect(readFile(join(pack, 'pack.json'))).rejects.toThrow();
    expect(dry.missing.map((m) => [m.where, m.reason])).toEqual(
      expect.arrayContaining([
        ['events[5].media.url', 'not-found'],
        ['events[6].media.url', 'unsupported'],
        ['events[10].media.url', 'not-found'],
      ]),
    );
    const r = await importTimelineJsIntoPack({
      file: join(dir, 'src/edge-cases.json'),
      packDir: pack,
      skipUnsupported: true,
    });
    const manifest = packManifestSchema.parse(JSON.parse(await readFile(join(pack, 'pack.json'), 'utf8')));
    expect(r.ok).toBe(true);
    expect(Object.keys(manifest.media)).toEqual([]);
    expect(manifest.timelines[0]?.events.every((e) => e.media.length === 0)).toBe(true);
  });

  it('refuses unreadable input and invalid packs', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'bad.json'), '{ nope');
    const r = await importTimelineJsIntoPack({ file: join(dir, 'bad.json'), packDir: join(dir, 'p') });
    expect(r.ok).toBe(false);
    expect(r.notices[0]?.code).toBe('invalid-json');
    await mkdir(join(dir, 'p2'));
    await writeFile(join(dir, 'p2', 'pack.json'), '{"format":"hallpack/1"}');
    const r2 = await importTimelineJsIntoPack({
      file: join(fixtures, 'basic.json'),
      packDir: join(dir, 'p2'),
    });
    expect(r2.ok).toBe(false);
    expect(r2.notices[0]?.message).toMatch(/not a valid pack/);
  });
});
