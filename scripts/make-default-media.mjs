#!/usr/bin/env node
/**
 * Generates the media of the embedded default pack (assets/packs/default/media/…) from its
 * pack.json and the narration scripts below:
 *
 * - base map: a procedural (clearly illustrative) heightmap + shaded texture, and simplified
 *   river courses as GeoJSON — no boundaries, no coastline;
 * - posters for every place and timeline event (ImageMagick + Noto CJK), with thumbnails;
 * - narration per language for every tour shot and narrated event (espeak-ng → Ogg Opus), with
 *   WebVTT captions timed from the synthesised audio itself (each cue is synthesised on its own
 *   and the pieces are joined, so every cue's start and end are exact);
 * - a short film per language (ffmpeg zoompan over the event posters, VP9 + Opus in WebM) with
 *   captions and a poster.
 *
 * Deterministic (fixed seeds, bit-exact muxing, stripped metadata) and idempotent: files that
 * exist are kept unless --force. The outputs are committed: they are the pack's content.
 *
 * Usage: node scripts/make-default-media.mjs [--force] [--only base,images,audio,video]
 * Needs: convert (ImageMagick) with fonts-noto-cjk, espeak-ng, ffmpeg, ffprobe.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry, sampleRelief, shadeRelief } from './lib/relief.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACK_DIR = path.join(ROOT, 'assets/packs/default');
const LANGS = ['zh-Hans', 'en'];

const args = process.argv.slice(2);
const FORCE = args.includes('--force');
const onlyArg = args.find((a) => a.startsWith('--only'));
const ONLY = onlyArg
  ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(','))
  : new Set(['base', 'audio', 'video']);

// ------------------------------------------------------------------------------------------
// Narration scripts of the tour shots. Captions show exactly this text; the voice reads the
// same words (numbers spelled out for the synthesiser, pinyin names respelled for English).

export const TOUR_NARRATION = {
  'nar.zones-overview-01': {
    'zh-Hans':
      '欢迎来到“红色基因 · 国家高新区”。从南湖红船的星星之火，到今天的创新动能，让我们走过沙盘上的十四个国家高新区。',
    en: 'Welcome to Red Roots, High-Tech Zones. From the spark of the red boat on South Lake to the innovation of today, let us visit fourteen national high-tech zones on this table.',
  },
  'nar.zones-overview-02': {
    'zh-Hans': '嘉兴，中国共产党的诞生地，红船从这里起航。嘉兴高新区以红船精神为引领，把党建融入光伏产业链。',
    en: 'Jiaxing: birthplace of the Party, where the red boat set sail. Guided by the Red Boat Spirit, its high-tech zone builds Party work into the solar industry chain.',
  },
  'nar.zones-overview-03': {
    'zh-Hans':
      '常州新北，红色地标众多。《红色地图》收录108处红色文化点位；《党建研学地图》让研学一键介绍、一键导航、一键报到。',
    en: 'Changzhou’s Xinbei District is rich in red landmarks. Its Red Map lists 108 sites, and its study-tour map offers one-tap introduction, navigation and check-in.',
  },
  'nar.zones-overview-04': {
    'zh-Hans':
      '珠海高新区的苏兆征故居陈列馆，年均接待访客近20万人次；“文物一张图”让不可移动文物在云端统一管理。',
    en: 'In Zhuhai, the Su Zhaozheng exhibition hall welcomes nearly 200,000 visitors a year, and a “one map of relics” keeps immovable heritage in the cloud.',
  },
  'nar.zones-overview-05': {
    'zh-Hans': '北京中关村科学城，以联合党委覆盖科技型中小企业，以“8×8”体系服务8个产业赛道。',
    en: 'In Beijing, Zhongguancun Science City reaches small technology firms through joint Party committees, and its eight-by-eight system serves eight industry tracks.',
  },
  'nar.zones-overview-06': {
    'zh-Hans': '平顶山高新区，把85家新经济组织和19家社会组织全部纳入党建网格。',
    en: 'Pingdingshan brings all 85 new economic organisations and all 19 social organisations into its Party-building grid.',
  },
  'nar.zones-overview-07': {
    'zh-Hans': '苏州、济宁、景德镇擦亮党建品牌；杭州滨江和济南，用数字平台提升治理效能。',
    en: 'Suzhou, Jining and Jingdezhen build Party-building brands, while Binjiang in Hangzhou and Jinan use digital platforms to govern better.',
  },
  'nar.zones-overview-08': {
    'zh-Hans': '西安、合肥、昆山、成都，把党支部建在产业链上，让红色引擎驱动创新。',
    en: 'Xi’an, Hefei, Kunshan and Chengdu build Party branches along industry chains, so that the red engine drives innovation.',
  },
  'nar.zones-overview-09': {
    'zh-Hans': '从星星之火到发展动能，红色基因在国家高新区代代相传。',
    en: 'From a single spark to lasting momentum, red roots live on in China’s national high-tech zones.',
  },
  'nar.red-landmarks-01': {
    'zh-Hans': '1921年，中国共产党成立。嘉兴南湖的红船，从此成为中国革命起航的象征。',
    en: 'In 1921 the Communist Party of China was founded. The boat on South Lake in Jiaxing became the symbol of the revolution setting sail.',
  },
  'nar.red-landmarks-02': {
    'zh-Hans': '常州西夏墅。1926年成立的中共西夏墅支部，是常武地区最早的3个党支部之一，旧址保留至今。',
    en: 'Xixiashu, in Changzhou. Its Party branch, founded in 1926, was one of the first three in the Changzhou–Wujin area, and the former site still stands.',
  },
  'nar.red-landmarks-03': {
    'zh-Hans': '新北区也是恽代英的故乡。他是中国共产党早期的重要领导人。',
    en: 'Xinbei is also the hometown of Yun Daiying, an important early leader of the Party.',
  },
  'nar.red-landmarks-04': {
    'zh-Hans':
      '在这里打响的渡江战役，是解放常州最重要的一仗。2021年落成的魏村红帆文化广场，是常州第一处纪念这场胜利的红色基地。',
    en: 'The Yangtze crossing fought here was the key battle in the liberation of Changzhou. Weicun Red Sail Culture Square, completed in 2021, was the city’s first site honouring that victory.',
  },
  'nar.red-landmarks-05': {
    'zh-Hans':
      '珠海的苏兆征故居陈列馆，用文献、实物、艺术作品和电子沙盘、大型多媒体，讲述中国工人运动先驱的故事。',
    en: 'In Zhuhai, the Su Zhaozheng exhibition hall tells the story of a pioneer of China’s labour movement, with documents, objects, artworks, an electronic sand table and large multimedia.',
  },
  'nar.red-landmarks-06': {
    'zh-Hans': '唐家湾镇的9个村史馆与革命文物遗址连成一片，“文物一张图”让红色教育跨越时空。',
    en: 'In Tangjiawan, nine village history halls and revolutionary relic sites form one network, and a digital map of relics carries red education beyond time and place.',
  },
  'nar.red-landmarks-07': {
    'zh-Hans': '这些红色地标，始终指引着高新区的建设者。',
    en: 'These red landmarks continue to guide the people who build the high-tech zones.',
  },
  'nar.chain-tour-01': {
    'zh-Hans': '革命年代，党把支部建在连上；今天，国家高新区把支部建在产业链上。',
    en: 'In the revolutionary years, the Party built a branch in every army company. Today the high-tech zones build branches along industry chains.',
  },
  'nar.chain-tour-02': {
    'zh-Hans':
      '西安高新区在2023年成立全国首个光子产业链党委。如今，光子产业总产值已超过300亿元，有光子企业200余家、创新平台30家。',
    en: 'In 2023 Xi’an set up China’s first Party committee for a photonics chain. Photonics output now exceeds 30 billion yuan, with more than 200 firms and 30 innovation platforms.',
  },
  'nar.chain-tour-03': {
    'zh-Hans': '合肥高新区成立7个产业链党委，链接814家链上企业党组织，设立党员先锋岗942个、项目攻关组82个。',
    en: 'Hefei formed seven chain Party committees linking 814 enterprise Party organisations, with 942 pioneer posts and 82 project teams.',
  },
  'nar.chain-tour-04': {
    'zh-Hans': '昆山高新区围绕链主企业，组建32个行动党支部，攻坚“卡脖子”难题。',
    en: 'Kunshan formed 32 action branches around its chain-leading firm to tackle critical bottlenecks.',
  },
  'nar.chain-tour-05': {
    'zh-Hans': '成都高新区把产业链党建升级为生态，打造11个生态级联建共建平台。',
    en: 'Chengdu has grown chain-based Party building into an ecosystem, with 11 platforms for joint Party work.',
  },
  'nar.chain-tour-06': {
    'zh-Hans': '从单点探索到生态共建，产业链党建正在汇聚发展合力。',
    en: 'From single pilots to shared ecosystems, chain-based Party building is pooling strength for development.',
  },
};

/** The short film: a silent title card, then one narrated slide per event poster. */
export const VIDEOS = {
  'video.spark-to-momentum': {
    title: { 'zh-Hans': '从星火到动能', en: 'From Spark to Momentum' },
    label: { 'zh-Hans': '短片', en: 'Short film' },
    titleSeconds: 2.5,
    slides: [
      {
        event: 'e1921-founding',
        text: { 'zh-Hans': '1921年，红船起航。', en: '1921: the red boat sets sail.' },
      },
      {
        event: 'e1926-xixiashu',
        text: { 'zh-Hans': '1926年，西夏墅支部成立。', en: '1926: the Xixiashu branch is founded.' },
      },
      {
        event: 'e2020-red-map',
        text: { 'zh-Hans': '2020年，《红色地图》发布。', en: '2020: Changzhou publishes its Red Map.' },
      },
      {
        event: 'e2023-xian-photonics',
        text: {
          'zh-Hans': '2023年，首个光子产业链党委成立。',
          en: '2023: the first photonics chain Party committee.',
        },
      },
      {
        event: 'e2026-new-start',
        text: { 'zh-Hans': '2026年，建党105周年，再出发。', en: '2026: 105 years on, a new start.' },
      },
    ],
  },
};

