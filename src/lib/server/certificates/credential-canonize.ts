import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';

/**
 * `eddsa-rdfc-2022` canonicalisation for documents that share a shape (issue 14: ≥ 100
 * certificates per second). Processing the JSON-LD contexts of Open Badges 3.0 (dozens of
 * type-scoped, protected contexts) costs most of a signature, yet every certificate's credential
 * has the same structure and differs only in a few literal values (names, dates, absolute IRIs).
 * So each shape is expanded once with a placeholder in every varying position, and a document of
 * that shape is expanded by putting its values in the placeholders' place; turning the expanded
 * document into RDF and canonicalising it (RDFC-1.0) is done for every document as usual.
 *
 * Only positions listed by the caller vary (`varying`), and only values that expansion keeps as
 * they are may go there (literals and absolute IRIs); everything else belongs to the shape. The
 * first document of each shape is also canonicalised the ordinary way and the two must agree, or
 * that shape always takes the ordinary path. Verifiers never use this: they run the library's own
 * cryptosuite on the stored bytes.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type CanonizeOptions = Record<string, unknown>;

const PLACEHOLDER = 'urn:aula:varying:';
const MAX_SHAPES = 16;

interface Shape {
  /** The expanded document as JSON with placeholders, or null when the shortcut disagreed. */
  expanded: string | null;
}

const shapes = new Map<string, Shape>();

/**
 * A cryptosuite identical to `eddsa-rdfc-2022` except that documents whose varying values sit at
 * the given paths (dotted, array indices as numbers: `credentialSubject.identifier.0.identityHash`)
 * reuse their shape's expansion.
 */
export function templatedCryptosuite(varying: readonly string[]): typeof cryptosuite {
  const paths = new Set(varying);
  return {
    ...cryptosuite,
    canonize: async (input: unknown, options: CanonizeOptions) => {
      const { shapeKey, values } = splitValues(input as Json, paths);
      let shape = shapes.get(shapeKey);
      if (!shape) {
        shape = await learnShape(input, options, shapeKey, values);
        if (shapes.size >= MAX_SHAPES) shapes.clear();
        shapes.set(shapeKey, shape);
      }
      if (shape.expanded === null) return cryptosuite.canonize(input, options);
      return canonizeExpanded(fill(shape.expanded, values), options);
    },
  };
}

/** The document with every varying value replaced by its numbered placeholder, and the values. */
function splitValues(input: Json, paths: ReadonlySet<string>): { shapeKey: string; values: string[] } {
  const values: string[] = [];
  const walk = (node: Json, path: string): Json => {
    if (typeof node === 'string') {
      if (!paths.has(path)) return node;
      values.push(node);
      return `${PLACEHOLDER}${values.length - 1}`;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    if (node && typeof node === 'object') {
      const out: Record<string, Json> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value, path ? `${path}.${key}` : key);
      return out;
    }
    return node;
  };
  const template = walk(input, '');
  return { shapeKey: JSON.stringify(template), values };
}

async function learnShape(input: unknown, options: CanonizeOptions, shapeKey: string, values: readonly string[]): Promise<Shape> {
  let expanded: string;
  try {
    expanded = JSON.stringify(await jsonld.expand(JSON.parse(shapeKey), { ...options, safe: true }));
  } catch {
    // A placeholder where the context expects a term (a type, an enumerated value): not a shape.
    return { expanded: null };
  }
  // Every placeholder must come through expansion untouched, once per varying position.
  const seen = expanded.match(new RegExp(`"${PLACEHOLDER}\\d+"`, 'g'))?.length ?? 0;
  if (seen !== values.length) return { expanded: null };
  const ordinary = await cryptosuite.canonize(input, options);
  const shortcut = await canonizeExpanded(fill(expanded, values), options).catch(() => null);
  return { expanded: ordinary === shortcut ? expanded : null };
}

/** The expanded shape with the document's values in place of the placeholders. */
function fill(expanded: string, values: readonly string[]): Json {
  return JSON.parse(expanded, (_key, value: Json) =>
    typeof value === 'string' && value.startsWith(PLACEHOLDER) ? (values[Number(value.slice(PLACEHOLDER.length))] as string) : value,
  );
}

/** What the cryptosuite does after expansion: RDF (as `eddsa-rdfc-2022` asks for it), then RDFC-1.0. */
async function canonizeExpanded(expanded: Json, options: CanonizeOptions): Promise<string> {
  const settings = { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options };
  const toRdf: Record<string, unknown> = { rdfDirection: 'i18n-datatype', ...settings, produceGeneralizedRdf: false };
  delete toRdf.format;
  const dataset = await jsonld.toRDF(expanded, toRdf);
  return rdfCanonize.canonize(dataset, settings);
}
