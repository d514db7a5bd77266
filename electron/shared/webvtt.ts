/**
 * A strict WebVTT parser for caption and transcript files.
 *
 * Browsers forgive a lot in a `.vtt` file and then silently show no captions; a hall must know
 * before the pack is installed. This parser follows the W3C WebVTT file structure (signature,
 * header, NOTE/STYLE/REGION blocks, cues with optional identifiers, timings and settings) and
 * reports every problem with its 1-based line number, so `hallpack lint` can say exactly where a
 * caption file is wrong. The renderer uses the same cues for the narration transcript.
 */

/** One cue: times in seconds, `text` is the payload as written (may contain `<v>`, `<i>` tags). */
export type VttCue = {
  id?: string;
  start: number;
  end: number;
  text: string;
  /** Cue settings as written (`align:center line:90%`), already checked. */
  settings: Record<string, string>;
  /** Line of the timing line in the file. */
  line: number;
};

export type VttProblem = { line: number; message: string };

export type VttParseResult = {
  /** True when the file has no errors (warnings allowed). */
  ok: boolean;
  cues: VttCue[];
  errors: VttProblem[];
  warnings: VttProblem[];
};

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const SETTING_VALUES: Record<string, RegExp> = {
  vertical: /^(rl|lr)$/,
  line: /^(-?\d+(\.\d+)?%?|\d+(\.\d+)?%)(,(start|center|end))?$/,
  position: /^\d+(\.\d+)?%(,(line-left|center|line-right|auto))?$|^auto$/,
  size: /^\d+(\.\d+)?%$|^auto$/,
  align: /^(start|center|end|left|right)$/,
  region: /^\S+$/,
};