// ------------------------------------------------------------------------------------------
// Simplified river courses (approximate, WGS-84 "lon,lat" points). Rivers only: no boundaries,
// no coastline.

const RIVERS = [
  {
    id: 'yangtze',
    name: { 'zh-Hans': '长江', en: 'Yangtze River' },
    path: `
      101.72,26.58 102.4,26.4 102.93,26.91 103.35,27.6 103.6,28.26 104.4,28.6 104.63,28.77 105.44,28.89
      105.83,28.81 106.26,29.29 106.58,29.57 107.08,29.83 107.39,29.71 107.73,29.87 108.04,30.3 108.41,30.81
      108.7,30.93 109.46,31.02 109.88,31.07 110.34,31.04 111.0,30.82 111.29,30.7 111.76,30.42 112.24,30.3
      112.42,29.73 112.89,29.82 113.14,29.45 113.5,29.8 113.9,29.97 114.3,30.59 114.89,30.39 115.08,30.22
      115.55,29.85 116.0,29.72 116.22,29.74 117.05,30.5 117.81,30.95 118.37,31.35 118.49,31.7 118.75,32.07
      119.18,32.25 119.45,32.22 119.9,32.03 120.28,31.95 120.6,31.98 120.86,31.95 121.4,31.72 121.9,31.45
    `,
  },
  {
    id: 'yellow-river',
    name: { 'zh-Hans': '黄河', en: 'Yellow River' },
    path: `
      100.5,36.0 101.8,36.0 103.0,36.1 103.83,36.06 104.68,36.57 105.19,37.5 105.9,38.0 106.35,38.5
      106.75,39.2 106.8,39.66 107.0,40.3 107.4,40.8 108.3,40.95 109.0,40.7 109.85,40.55 110.6,40.45
      111.15,40.25 111.4,39.6 111.07,39.03 110.7,38.3 110.5,38.0 110.6,37.5 110.45,36.9 110.45,36.15
      110.6,35.65 110.4,35.1 110.3,34.6 111.2,34.78 112.36,34.93 113.6,34.92 114.35,34.9 114.85,34.85
      115.2,35.3 115.8,35.9 116.2,36.2 116.6,36.45 117.0,36.75 117.5,37.0 117.8,37.18 118.0,37.4
      118.3,37.5 118.7,37.65 119.1,37.75
    `,
  },
  {
    id: 'xi-river',
    name: { 'zh-Hans': '西江', en: 'Xi River' },
    path: `
      108.3,22.85 108.9,23.1 109.4,23.4 110.08,23.39 110.39,23.54 110.9,23.37 111.3,23.48 111.78,23.14
      112.47,23.05 112.85,23.16 113.05,22.75 113.3,22.4 113.42,22.16
    `,
  },
];

