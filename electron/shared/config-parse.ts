/**
 * Reading `config.json` field by field. One bad field must not cost the hall the rest of its
 * configuration — above all its trusted keys — so each top-level field of `kioskConfigSchema` is
 * checked on its own: an invalid one falls back to its default with a warning that names the
 * field and the value; in a list (trusted keys, opening exceptions …) only the invalid entries are
 * dropped. Fields the schema does not know are reported (a typo would otherwise vanish) and
 * ignored. Works from the schema's shape, so a field added to the schema is covered as it is.
 */
import { z } from 'zod';
import { kioskConfigSchema } from './config-schema';
import type { KioskConfig } from './config-schema';

/** One thing wrong in config.json. `field` is a path such as `idleTimeoutSeconds` or `trustedKeys[1]`. */
export type ConfigWarning = {
  readonly field: string;
  /** The value as found, shortened (secrets are never echoed). */
  readonly value: string;
  readonly message: string;
};

export type ParsedKioskConfig = { config: KioskConfig; warnings: ConfigWarning[] };

/** Fields whose values are never printed. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['staffPinHash']);
const MAX_VALUE_CHARS = 80;

function show(field: string, value: unknown): string {
  if (SECRET_FIELDS.has(field)) return '(hidden)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function firstIssue(error: z.ZodError, base: string): { path: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { path: base, message: 'invalid' };
  const rest = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return { path: `${base}${rest}`, message: issue.message };
}

/** The element schema of an array field (through `.default()` / `.optional()`), else null. */
function elementSchema(schema: z.ZodType): z.ZodType | null {
  let inner: unknown = schema;
  for (let i = 0; i < 4; i++) {
    if (inner instanceof z.ZodArray) return inner.element as z.ZodType;
    if (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap();
    else return null;
  }
  return null;
}

const describeValue = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;

/** Parses a config.json value (already JSON-parsed) field by field. Never throws. */
export function parseKioskConfig(raw: unknown): ParsedKioskConfig {
  const warnings: ConfigWarning[] = [];
  const shape = kioskConfigSchema.shape as Record<string, z.ZodType>;
  if (raw === undefined) return { config: kioskConfigSchema.parse({}), warnings };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push({
      field: '(root)',
      value: show('(root)', raw),
      message: `expected an object of settings, found ${describeValue(raw)}; every setting is at its default`,
    });
    return { config: kioskConfigSchema.parse({}), warnings };
  }
  const input = raw as Record<string, unknown>;
  const accepted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      warnings.push({ field, value: show(field, value), message: 'unknown setting, ignored' });
      continue;
    }
    if (value === undefined) continue;
    const whole = schema.safeParse(value);
    if (whole.success) {
      accepted[field] = value;
      continue;
    }
    const element = elementSchema(schema);
    if (element && Array.isArray(value)) {
      // Keep the good entries of a list; drop and name each bad one.
      const kept = value.filter((entry, i) => {
        const one = element.safeParse(entry);
        if (one.success) return true;
        const where = firstIssue(one.error, `${field}[${i}]`);
        warnings.push({
          field: where.path,
          value: show(field, entry),
          message: `${where.message}; this entry is ignored`,
        });
        return false;
      });
      if (kept.length < value.length && schema.safeParse(kept).success) {
        accepted[field] = kept;
        continue;
      }
    }
    const where = firstIssue(whole.error, field);
    warnings.push({
      field: where.path,
      value: show(field, value),
      message: `${where.message}; ${field} is at its default`,
    });
  }
  // Every field that survived is valid on its own; the object parse applies the defaults.
  const parsed = kioskConfigSchema.safeParse(accepted);
  if (parsed.success) return { config: parsed.data, warnings };
  const where = firstIssue(parsed.error, '(root)');
  warnings.push({
    field: where.path,
    value: '',
    message: `${where.message}; every setting is at its default`,
  });
  return { config: kioskConfigSchema.parse({}), warnings };
}

/** `field: message (value …)` for logs and the CLI; a whole-file warning is its message alone. */
export function formatConfigWarning(w: ConfigWarning): string {
  const where = w.field === '(file)' ? '' : `${w.field}: `;
  return w.value === '' ? `${where}${w.message}` : `${where}${w.message} (value ${w.value})`;
}
