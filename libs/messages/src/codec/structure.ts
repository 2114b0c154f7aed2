/** Deeper than any real message (the deepest field is 5 levels down); refused as SCHEMA_INVALID. */
export const MAX_NESTING = 32;

/** Names that reach an object's prototype in JavaScript; never accepted as a field or element name. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface StructureReport {
  /** nested deeper than the limit (what lies below the limit was not looked at) */
  tooDeep: boolean;
  /** paths of forbidden names, at most 8 */
  forbidden: string[];
}

/**
 * Walks a parsed document without recursion, so no input can overflow the stack: its depth (objects
 * and arrays, or objects only) and every forbidden own key. Paths are only spelled out on a second
 * walk when there is a forbidden key to name, so the walk over a normal message builds no strings.
 */
export function scanStructure(
  value: unknown,
  options: { limit?: number; countArrays?: boolean } = {},
): StructureReport {
  const limit = options.limit ?? MAX_NESTING;
  const countArrays = options.countArrays ?? true;
  const quick = walk(value, limit, countArrays, false);
  return quick.forbidden.length === 0 ? quick : walk(value, limit, countArrays, true);
}

function walk(value: unknown, limit: number, countArrays: boolean, withPaths: boolean): StructureReport {
  const report: StructureReport = { tooDeep: false, forbidden: [] };
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  const paths: string[] = [''];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    const path = withPaths ? paths.pop()! : '';
    if (typeof node !== 'object' || node === null) {
      continue;
    }
    const isArray = Array.isArray(node);
    const level = isArray && !countArrays ? depth : depth + 1;
    if (level > limit) {
      report.tooDeep = true;
      continue;
    }
    if (isArray) {
      for (let i = 0; i < node.length; i++) {
        nodes.push(node[i]);
        depths.push(level);
        if (withPaths) {
          paths.push(`${path}.${i}`);
        }
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_NAMES.has(key)) {
        if (!withPaths) {
          report.forbidden.push(key); // only "there is one": the second walk names them
        } else if (report.forbidden.length < 8) {
          report.forbidden.push(path ? `${path}.${key}` : key);
        }
        continue;
      }
      nodes.push((node as Record<string, unknown>)[key]);
      depths.push(level);
      if (withPaths) {
        paths.push(path ? `${path}.${key}` : key);
      }
    }
  }
  return report;
}
