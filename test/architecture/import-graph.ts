import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** Source files of the apps and libs as a graph of their imports, for the architecture rules. */
export interface ImportGraph {
  root: string;
  /** repository-relative path of each production source file -> the files it imports */
  edges: Map<string, Set<string>>;
}

const ALIASES: Record<string, string> = {
  '@skp/messages': 'libs/messages/src',
  '@skp/crypto': 'libs/crypto/src',
  '@skp/platform': 'libs/platform/src',
};

export function isProductionSource(path: string): boolean {
  return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts');
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      walk(full, out);
    } else if (isProductionSource(full)) {
      out.push(full);
    }
  }
  return out;
}

function resolveFile(candidate: string): string | null {
  for (const attempt of [candidate, `${candidate}.ts`, join(candidate, 'index.ts')]) {
    try {
      if (statSync(attempt).isFile()) {
        return attempt;
      }
    } catch {
      // not this spelling; try the next
    }
  }
  return null;
}

function target(root: string, from: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    return resolveFile(resolve(dirname(from), specifier));
  }
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (specifier === alias || specifier.startsWith(`${alias}/`)) {
      return resolveFile(join(root, folder, specifier.slice(alias.length)));
    }
  }
  return null;
}

/** Type-only imports count too: a cycle of types is still a tangle for the reader. */
function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

export function importGraph(root: string): ImportGraph {
  const edges = new Map<string, Set<string>>();
  for (const top of ['apps', 'libs']) {
    for (const file of walk(join(root, top), [])) {
      const deps = new Set<string>();
      for (const specifier of specifiersOf(file)) {
        const to = target(root, file, specifier);
        if (to && isProductionSource(to)) {
          deps.add(relative(root, to));
        }
      }
      edges.set(relative(root, file), deps);
    }
  }
  return { root, edges };
}

/** Strongly connected components with more than one member, or a member importing itself. */
export function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];

  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) {
        found.push(component.sort());
      }
    }
  };
  for (const node of edges.keys()) {
    if (!indices.has(node)) {
      visit(node);
    }
  }
  return found;
}

/**
 * The graph folded to feature folders: `apps/hub/src/auth/x.ts` belongs to `apps/hub/src/auth`,
 * a file directly under `src/` stands for itself. Edges inside one folder are dropped.
 */
export function folderGraph(edges: Map<string, Set<string>>): Map<string, Set<string>> {
  const folderOf = (path: string): string => {
    const parts = path.split('/');
    // a file directly under src/ (the root module, its tokens) is a node of its own
    return parts.length > 4 ? parts.slice(0, 4).join('/') : path;
  };
  const folded = new Map<string, Set<string>>();
  for (const [from, tos] of edges) {
    const source = folderOf(from);
    const set = folded.get(source) ?? new Set<string>();
    folded.set(source, set);
    for (const to of tos) {
      const dest = folderOf(to);
      if (dest !== source) {
        set.add(dest);
      }
    }
  }
  return folded;
}
