import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycles, folderGraph, importGraph } from './import-graph';

/**
 * The structural rules of docs/architecture.md, checked on the real source tree: no import cycle
 * between files, none between feature folders, and no production source file over 300 lines.
 */
const root = join(__dirname, '..', '..');
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const graph = importGraph(root);

describe('architecture', () => {
  it('reads the whole source tree', () => {
    // guards the checks below against an empty walk passing vacuously
    expect(graph.edges.size).toBeGreaterThan(150);
    expect(graph.edges.get('apps/hub/src/main.ts')?.size).toBeGreaterThan(0);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph.edges)).toEqual([]);
  });

  it('has no import cycle between feature folders', () => {
    expect(cycles(folderGraph(graph.edges))).toEqual([]);
  });

  it('keeps every production source file at 300 lines or fewer', () => {
    const long = [...graph.edges.keys()]
      .map((path) => ({ path, lines: lineCount(readFileSync(join(root, path), 'utf8')) }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});

describe('the cycle finder itself', () => {
  const graphOf = (pairs: [string, string][]): Map<string, Set<string>> => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of pairs) {
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
      edges.set(to, edges.get(to) ?? new Set());
    }
    return edges;
  };

  it('finds a cycle of three and ignores a tail', () => {
    const found = cycles(
      graphOf([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ]),
    );
    expect(found).toEqual([['a', 'b', 'c']]);
  });

  it('finds nothing in a tree', () => {
    expect(
      cycles(
        graphOf([
          ['a', 'b'],
          ['a', 'c'],
          ['b', 'c'],
        ]),
      ),
    ).toEqual([]);
  });

  it('folds files into feature folders', () => {
    const folded = folderGraph(
      graphOf([
        ['apps/hub/src/auth/a.ts', 'apps/hub/src/audit/b.ts'],
        ['apps/hub/src/audit/b.ts', 'apps/hub/src/auth/c.ts'],
      ]),
    );
    expect(cycles(folded)).toEqual([['apps/hub/src/audit', 'apps/hub/src/auth']]);
  });
});