// ------------------------------------------------------------------------------------------
// Small helpers

function run(cmd, argv, options = {}) {
  const result = spawnSync(cmd, argv, {
    encoding: options.encoding ?? 'utf8',
    maxBuffer: 1 << 28,
    ...options,
  });
  if (result.error) throw new Error(`${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${argv.slice(0, 6).join(' ')} … exited ${result.status}: ${String(result.stderr).slice(-2000)}`,
    );
  }
  return result;
}

function requireTools() {
  for (const [tool, flag] of [
    ['convert', '-version'],
    ['espeak-ng', '--version'],
    ['ffmpeg', '-version'],
    ['ffprobe', '-version'],
  ]) {
    const r = spawnSync(tool, [flag], { encoding: 'utf8' });
    if (r.error || r.status !== 0)
      throw new Error(`${tool} is required (apt-get install imagemagick espeak-ng ffmpeg)`);
  }
}

const abs = (rel) => path.join(PACK_DIR, rel);
const ensureDir = (file) => mkdirSync(path.dirname(file), { recursive: true });
const allExist = (rels) => rels.every((r) => existsSync(abs(r)));

/** Write via a temporary name in the same folder, then rename: never leave half a file. */
function writeAtomic(rel, data) {
  const file = abs(rel);
  ensureDir(file);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

let workCounter = 0;
/** A scratch path in the work folder with the extension of `outFile` (tools pick formats by it). */
const scratchFor = (outFile) => path.join(WORK, `out-${workCounter++}${path.extname(outFile)}`);

/** Move a finished scratch file into the pack: copy beside the target, then rename. */
function publish(scratch, outFile) {
  ensureDir(outFile);
  const part = `${outFile}.tmp-${process.pid}`;
  copyFileSync(scratch, part);
  renameSync(part, outFile);
  rmSync(scratch, { force: true });
}

/** Run ImageMagick into a scratch file, then publish it as `outFile`. */
function convertAtomic(argv, outFile) {
  const scratch = scratchFor(outFile);
  // One thread per run: ImageMagick's OpenMP threads mostly spin on small drawings like these.
  run('convert', [...argv, scratch], { env: { ...process.env, MAGICK_THREAD_LIMIT: '1' } });
  publish(scratch, outFile);
}

function probeDuration(file) {
  const out = run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    file,
  ]).stdout;
  const d = Number.parseFloat(out.trim());
  if (!Number.isFinite(d)) throw new Error(`ffprobe: no duration for ${file}`);
  return d;
}

