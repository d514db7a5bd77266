/**
 * What `hallpack init` writes: a working folder (pack.json without a files index, media, captions,
 * a README on where to go next) that passes `hallpack lint`. Two templates:
 * - `minimal`: two places, one timeline of two events, one image — the least that shows something;
 * - `museum`: one of each media kind (image, video, audio narration, 3D model, deep-zoom tiles,
 *   GeoJSON relief), three places, a timeline in two chapters, a narrated tour, figures, an About
 *   panel, in both languages.
 * Media bytes are small committed files (assets/templates/media, made by
 * scripts/make-template-media.mjs), so init needs neither ffmpeg nor ImageMagick.
 */
import type { PackManifestInput } from '../../shared/pack-schema';
import { PACK_FORMAT } from '../../shared/pack-schema';

export const TEMPLATE_NAMES = ['minimal', 'museum'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export type TemplateOptions = { id: string; created: string };

/** A file of the new folder: either text, or a copy of a committed template medium. */
export type TemplateFile = { path: string; text: string } | { path: string; copyOf: string };

export type Template = { manifest: PackManifestInput; files: TemplateFile[] };

const zhEn = (zh: string, en: string) => ({ 'zh-Hans': zh, en });

const vtt = (cues: Array<[number, number, string]>): string =>
  'WEBVTT\n\n' + cues.map(([from, to, text]) => `${stamp(from)} --> ${stamp(to)}\n${text}\n`).join('\n');

function stamp(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `00:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

const copy = (name: string, to = `media/${name}`): TemplateFile => ({ path: to, copyOf: name });

/** Files of the deep-zoom tile set, relative to the template media folder. */
export const TILE_FILES = [
  'scan-tiles/info.json',
  'scan-tiles/0,0,1024,900/512,450/0/default.jpg',
  'scan-tiles/0,0,1200,900/300,225/0/default.jpg',
  'scan-tiles/0,0,512,512/512,512/0/default.jpg',
  'scan-tiles/0,512,512,388/512,388/0/default.jpg',
  'scan-tiles/1024,0,176,512/176,512/0/default.jpg',
  'scan-tiles/1024,0,176,900/88,450/0/default.jpg',
  'scan-tiles/1024,512,176,388/176,388/0/default.jpg',
  'scan-tiles/512,0,512,512/512,512/0/default.jpg',
  'scan-tiles/512,512,512,388/512,388/0/default.jpg',
  'scan-tiles/full/300,225/0/default.jpg',
  'scan-tiles/full/600,450/0/default.jpg',
];

function common(o: TemplateOptions, title: { 'zh-Hans': string; en: string }): PackManifestInput {
  return {
    format: PACK_FORMAT,
    id: o.id,
    version: '0.1.0',
    title,
    description: zhEn(
      '在这里用一段话介绍本次展览：它讲述什么，为谁而办。',
      'Say here in one paragraph what the exhibition is about and who it is for.',
    ),
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: zhEn('您的纪念馆', 'Your memorial hall'),
    created: o.created,
    navigation: { linkTemplate: 'https://uri.amap.com/marker?position={lon},{lat}&name={name}' },
    categories: [
      { id: 'sites', name: zhEn('革命旧址', 'Historic sites'), color: '#b3261e', shape: 'star' },
      { id: 'halls', name: zhEn('纪念场馆', 'Memorial halls'), color: '#c9a45c', shape: 'square' },
    ],
    files: {},
  };
}

const sandTable = (extra: Record<string, unknown> = {}) => ({
  projection: { type: 'equirectangular' as const, origin: { lon: 120.8, lat: 30.75 }, unitsPerDegree: 20 },
  bounds: { west: 119.6, south: 29.9, east: 122.0, north: 31.6 },
  hereAt: { position: { lon: 120.76, lat: 30.77 }, label: zhEn('您在这里', 'You are here') },
  camera: {
    presets: [
      {
        id: 'overview',
        name: zhEn('全景', 'Overview'),
        target: { lon: 120.8, lat: 30.75 },
        distance: 40,
        tilt: 60,
        heading: 0,
      },
    ],
    initial: 'overview',
    limits: { minDistance: 4, maxDistance: 80 },
  },
  ...extra,
});

const photo = {
  kind: 'image' as const,
  src: 'media/place.jpg',
  thumbnail: 'media/place.thumb.jpg',
  alt: zhEn('红色背景上写着“替换为您的图片”', 'A red card reading “Replace with your picture”'),
  credit: zhEn('您的纪念馆', 'Your memorial hall'),
  width: 800,
  height: 500,
};

function minimal(o: TemplateOptions): Template {
  const manifest: PackManifestInput = {
    ...common(o, zhEn('我们的展览', 'Our exhibition')),
    places: [
      {
        id: 'first-site',
        category: 'sites',
        position: { lon: 120.76, lat: 30.75 },
        name: zhEn('第一个地点', 'The first place'),
        summary: zhEn('用一两句话说明这里发生过什么。', 'Say in a sentence or two what happened here.'),
        body: zhEn(
          '## 历史\n\n在这里写较长的介绍。可以用**粗体**、*斜体*和列表。',
          '## History\n\nWrite the longer story here. You may use **bold**, *italic* and lists.',
        ),
        media: ['photo'],
        cover: 'photo',
      },
      {
        id: 'memorial-hall',
        category: 'halls',
        position: { lon: 121.47, lat: 31.22 },
        name: zhEn('纪念馆', 'Memorial hall'),
        summary: zhEn('第二个地点：换成您的内容。', 'A second place: put your own here.'),
      },
    ],
    sandTable: sandTable(),
    timelines: [
      {
        id: 'history',
        title: zhEn('大事记', 'Key dates'),
        events: [
          {
            id: 'e1921',
            date: '1921-07',
            title: zhEn('第一件大事', 'The first event'),
            text: zhEn('一两句话讲述这件事。', 'Tell the event in a sentence or two.'),
            media: ['photo'],
            places: ['first-site'],
            highlight: true,
          },
          {
            id: 'e1949',
            date: '1949-10-01',
            title: zhEn('第二件大事', 'The second event'),
            places: ['memorial-hall'],
          },
        ],
      },
    ],
    media: { photo },
  };
  return {
    manifest,
    files: [copy('place.jpg'), copy('place.thumb.jpg'), readme(o, 'minimal')],
  };
}

function museum(o: TemplateOptions): Template {
  const manifest: PackManifestInput = {
    ...common(o, zhEn('红色足迹', 'Red Footprints')),
    places: [
      {
        id: 'south-lake',
        category: 'sites',
        position: { lon: 120.76, lat: 30.75 },
        name: zhEn('南湖', 'South Lake'),
        summary: zhEn('用一两句话说明这里发生过什么。', 'Say in a sentence or two what happened here.'),
        body: zhEn(
          '## 历史\n\n在这里写较长的介绍。可以用**粗体**、*斜体*和列表：\n\n- 第一点\n- 第二点',
          '## History\n\nWrite the longer story here. You may use **bold**, *italic* and lists:\n\n- one point\n- another',
        ),
        region: zhEn('嘉兴', 'Jiaxing'),
        media: ['photo', 'monument'],
        cover: 'photo',
        figures: [{ label: zhEn('馆藏文物', 'Objects in the collection'), value: 300, qualifier: 'over' }],
        navigation: { address: zhEn('浙江省嘉兴市南湖区', 'Nanhu District, Jiaxing, Zhejiang') },
        checkIn: true,
      },
      {
        id: 'shanghai-site',
        category: 'sites',
        position: { lon: 121.47, lat: 31.22 },
        name: zhEn('上海旧址', 'Shanghai site'),
        summary: zhEn('第二个地点：换成您的内容。', 'A second place: put your own here.'),
        region: zhEn('上海', 'Shanghai'),
        media: ['photo'],
      },
      {
        id: 'hangzhou-hall',
        category: 'halls',
        position: { lon: 120.16, lat: 30.27 },
        name: zhEn('杭州纪念馆', 'Hangzhou memorial hall'),
        summary: zhEn('第三个地点：换成您的内容。', 'A third place: put your own here.'),
        region: zhEn('杭州', 'Hangzhou'),
      },
    ],
    sandTable: sandTable({
      base: {
        regions: 'districts',
        graticule: { stepDegrees: 0.5 },
        approval: zhEn(
          '底图仅示相对位置，不表示行政区界线。',
          'The base shows relative positions only, not boundaries.',
        ),
      },
      routes: [
        {
          id: 'journey',
          name: zhEn('足迹路线', 'The journey'),
          places: ['shanghai-site', 'south-lake'],
        },
      ],
      tours: [
        {
          id: 'welcome',
          title: zhEn('欢迎导览', 'Welcome tour'),
          description: zhEn('从上海到南湖。', 'From Shanghai to South Lake.'),
          shots: [
            { kind: 'fly-to', preset: 'overview', duration: 3, narration: 'narration' },
            { kind: 'fly-to', place: 'shanghai-site', duration: 4, caption: zhEn('上海', 'Shanghai') },
            { kind: 'follow-path', route: 'journey', duration: 5 },
            { kind: 'orbit', place: 'south-lake', degrees: 120, duration: 5 },
          ],
        },
      ],
    }),
    timelines: [
      {
        id: 'history',
        title: zhEn('百年历程', 'A century'),
        intro: zhEn(
          '时间线按章节展开；每个事件可带图片、视频和地点。',
          'The timeline unfolds in chapters; each event may carry pictures, film and places.',
        ),
        eras: [
          {
            id: 'founding',
            title: zhEn('开天辟地', 'The founding'),
            color: '#b3261e',
            from: '1921',
            to: '1949',
          },
          { id: 'new-era', title: zhEn('新的征程', 'A new journey'), color: '#c9a45c', from: '1949' },
        ],
        events: [
          {
            id: 'e1921',
            era: 'founding',
            date: '1921-07',
            title: zhEn('第一件大事', 'The first event'),
            text: zhEn('一两句话讲述这件事。', 'Tell the event in a sentence or two.'),
            media: ['photo', 'scan'],
            places: ['shanghai-site', 'south-lake'],
            tours: ['welcome'],
            highlight: true,
          },
          {
            id: 'e1949',
            era: 'new-era',
            date: '1949-10-01',
            displayDate: zhEn('1949年秋', 'Autumn 1949'),
            title: zhEn('第二件大事', 'The second event'),
            text: zhEn('事件可以带一段短片。', 'An event may carry a short film.'),
            media: ['film'],
            highlight: true,
          },
          {
            id: 'e2021',
            era: 'new-era',
            date: '2021',
            title: zhEn('第三件大事', 'The third event'),
            places: ['hangzhou-hall'],
          },
        ],
      },
    ],
    media: {
      photo,
      film: {
        kind: 'video',
        src: 'media/film.webm',
        poster: 'media/film-poster.jpg',
        captions: { 'zh-Hans': 'media/film.zh-Hans.vtt', en: 'media/film.en.vtt' },
        alt: zhEn('一段四秒的短片', 'A four-second film'),
        credit: zhEn('您的纪念馆', 'Your memorial hall'),
      },
      narration: {
        kind: 'audio',
        src: { 'zh-Hans': 'media/narration.zh-Hans.ogg', en: 'media/narration.en.ogg' },
        captions: { 'zh-Hans': 'media/narration.zh-Hans.vtt', en: 'media/narration.en.vtt' },
        alt: zhEn('欢迎导览的解说', 'Narration of the welcome tour'),
      },
      monument: {
        kind: 'model',
        src: 'media/monument.glb',
        alt: zhEn('纪念碑的立体模型', 'A 3D model of a monument'),
      },
      scan: {
        kind: 'tiles',
        src: 'media/scan-tiles/info.json',
        alt: zhEn('可放大查看的档案', 'An archive page you can zoom into'),
        credit: zhEn('您的纪念馆', 'Your memorial hall'),
      },
      districts: {
        kind: 'geojson',
        src: 'media/districts.geojson',
        alt: zhEn('底图地形', 'Relief of the base map'),
      },
    },
    stats: [
      {
        id: 'visitors',
        label: zhEn('年参观人次', 'Visitors a year'),
        value: 100000,
        qualifier: 'over',
        place: 'south-lake',
      },
    ],
    attract: {
      playlist: [
        { kind: 'tour', tour: 'welcome' },
        { kind: 'timeline-highlights', timeline: 'history', count: 2 },
      ],
    },
    about: {
      text: zhEn(
        '本展由您的纪念馆制作。在这里写明资料来源。',
        'Made by your memorial hall. Name your sources here.',
      ),
      credits: [
        {
          kind: zhEn('图片与短片', 'Pictures and film'),
          source: zhEn('您的纪念馆', 'Your memorial hall'),
          media: ['photo', 'film', 'scan'],
        },
      ],
    },
  };
  const files: TemplateFile[] = [
    copy('place.jpg'),
    copy('place.thumb.jpg'),
    copy('film.webm'),
    copy('film-poster.jpg'),
    copy('narration.zh-Hans.ogg'),
    copy('narration.en.ogg'),
    copy('monument.glb'),
    ...TILE_FILES.map((f) => copy(f)),
    {
      path: 'media/film.zh-Hans.vtt',
      text: vtt([
        [0, 2, '一段短片'],
        [2, 4, '换成您自己的影像'],
      ]),
    },
    {
      path: 'media/film.en.vtt',
      text: vtt([
        [0, 2, 'A short film'],
        [2, 4, 'Replace it with your own'],
      ]),
    },
    {
      path: 'media/narration.zh-Hans.vtt',
      text: vtt([
        [0, 2.5, '欢迎参观。'],
        [2.5, 9.5, '这是一段示例解说，请替换为您的录音。'],
      ]),
    },
    {
      path: 'media/narration.en.vtt',
      text: vtt([
        [0, 1.5, 'Welcome.'],
        [1.5, 5, 'This is a sample narration; replace it with your own recording.'],
      ]),
    },
    { path: 'media/districts.geojson', text: districtsGeoJson() },
    readme(o, 'museum'),
  ];
  return { manifest, files };
}

/** Two relief areas around the places, with visible heights (0.5 table units and more). */
function districtsGeoJson(): string {
  const box = (w: number, s: number, e: number, n: number): number[][][] => [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
  const collection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: 'north', height: 0.8 },
        geometry: { type: 'Polygon', coordinates: box(120.2, 30.6, 121.8, 31.5) },
      },
      {
        type: 'Feature',
        properties: { name: 'south', height: 0.5 },
        geometry: { type: 'Polygon', coordinates: box(119.8, 30.0, 120.9, 30.6) },
      },
    ],
  };
  return JSON.stringify(collection, null, 2) + '\n';
}

function readme(o: TemplateOptions, template: TemplateName): TemplateFile {
  return {
    path: 'README.md',
    text: `# ${o.id}: a Hall Kiosk working folder (template "${template}")

This folder is a content pack you can edit. It already passes \`hallpack lint\`; keep it that way
as you go. pack.json is plain JSON and cannot hold comments, so the notes are here.

## What is where

- \`pack.json\`: everything the visitor reads: places, timeline, tours, figures, in Chinese
  (\`zh-Hans\`) and English (\`en\`). Every field is explained, with an example, in the field
  reference: \`hallpack schema --markdown -o pack-reference.md\`.
- \`media/\`: pictures, film, narration, captions (.vtt), a 3D model, deep-zoom tiles, map
  relief. Replace them with your own and keep the names, or change the names in pack.json.
- This README ships with the pack but visitors never see it.

## Where to go next

1. Look at it in the real kiosk while you edit: \`hallpack preview . --watch\` and open the
   address it prints in Chrome or Chromium. Every save reloads it; problems show beside it.
2. Edit the texts in a spreadsheet: \`hallpack sheet export . ../texts.xlsx\` (places, categories,
   eras, events, media captions and UI strings, one column per language), edit, then
   \`hallpack sheet import ../texts.xlsx .\`: it lists every cell it could not take. Keep the
   workbook outside this folder (a pack holds only what the kiosk shows).
3. Translation: \`hallpack strings export . --lang en --out ../en.xlf\` for a translator (XLIFF;
   \`.csv\` for CSV), \`hallpack strings import ../en.xlf .\` when it comes back, and
   \`hallpack strings status .\` for what is still missing.
4. Check everything in one run: \`hallpack lint .\` (\`--lang zh-Hans\` for Chinese messages); each
   problem comes with its pack.json line.
5. Add places: copy a block in \`places\`, give it a new \`id\`, a \`category\`, a
   \`position\` (longitude/latitude in degrees) and a \`name\` and \`summary\` in both languages.
   Your own timeline from TimelineJS: \`hallpack import timelinejs timeline.json --into .\`
   (its Google Sheets template saved as CSV works too, also through \`sheet import\`).
6. Make a signing key once: \`hallpack keygen --out ~/hall-keys/museum\` (keep the .key.pem secret),
   then build the pack a kiosk installs:
   \`hallpack build . -o ../${o.id}.hallpack --key ~/hall-keys/museum.key.pem --lint\`.
7. On the kiosk, trust your public key once (\`hallpack trust add museum.pub.pem\`) and install the
   .hallpack from a USB stick in staff mode, or \`hallpack install ${o.id}.hallpack --activate\`.

Raise \`version\` in pack.json each time you give a new build to a hall: a kiosk never installs
an older or equal version of the same pack id.
`,
  };
}

export function makeTemplate(name: TemplateName, options: TemplateOptions): Template {
  return name === 'minimal' ? minimal(options) : museum(options);
}
