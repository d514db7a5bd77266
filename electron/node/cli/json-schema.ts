/**
 * The JSON Schema of `pack.json`, generated from the zod schema (the single source of truth) for
 * editors and other tools. Committed as `docs/pack.schema.json`; a unit test keeps it current.
 * It cannot express the cross-reference rules (`checkPackReferences`) or the path refinement:
 * `hallpack validate` is the authority.
 */
import { z } from 'zod';
import { PACK_FORMAT, packManifestSchema } from '../../shared/pack-schema';

export const PACK_SCHEMA_ID = 'https://hall-kiosk.invalid/schemas/pack.schema.json';

/** The schema as an object: what authors write (`io: 'input'`, so defaulted fields are optional). */
export function packJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(packManifestSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, required, ...rest } = generated;
  return {
    $schema,
    $id: PACK_SCHEMA_ID,
    title: `Hall Kiosk content pack manifest (${PACK_FORMAT})`,
    description:
      'pack.json of a Hall Kiosk content pack. Generated from electron/shared/pack-schema.ts; references between parts, file hashes and signatures are checked by `hallpack validate`. An author may omit "files": `hallpack build` computes it (a built pack always has it).',
    ...rest,
    // Authors write pack.json without "files"; the schema serves their editor.
    required: Array.isArray(required) ? required.filter((k) => k !== 'files') : required,
  };
}

/** The schema as JSON text (2-space indent, final newline). */
export function packJsonSchemaText(): string {
  return JSON.stringify(packJsonSchema(), null, 2) + '\n';
}