// ------------------------------------------------------------------------------------------
// Base map

function makeBase(manifest) {
  const st = manifest.sandTable;
  const { west, south, east, north } = st.bounds;
  const jobs = [];
  const heightmap = manifest.media['base.heightmap'];
  const texture = manifest.media['base.texture'];
  const rivers = manifest.media['base.rivers'];

  if (rivers && (FORCE || !allExist([rivers.src]))) {
    const features = RIVERS.map((r) => ({
      type: 'Feature',
      properties: { id: r.id, kind: 'river', name: r.name },
      geometry: {
        type: 'LineString',
        coordinates: r.path
          .trim()
          .split(/\s+/)
          .map((p) => p.split(',').map(Number)),
      },
    }));
    const text =
      '{"type":"FeatureCollection","features":[\n' +
      features.map((f) => JSON.stringify(f)).join(',\n') +
      '\n]}\n';
    writeAtomic(rivers.src, text);
    jobs.push(rivers.src);
  }

  const sample = (w, h) => sampleRelief({ west, south, east, north }, w, h);

  if (heightmap && (FORCE || !allExist([heightmap.src]))) {
    const { width: w, height: h } = heightmap;
    const field = sample(w, h);
    const pgm = Buffer.concat([
      Buffer.from(`P5\n${w} ${h}\n255\n`),
      Buffer.from(field.map((v) => Math.round(v * 255))),
    ]);
    const tmp = path.join(WORK, 'heightmap.pgm');
    writeFileSync(tmp, pgm);
    convertAtomic(
      [
        tmp,
        '-strip',
        '-define',
        'png:exclude-chunks=date,time',
        '-depth',
        '8',
        '-colorspace',
        'Gray',
        '-define',
        'png:color-type=0',
        '-define',
        'png:bit-depth=8',
      ],
      abs(heightmap.src),
    );
    jobs.push(heightmap.src);
  }

  if (texture && (FORCE || !allExist([texture.src]))) {
    const { width: w, height: h } = texture;
    const field = sample(w, h);
    const rgb = shadeRelief(field, w, h, { west, south, east, north }, mulberry(2026));
    const tmp = path.join(WORK, 'texture.ppm');
    writeFileSync(tmp, Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`), rgb]));
    convertAtomic(
      [tmp, '-strip', '-interlace', 'none', '-sampling-factor', '4:2:0', '-quality', '84'],
      abs(texture.src),
    );
    jobs.push(texture.src);
  }
  return jobs;
}

// ------------------------------------------------------------------------------------------
// Speech

const ZH_DIGITS = '零一二三四五六七八九';

/** Chinese reading of an integer below 100,000,000 (108 → 一百零八, 10 → 十). */
export function zhNumber(n) {
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const group = (x) => {
    let s = '';
    let zero = false;
    String(x)
      .padStart(4, '0')
      .split('')
      .map(Number)
      .forEach((d, i) => {
        if (d === 0) zero = s !== '';
        else {
          if (zero) s += '零';
          zero = false;
          s += ZH_DIGITS[d] + units[i];
        }
      });
    return s;
  };
  let s;
  if (n >= 10000) {
    const lo = n % 10000;
    s = group(Math.floor(n / 10000)) + '万' + (lo ? (lo < 1000 ? '零' : '') + group(lo) : '');
  } else s = group(n);
  return s.startsWith('一十') ? s.slice(1) : s;
}

/** Mandarin text as the synthesiser should read it (the caption keeps the written form). */
export function zhSpeakable(text) {
  return text
    .replace(/(\d{4})(?=年)/g, (y) => [...y].map((d) => ZH_DIGITS[Number(d)]).join(''))
    .replace(
      /(\d+)\.(\d+)/g,
      (_, i, f) => `${zhNumber(Number(i))}点${[...f].map((d) => ZH_DIGITS[Number(d)]).join('')}`,
    )
    .replace(/\d+/g, (d) => zhNumber(Number(d)))
    .replace(/×/g, '乘')
    .replace(/ · /g, '，')
    .replace(/地图/g, '第图'); // 地 in 地图 is dì; the synthesiser otherwise reads the particle "de"
}

const EN_RESPELL = [
  ['Xixiashu', 'Shee-shah-shoo'],
  ['Xi’an', 'Shee-ahn'],
  ['Jiaxing', 'Jee-ah-shing'],
  ['Changzhou', 'Chahng-joe'],
  ['Xinbei', 'Shin-bay'],
  ['Zhuhai', 'Joo-high'],
  ['Su Zhaozheng', 'Soo Jow-juhng'],
  ['Zhongguancun', 'Jong-gwahn-tsoon'],
  ['Pingdingshan', 'Pingding-shahn'],
  ['Jingdezhen', 'Jingduh-jen'],
  ['Suzhou', 'Soo-joe'],
  ['Jining', 'Jee-ning'],
  ['Binjiang', 'Bin-jahng'],
  ['Hangzhou', 'Hahng-joe'],
  ['Jinan', 'Jee-nahn'],
  ['Hefei', 'Huh-fay'],
  ['Kunshan', 'Kwun-shahn'],
  ['Chengdu', 'Chung-doo'],
  ['Tangjiawan', 'Tahng-jah-wahn'],
  ['Weicun', 'Way-tsoon'],
  ['Yun Daiying', 'Yoon Dye-ying'],
  ['Wujin', 'Woo-jin'],
];

export function enSpeakable(text) {
  let s = text;
  for (const [from, to] of EN_RESPELL) s = s.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/–/g, ' to ');
}

/**
 * One voice per language, tuned for a hall: a little slower and lower than espeak-ng's defaults
 * (rate in words per minute, pitch 0–99 around 50), a short gap between words for clarity.
 * Pauses at punctuation come from the units below (`pauseAfter`), not from the synthesiser.
 */
export const VOICES = {
  'zh-Hans': { voice: 'cmn-latn-pinyin', speed: '158', pitch: '44', wordGap: '0', speakable: zhSpeakable },
  en: { voice: 'en-gb-x-rp', speed: '142', pitch: '40', wordGap: '1', speakable: enSpeakable },
};

/** Silence after a unit, by the punctuation that ends it: a sentence breathes longer than a clause. */
export function pauseAfter(unit) {
  const last = unit.trim().slice(-1);
  if ('。！？.!?'.includes(last)) return 0.62;
  if ('；;：:'.includes(last)) return 0.42;
  return 0.28;
}

/** EBU R128 target of every narration and film soundtrack: speech at -18 LUFS, peaks under -1.5 dBTP. */
export const LOUDNESS = { integrated: -18, truePeak: -1.5, range: 11 };

const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'its',
  'and',
  'for',
  'with',
  'on',
  'at',
  'by',
  'from',
  'that',
  'is',
  'was',
]);

/**
 * Narration as speech units and caption cues. The voice reads one unit at a time, so units end
 * only at sentence ends or clause breaks (，：； — ", "), where a pause is natural; a unit too long
 * to read at a glance is shown as several cues, split at list commas (、) or, in English, between
 * words (never after "the", "of" …). A break that would leave a scrap of a few words is not taken.
 */
export function speechUnits(text, language) {
  const zh = language.startsWith('zh');
  const size = (s) => (zh ? [...s].length : s.length);
  const limit = zh ? 24 : 76;
  const minPiece = zh ? 7 : 26;
  const clause = zh ? /[，：；]/g : /(?:[,:] | — )/g;
  const minor = zh ? /[、]/g : / /g;
  const splitAt = (sentence, pattern) => {
    if (size(sentence) <= limit) return [sentence];
    const breaks = [];
    for (const m of sentence.matchAll(pattern)) {
      const at = m.index + (m[0] === ' — ' ? 0 : m[0].trimEnd().length);
      const left = sentence.slice(0, at).trim();
      const right = sentence.slice(at).trim();
      const lastWord = left.split(' ').pop()?.toLowerCase() ?? '';
      if (!zh && pattern === minor && FUNCTION_WORDS.has(lastWord)) continue;
      if (size(left) >= minPiece && size(right) >= minPiece) breaks.push(at);
    }
    if (breaks.length === 0) return [sentence];
    const middle = sentence.length / 2;
    const at = breaks.reduce((best, b) => (Math.abs(b - middle) < Math.abs(best - middle) ? b : best));
    return [
      ...splitAt(sentence.slice(0, at).trim(), pattern),
      ...splitAt(sentence.slice(at).trim(), pattern),
    ];
  };
  const sentences = (zh
    ? text.match(/[^。！？；]+[。！？；]?/g)
    : text.match(/[^.!?;]+[.!?;]?(?=\s|$)/g)) ?? [text];
  return sentences
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((sentence) => splitAt(sentence, clause))
    .map((unit) => ({ speech: unit, captions: splitAt(unit, minor) }));
}

/** The caption cues of a narration, in order. */
export function splitCues(text, language) {
  return speechUnits(text, language).flatMap((u) => u.captions);
}

/** PCM samples (16-bit mono) and rate of a WAV file written by espeak-ng. */
function readWav(file) {
  const buf = readFileSync(file);
  let offset = 12;
  let rate = 22050;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = buf.readUInt32LE(offset + 12);
    if (id === 'data') {
      const end = Math.min(buf.length, offset + 8 + size);
      return { rate, pcm: buf.subarray(offset + 8, end - ((end - offset - 8) % 2)) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`no data chunk in ${file}`);
}

function wavBytes(pcm, rate) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Trim leading and trailing near-silence from 16-bit PCM (espeak pads each utterance). */
function trimSilence(pcm, rate) {
  const threshold = 300;
  const samples = pcm.length / 2;
  let start = 0;
  let end = samples;
  while (start < samples && Math.abs(pcm.readInt16LE(start * 2)) < threshold) start++;
  while (end > start && Math.abs(pcm.readInt16LE((end - 1) * 2)) < threshold) end--;
  const pad = Math.round(rate * 0.04);
  start = Math.max(0, start - pad);
  end = Math.min(samples, end + pad);
  return pcm.subarray(start * 2, end * 2);
}

let speechCounter = 0;
function synthesise(text, language) {
  const v = VOICES[language];
  const file = path.join(WORK, `speech-${speechCounter++}.wav`);
  run('espeak-ng', [
    '-v',
    v.voice,
    '-s',
    v.speed,
    '-p',
    v.pitch,
    '-g',
    v.wordGap,
    '-w',
    file,
    v.speakable(text),
  ]);
  const { rate, pcm } = readWav(file);
  return { rate, pcm: trimSilence(pcm, rate) };
}

const silence = (seconds, rate) => Buffer.alloc(Math.round(seconds * rate) * 2);

function vttTime(t) {
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

function vtt(cues) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    'WEBVTT\n\n' +
    cues.map((c, i) => `${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n${escape(c.text)}\n`).join('\n')
  );
}

/** Words of a command line, so long ffmpeg invocations read as they would in a shell. */
const words = (line) => line.trim().split(/\s+/);

/**
 * A copy of a WAV at the loudness target: ffmpeg's loudnorm (EBU R128) in two passes, the first
 * measuring, the second applying one linear gain, so the voice keeps its dynamics and timing.
 */
function normaliseLoudness(wavFile) {
  const { integrated: I, truePeak: TP, range: LRA } = LOUDNESS;
  const measure = run('ffmpeg', [
    ...words('-nostdin -hide_banner -y -i'),
    wavFile,
    '-af',
    `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}:print_format=json`,
    ...words('-f null -'),
  ]).stderr;
  const json = measure.slice(measure.lastIndexOf('{'), measure.lastIndexOf('}') + 1);
  const m = JSON.parse(json);
  const out = wavFile.replace(/\.wav$/, '.loud.wav');
  const rate = readWav(wavFile).rate;
  run('ffmpeg', [
    ...words('-nostdin -v error -y -i'),
    wavFile,
    '-af',
    `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true`,
    ...words(`-ar ${rate} -ac 1 -c:a pcm_s16le -map_metadata -1 -fflags +bitexact -flags:a +bitexact`),
    out,
  ]);
  return out;
}

function encodeOpus(wavFile, outFile, bitrate = '32k') {
  const scratch = scratchFor(outFile);
  run('ffmpeg', [
    ...words('-nostdin -v error -y -i'),
    normaliseLoudness(wavFile),
    ...words(
      `-map_metadata -1 -ac 1 -ar 48000 -c:a libopus -b:a ${bitrate} -fflags +bitexact -flags:a +bitexact`,
    ),
    scratch,
  ]);
  publish(scratch, outFile);
}

/** One narration file: cues synthesised one by one and joined with short pauses. */
function makeNarration(text, language, srcRel, vttRel) {
  const lead = 0.3;
  const tail = 0.5;
  const pieces = [];
  const cues = [];
  let rate = 22050;
  let t = lead;
  for (const unit of speechUnits(text, language)) {
    const speech = synthesise(unit.speech, language);
    rate = speech.rate;
    const seconds = speech.pcm.length / 2 / rate;
    // Within one spoken unit, cues share its time in proportion to their length.
    const weights = unit.captions.map((c) => [...c.replace(/\s/g, '')].length);
    const total = weights.reduce((a, b) => a + b, 0);
    let start = t;
    unit.captions.forEach((caption, i) => {
      const end = start + (seconds * weights[i]) / total;
      cues.push({ start, end, text: caption });
      start = end;
    });
    const gap = pauseAfter(unit.speech);
    pieces.push(speech.pcm, silence(gap, rate));
    t += seconds + gap;
  }
  const pcm = Buffer.concat([silence(lead, rate), ...pieces.slice(0, -1), silence(tail, rate)]);
  const wav = path.join(WORK, `narration-${speechCounter++}.wav`);
  writeFileSync(wav, wavBytes(pcm, rate));
  encodeOpus(wav, abs(srcRel));
  const duration = probeDuration(abs(srcRel));
  // Hold each cue a little past its last syllable, never into the next cue or past the end.
  for (let i = 0; i < cues.length; i++) {
    const next = cues[i + 1]?.start ?? duration;
    cues[i].end = Math.min(Math.max(cues[i].end, Math.min(cues[i].end + 0.2, next - 0.02)), duration);
  }
  writeAtomic(vttRel, vtt(cues));
  return duration;
}

function makeAudio(manifest) {
  const written = [];
  const narrationTexts = { ...TOUR_NARRATION };
  for (const event of manifest.timelines.flatMap((t) => t.events)) {
    if (manifest.media[`nar.event.${event.id}`]) narrationTexts[`nar.event.${event.id}`] = event.text;
  }
  for (const [id, media] of Object.entries(manifest.media)) {
    if (media.kind !== 'audio') continue;
    const texts = narrationTexts[id];
    if (!texts) throw new Error(`no narration text for audio media "${id}": add it to TOUR_NARRATION`);
    for (const language of LANGS) {
      const src = media.src[language];
      const captions = media.captions?.[language];
      if (!src || !captions) throw new Error(`media "${id}" lacks a ${language} file or captions`);
      if (!FORCE && allExist([src, captions])) continue;
      const duration = makeNarration(texts[language], language, src, captions);
      written.push(`${src} (${duration.toFixed(1)} s)`, captions);
    }
  }
  return written;
}

// ------------------------------------------------------------------------------------------
// Video

/** A media entry's file for a language (a per-language `src`, or one file for all). */
const mediaSrcFor = (media, language) => (typeof media.src === 'string' ? media.src : media.src[language]);

function makeVideos(manifest) {
  const written = [];
  const fps = 25;
  for (const [id, video] of Object.entries(VIDEOS)) {
    const media = manifest.media[id];
    if (!media) continue;
    for (const language of LANGS) {
      const src = media.src[language];
      const captions = media.captions[language];
      if (!FORCE && allExist([src, captions])) continue;
      const lead = 0.4;
      const hold = 0.7;
      const slides = [{ image: abs(media.poster), frames: Math.round(video.titleSeconds * fps) }];
      const cues = [];
      const speeches = video.slides.map((slide) => synthesise(slide.text[language], language));
      const rate = speeches[0].rate;
      const pcmParts = [silence(video.titleSeconds, rate)];
      let t = video.titleSeconds;
      for (const [index, slide] of video.slides.entries()) {
        const speech = speeches[index];
        const seconds = speech.pcm.length / 2 / rate;
        const frames = Math.ceil(Math.max(3.5, lead + seconds + hold) * fps);
        const slideSeconds = frames / fps;
        cues.push({ start: t + lead, end: t + lead + seconds + 0.3, text: slide.text[language] });
        pcmParts.push(silence(lead, rate), speech.pcm, silence(slideSeconds - lead - seconds, rate));
        slides.push({
          image: abs(mediaSrcFor(manifest.media[`img.event.${slide.event}`], language)),
          frames,
        });
        t += slideSeconds;
      }
      const wav = path.join(WORK, `video-${language}.wav`);
      writeFileSync(wav, wavBytes(Buffer.concat(pcmParts), rate));
      const loudWav = normaliseLoudness(wav);

      const inputs = slides.flatMap((s) => ['-i', s.image]);
      const filters = slides.map((s, i) => {
        const seconds = s.frames / fps;
        return (
          `[${i}:v]scale=1920:1080:flags=lanczos,` +
          `zoompan=z='1+0.06*on/${s.frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${s.frames}:s=1280x720:fps=${fps},` +
          `fade=t=in:st=0:d=0.5,fade=t=out:st=${(seconds - 0.5).toFixed(2)}:d=0.5,setsar=1[v${i}]`
        );
      });
      const filter = `${filters.join(';')};${slides.map((_, i) => `[v${i}]`).join('')}concat=n=${slides.length}:v=1:a=0,format=yuv420p[v]`;
      const out = abs(src);
      const tmp = scratchFor(out);
      // Two-pass VP9 so the file lands on its bitrate budget; the first pass only writes statistics.
      const passlog = path.join(WORK, `vp9-${language}`);
      const common = [
        ...words('-nostdin -v error -y'),
        ...inputs,
        '-i',
        loudWav,
        '-filter_complex',
        filter,
        '-map',
        '[v]',
      ];
      const vp9 = [
        ...words(
          '-c:v libvpx-vp9 -b:v 600k -deadline good -cpu-used 4 -row-mt 1 -threads 2 -g 50 -pix_fmt yuv420p',
        ),
        ...['-passlogfile', passlog],
      ];
      const exact = words('-map_metadata -1 -fflags +bitexact -flags +bitexact');
      run('ffmpeg', [...common, ...vp9, '-pass', '1', '-an', ...exact, '-f', 'null', '-']);
      run('ffmpeg', [
        ...common,
        ...['-map', `${slides.length}:a`],
        ...vp9,
        ...['-pass', '2'],
        ...words('-c:a libopus -b:a 48k -ac 1 -ar 48000 -shortest'),
        ...exact,
        tmp,
      ]);
      publish(tmp, out);
      const duration = probeDuration(out);
      for (const cue of cues) cue.end = Math.min(cue.end, duration);
      writeAtomic(captions, vtt(cues));
      written.push(`${src} (${duration.toFixed(1)} s)`, captions);
    }
  }
  return written;
}

// ------------------------------------------------------------------------------------------

let WORK = '';

function main() {
  requireTools();
  const manifest = JSON.parse(readFileSync(path.join(PACK_DIR, 'pack.json'), 'utf8'));
  WORK = mkdtempSync(path.join(tmpdir(), 'hall-default-media-'));
  try {
    const steps = [
      ['base', makeBase],
      ['audio', makeAudio],
      ['video', makeVideos],
    ];
    for (const [name, step] of steps) {
      if (!ONLY.has(name)) continue;
      const started = Date.now();
      const written = step(manifest);
      console.log(
        `${name}: ${written.length} file(s) written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const file of written) console.log(`  ${file}`);
    }
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`make-default-media: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
