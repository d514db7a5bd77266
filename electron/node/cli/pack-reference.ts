/**
 * The field reference of `pack.json` as Markdown, generated from the JSON Schema (itself generated
 * from the zod schema): every object of the format gets a section with one row per field — type,
 * whether it is required, its default, what it means and an example. Committed as
 * `docs/pack-reference.md` (`hallpack schema --markdown`); a unit test keeps it current.
 */
import { PACK_FORMAT, TEXT_KIND_META, TEXT_LIMITS } from '../../shared/pack-schema';
import type { TextKind } from '../../shared/pack-schema';
import { packJsonSchema } from './json-schema';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text kind of a localized text node (a record of strings marked with a kind), if it is one. */
export function textKindOf(node: Json): TextKind | undefined {
  const value = node.additionalProperties;
  if (node.type !== 'object' || !isObject(value)) return undefined;
  const kind = value[TEXT_KIND_META];
  return typeof kind === 'string' && kind in TEXT_LIMITS ? (kind as TextKind) : undefined;
}

/** The object schemas inside a node (itself, an array's items, a map's values, union branches). */
function objectsIn(node: Json): { suffix: string; schema: Json; label?: string }[] {
  if (textKindOf(node)) return [];
  const branches = node.oneOf ?? node.anyOf;
  if (Array.isArray(branches)) {
    return branches.filter(isObject).flatMap((b) =>
      objectsIn(b).map((o) => {
        const props = isObject(b.properties) ? b.properties : {};
        const tag = Object.entries(props).find(([, p]) => isObject(p) && typeof p.const === 'string');
        const label = tag ? `${tag[0]}: "${String((tag[1] as Json).const)}"` : undefined;
        return label !== undefined ? { ...o, label } : o;
      }),
    );
  }
  if (node.type === 'array' && isObject(node.items))
    return objectsIn(node.items).map((o) => ({ ...o, suffix: `[]${o.suffix}` }));
  if (node.type === 'object' && isObject(node.properties)) return [{ suffix: '', schema: node }];
  if (node.type === 'object' && isObject(node.additionalProperties))
    return objectsIn(node.additionalProperties).map((o) => ({ ...o, suffix: `.<id>${o.suffix}` }));
  return [];
}

function typeOf(node: Json): string {
  const kind = textKindOf(node);
  if (kind) return `text (${kind}, ≤ ${TEXT_LIMITS[kind].max} chars)`;
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' | ');
  const branches = node.oneOf ?? node.anyOf;
  if (Array.isArray(branches)) return branches.filter(isObject).map(typeOf).join(' or ');
  if (node.type === 'array') return `list of ${isObject(node.items) ? typeOf(node.items) : 'values'}`;
  if (node.type === 'object') {
    if (isObject(node.properties)) return 'object';
    if (isObject(node.additionalProperties)) {
      const keys = isObject(node.propertyNames) && node.propertyNames.pattern === undefined ? 'key' : 'id';
      return `map ${keys} → ${typeOf(node.additionalProperties)}`;
    }
    return 'object';
  }
  if (node.type === 'string') {
    if (node.pattern === '^#[0-9a-fA-F]{6}$') return 'colour `#rrggbb`';
    if (typeof node.pattern === 'string' && node.pattern.startsWith('^-?\\d{1,6}')) return 'date';
    if (node.pattern === '^[a-z0-9][a-z0-9._-]{0,63}$') return 'id';
    if (node.maxLength === 240 && node.minLength === 1) return 'path in the pack';
    return 'string';
  }
  if (node.type === 'integer' || node.type === 'number') {
    const bound = (v: unknown): string => (typeof v === 'number' ? String(v) : '…');
    const range =
      node.minimum !== undefined || node.maximum !== undefined
        ? ` ${bound(node.minimum)}–${bound(node.maximum)}`
        : node.exclusiveMinimum === 0
          ? ' > 0'
          : '';
    return `${node.type}${range}`;
  }
  return typeof node.type === 'string' ? node.type : 'value';
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const exampleOf = (node: Json): string => {
  const examples = node.examples;
  if (!Array.isArray(examples) || examples.length === 0) return '';
  const text = JSON.stringify(examples[0]);
  return `\`${cell(text.length > 160 ? `${text.slice(0, 157)}…` : text)}\``;
};

/** Markdown of the whole field reference (final newline). */
export function packReferenceMarkdown(): string {
  const root = packJsonSchema();
  const lines: string[] = [
    `# pack.json field reference (${PACK_FORMAT})`,
    '',
    '<!-- Generated from electron/shared/pack-schema.ts by `hallpack schema --markdown -o docs/pack-reference.md`. Do not edit by hand. -->',
    '',
    'Every field of `pack.json`, object by object. A path such as `places[].navigation` means the',
    '`navigation` object of each entry of `places`; `media.<id>` means each value of the `media` map.',
    'Fields marked required must be present; the others may be left out (the default is used).',
    '`hallpack lint <folder>` checks all of this and more (references between parts, files, media, fonts).',
    '',
    '## Text',
    '',
    'Visitor-facing text is an object with one string per language: `{ "zh-Hans": "南湖", "en": "South Lake" }`.',
    'A missing language falls back to `defaultLanguage`. Each text has a kind; above its maximum the pack is',
    'refused, above its display width `hallpack lint` warns that the screen may cut it (a Chinese character',
    'counts as two columns).',
    '',
    '| Kind | Maximum (characters) | Fits on screen (columns) |',
    '| --- | --- | --- |',
    ...Object.entries(TEXT_LIMITS).map(([kind, l]) => `| ${kind} | ${l.max} | ${l.width} |`),
    '',
  ];
  const queue: { path: string; schema: Json; label?: string }[] = [{ path: '(top level)', schema: root }];
  while (queue.length > 0) {
    const { path, schema, label } = queue.shift()!;
    const props = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    lines.push(`## ${path === '(top level)' ? 'Top level' : `\`${path}\``}${label ? ` (${label})` : ''}`, '');
    if (path === '(top level)' && typeof schema.description === 'string') lines.push(schema.description, '');
    lines.push('| Field | Type | Required | Description | Example |', '| --- | --- | --- | --- | --- |');
    for (const [name, value] of Object.entries(props)) {
      if (!isObject(value)) continue;
      const fieldPath = path === '(top level)' ? name : `${path}.${name}`;
      const nested = objectsIn(value);
      const link = nested.length > 0 ? ' (see below)' : '';
      const defaultText =
        value.default !== undefined ? ` Default: \`${cell(JSON.stringify(value.default))}\`.` : '';
      lines.push(
        `| \`${name}\` | ${cell(typeOf(value))}${link} | ${required.has(name) ? 'yes' : ''} | ${cell(typeof value.description === 'string' ? value.description : '')}${defaultText} | ${exampleOf(value)} |`,
      );
      for (const n of nested) {
        queue.push({
          path: `${fieldPath}${n.suffix}`,
          schema: n.schema,
          ...(n.label ? { label: n.label } : {}),
        });
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