/** Parses a WebVTT timestamp (`01:02:03.456` or `02:03.456`) into seconds, or `null`. */
export function parseVttTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  return h * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Formats seconds as a WebVTT timestamp `hh:mm:ss.ttt`. */
export function formatVttTimestamp(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const t = ms % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(t, 3)}`;
}

/**
 * Parses a WebVTT file. Never throws: anything wrong is an error or a warning with its line.
 * Errors are what makes a browser drop cues or the whole file (bad signature, bad timings, end
 * before start, cues out of order, `-->` in a payload); warnings are what is suspicious but shown
 * (unknown settings, empty cues, STYLE after cues).
 */
export function parseWebVtt(input: string): VttParseResult {
  const errors: VttProblem[] = [];
  const warnings: VttProblem[] = [];
  const cues: VttCue[] = [];
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const lines = text.split(/\r\n|\r|\n/);

  if (text.includes('\0')) {
    const at = lines.findIndex((l) => l.includes('\0'));
    errors.push({ line: at + 1, message: 'file contains a NUL character' });
  }
  const first = lines[0] ?? '';
  if (!/^WEBVTT([ \t].*)?$/.test(first)) {
    errors.push({
      line: 1,
      message: 'first line must be "WEBVTT" (optionally followed by a space and text)',
    });
    return { ok: false, cues, errors, warnings };
  }

  let i = 1;
  // Header: lines up to the first blank line.
  while (i < lines.length && (lines[i] ?? '') !== '') {
    if ((lines[i] ?? '').includes('-->')) {
      errors.push({
        line: i + 1,
        message: 'a blank line must separate the WEBVTT header from the first cue',
      });
    }
    i++;
  }

  let seenCue = false;
  let lastStart = -1;
  while (i < lines.length) {
    while (i < lines.length && (lines[i] ?? '') === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && (lines[i] ?? '') !== '') block.push(lines[i++] ?? '');
    const head = block[0] ?? '';

    if (/^NOTE($|[ \t])/.test(head)) {
      const arrow = block.findIndex((l) => l.includes('-->'));
      if (arrow >= 0)
        errors.push({ line: blockStart + arrow + 1, message: 'a NOTE block must not contain "-->"' });
      continue;
    }
    if (/^(STYLE|REGION)[ \t]*$/.test(head)) {
      if (seenCue) {
        warnings.push({
          line: blockStart + 1,
          message: `${head.trim()} block after the first cue is ignored by players`,
        });
      }
      continue;
    }

    let timingIndex = 0;
    let id: string | undefined;
    if (!head.includes('-->')) {
      id = head;
      timingIndex = 1;
      if (block.length < 2) {
        errors.push({
          line: blockStart + 1,
          message: `"${clip(head)}" is neither a cue timing line nor a NOTE/STYLE/REGION`,
        });
        continue;
      }
    }
    const timingLine = block[timingIndex] ?? '';
    const lineNo = blockStart + timingIndex + 1;
    const parsed = parseTimingLine(timingLine, lineNo, errors, warnings);
    if (!parsed) continue;
    const payload = block.slice(timingIndex + 1);
    const arrow = payload.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) {
      errors.push({
        line: lineNo + 1 + arrow,
        message: 'cue text must not contain "-->" (is a blank line missing before the next cue?)',
      });
    }
    if (payload.length === 0 || payload.every((l) => l.trim() === '')) {
      warnings.push({ line: lineNo, message: 'cue has no text' });
    }
    if (parsed.start < lastStart) {
      errors.push({
        line: lineNo,
        message: `cue starts at ${formatVttTimestamp(parsed.start)}, before the previous cue (${formatVttTimestamp(lastStart)}); cues must be in order`,
      });
    }
    lastStart = Math.max(lastStart, parsed.start);
    seenCue = true;
    const cue: VttCue = {
      start: parsed.start,
      end: parsed.end,
      text: payload.join('\n'),
      settings: parsed.settings,
      line: lineNo,
    };
    if (id !== undefined) cue.id = id;
    cues.push(cue);
  }
  return { ok: errors.length === 0, cues, errors, warnings };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function parseTimingLine(
  line: string,
  lineNo: number,
  errors: VttProblem[],
  warnings: VttProblem[],
): { start: number; end: number; settings: Record<string, string> } | null {
  const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m?.[1] || !m[2]) {
    errors.push({
      line: lineNo,
      message: `timing line must read "00:00:01.000 --> 00:00:04.000", found "${clip(line)}"`,
    });
    return null;
  }
  const start = parseVttTimestamp(m[1]);
  const end = parseVttTimestamp(m[2]);
  if (start === null || end === null) {
    const bad = start === null ? m[1] : m[2];
    errors.push({
      line: lineNo,
      message: `"${bad}" is not a WebVTT timestamp (hh:mm:ss.ttt or mm:ss.ttt, with a "." before milliseconds)`,
    });
    return null;
  }
  if (end <= start) {
    errors.push({ line: lineNo, message: `cue ends (${m[2]}) at or before it starts (${m[1]})` });
    return null;
  }
  const settings: Record<string, string> = {};
  for (const s of (m[3] ?? '').split(/[ \t]+/).filter((x) => x.length > 0)) {
    const colon = s.indexOf(':');
    const name = colon > 0 ? s.slice(0, colon) : s;
    const value = colon > 0 ? s.slice(colon + 1) : '';
    const rule = SETTING_VALUES[name];
    if (!rule) warnings.push({ line: lineNo, message: `unknown cue setting "${clip(s)}" is ignored` });
    else if (!rule.test(value))
      warnings.push({
        line: lineNo,
        message: `cue setting "${clip(s)}" has an invalid value and is ignored`,
      });
    else if (name in settings)
      warnings.push({ line: lineNo, message: `cue setting "${name}" appears twice` });
    else settings[name] = value;
  }
  return { start, end, settings };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

/**
 * The visible text of a cue payload: tags (`<v Name>`, `<i>`, `<c.x>`, `<00:00:01.000>`)
 * removed, character references decoded, lines kept.
 */
export function cuePlainText(payload: string): string {
  return payload.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The speaker of a cue written `<v Name>…`, if any. */
export function cueVoice(payload: string): string | undefined {
  const m = /^<v(?:\.[^ \t>]+)*[ \t]+([^>]+)>/.exec(payload);
  return m?.[1]?.trim();
}

/**
 * Index of the cue active at `time` (the latest-starting cue with start ≤ time < end), or −1.
 * Cues must be sorted by start, as {@link parseWebVtt} guarantees for valid files.
 */
export function activeCueIndex(cues: readonly Pick<VttCue, 'start' | 'end'>[], time: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid]?.start ?? Infinity) <= time) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = last; k >= 0; k--) {
    const c = cues[k];
    if (c && time < c.end) return k;
    // Overlapping cues are rare; look back only a few.
    if (last - k > 8) break;
  }
  return -1;
}
