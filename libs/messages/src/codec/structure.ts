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
 * and arrays, or objects only) and every forbidden own key.
 */
export function scanStructure(
  value: unknown,
  options: { limit?: number; countArrays?: boolean } = {},
): StructureReport {
  const limit = options.limit ?? MAX_NESTING;
  const countArrays = options.countArrays ?? true;
  const report: StructureReport = { tooDeep: false, forbidden: [] };
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
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
      node.forEach((item, i) => stack.push({ node: item, depth: level, path: `${path}.${i}` }));
      continue;
    }
    for (const key of Object.keys(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_NAMES.has(key)) {
        if (report.forbidden.length < 8) {
          report.forbidden.push(childPath);
        }
        continue;
      }
      stack.push({ node: (node as Record<string, unknown>)[key], depth: level, path: childPath });
    }
  }
  return report;
}
