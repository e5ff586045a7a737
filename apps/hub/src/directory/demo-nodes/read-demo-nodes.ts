import { readFile } from 'node:fs/promises';
import { createProtocolAjv } from '@cicu/protocol';
import { DirectoryError } from '../directory.errors';
import { DemoNodesFile } from './demo-nodes.schema';

let compiled: ReturnType<ReturnType<typeof createProtocolAjv>['compile']> | undefined;

/** Checks a parsed DEMO_NODES_FILE; every problem as "<JSON pointer>: <why>", none when valid. */
export function validateDemoNodes(value: unknown): { nodes: DemoNodesFile; problems: [] } | { nodes: undefined; problems: string[] } {
  compiled ??= createProtocolAjv().compile(DemoNodesFile);
  if (!compiled(value)) {
    const problems = (compiled.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
      return `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
    });
    return { nodes: undefined, problems: [...new Set(problems)] };
  }
  const nodes = value as DemoNodesFile;
  const problems: string[] = [];
  const seen = new Set<string>();
  nodes.forEach((node, i) => {
    if (seen.has(node.id)) problems.push(`/${i}/id: duplicate id ${node.id}`);
    seen.add(node.id);
  });
  return problems.length === 0 ? { nodes, problems: [] } : { nodes: undefined, problems };
}

/** Reads, parses and validates the file; every failure names the file and each problem. */
export async function readDemoNodes(file: string): Promise<DemoNodesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new DirectoryError('DEMO_NODES_INVALID', `DEMO_NODES_FILE ${file} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DirectoryError('DEMO_NODES_INVALID', `DEMO_NODES_FILE ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const { nodes, problems } = validateDemoNodes(value);
  if (nodes === undefined) {
    throw new DirectoryError('DEMO_NODES_INVALID', `DEMO_NODES_FILE ${file} is invalid, no node was registered:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return nodes;
}
