// Reading an OpenAPI document, shared by the scripts that derive schemas from one
// (export-botpress-schemas.mjs: OpenAPI 3.0; export-gitbook-schemas.mjs: OpenAPI 3.1): HTTP methods,
// local $refs, JSON bodies, the operation-set warning, and the Schema Object keywords their draft-07
// converters treat alike.

export const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

// Keywords that carry prose or tooling hints, not facts about the data.
const PROSE_KEYWORDS = [
  'description', 'title', 'deprecated', 'example', 'examples', 'externalDocs', 'xml', 'discriminator',
];

/** A test for keywords to drop: the prose ones, `more`, and every x-* extension. */
export function nonFactKeyword(more = []) {
  const keywords = new Set([...PROSE_KEYWORDS, ...more]);
  return (key) => keywords.has(key) || key.startsWith('x-');
}

// Keywords whose value is a map of name -> schema (the names are data, never stripped).
export const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions']);
// Keywords whose value is a schema.
export const SCHEMA_KEYWORDS = new Set([
  'items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames', 'if', 'then', 'else',
]);
// Keywords whose value is an array of schemas.
export const SCHEMA_ARRAY_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf']);

/**
 * Local reference helpers. decodeUri: percent-decode each pointer segment first ($refs are URI
 * fragments in OpenAPI 3.1).
 */
export function openapiRefs({ decodeUri }) {
  /** Follows a local "#/a/b/c" reference (JSON Pointer escaping included). */
  function resolvePointer(openapi, ref) {
    if (!ref.startsWith('#/')) throw new Error(`unsupported non-local $ref ${ref}`);
    let node = openapi;
    for (const raw of ref.slice(2).split('/')) {
      const key = (decodeUri ? decodeURIComponent(raw) : raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`dangling $ref ${ref}`);
      node = node[key];
    }
    return node;
  }

  /** Resolves a Reference Object (responses, requestBodies, parameters) to its target. */
  function deref(openapi, node) {
    const seen = new Set();
    while (node && typeof node === 'object' && typeof node.$ref === 'string') {
      if (seen.has(node.$ref)) throw new Error(`circular $ref ${node.$ref}`);
      seen.add(node.$ref);
      node = resolvePointer(openapi, node.$ref);
    }
    return node;
  }

  /** The application/json schema of a request body or response (Reference Objects followed). */
  function jsonBodySchema(openapi, container, what) {
    const target = deref(openapi, container);
    const media = target && target.content && target.content['application/json'];
    if (!media || !media.schema) throw new Error(`${what} has no application/json schema`);
    return media.schema;
  }

  return { resolvePointer, deref, jsonBodySchema };
}

/** Warns on stderr when the selected operation ids are not the `expected` ones (`against`: package and version). */
export function warnOnOperationSetChange(ids, expected, against) {
  const unexpected = ids.filter((id) => !expected.includes(id));
  const absent = expected.filter((id) => !ids.includes(id));
  if (unexpected.length || absent.length) {
    console.error(`warning: operation set changed in ${against}:` +
      (unexpected.length ? ` new ${unexpected.join(', ')};` : '') +
      (absent.length ? ` gone ${absent.join(', ')};` : ''));
  }
}
