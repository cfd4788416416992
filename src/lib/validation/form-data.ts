import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';

/**
 * A form action's input read from the posted FormData, refusing a field sent twice where one
 * value is expected. Astro reads such a field with `FormData.get` and keeps the first value, so a
 * hand-posted form with two `state` fields saved one of them without a word; here the field gets
 * a Spanish error next to it instead, with every other field's errors, and the page keeps what
 * was typed. Fields the schema declares as arrays (checkbox groups) take every value.
 *
 * Covers the shapes Aula's forms use: text, numbers, booleans and arrays of them at the top level
 * of an object schema, optionally followed by `.transform(…)` (nested `a.b` names are not read).
 */
export function fromForm<S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S): z.ZodType<z.output<S>, z.input<S>> {
  const shape = objectShape(schema);
  // Typed as the schema it wraps, so a page's `error.fields` names the form's fields; Astro sees a
  // schema that is not an object and hands it the FormData itself.
  const reader = z.instanceof(FormData).transform(async (form, ctx): Promise<z.output<S>> => {
    const input: Record<string, unknown> = {};
    const repeated: string[] = [];
    for (const [key, field] of Object.entries(shape)) {
      const values = form.getAll(key);
      const inner = unwrap(field);
      if (inner instanceof z.ZodArray) {
        input[key] = values;
        continue;
      }
      if (values.length > 1) repeated.push(key);
      const value = values[0];
      if (inner instanceof z.ZodBoolean) input[key] = value === 'true' ? true : value === 'false' ? false : values.length > 0;
      else if (value === undefined || value === '') input[key] = field instanceof z.ZodOptional ? undefined : null;
      else input[key] = value;
    }
    const parsed = await schema.safeParseAsync(input);
    for (const key of repeated) ctx.addIssue({ code: 'custom', path: [key], message: t('form.repeatedField') });
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    return parsed.success && repeated.length === 0 ? (parsed.data as z.output<S>) : z.NEVER;
  });
  return reader as unknown as z.ZodType<z.output<S>, z.input<S>>;
}

/** The object a schema reads, through `.transform()`/`.pipe()`; anything else is a mistake in our code. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodPipe) current = current.def.in as z.ZodType;
  if (!(current instanceof z.ZodObject)) throw new Error(`fromForm needs an object schema, got ${current.def.type}`);
  return current.shape as Record<string, z.ZodType>;
}

/** The field's type under optional, nullable, default and pipes (`z.coerce…`, `.transform`). */
function unwrap(field: z.ZodType): z.ZodType {
  let current: z.ZodType = field;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      return current;
    }
  }
}
