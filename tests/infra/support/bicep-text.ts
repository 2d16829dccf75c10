/**
 * Reads the few things the infra tests need out of infra/main.bicep as text: no Bicep compiler is available here,
 * so this is deliberately small and strict — anything it can't read makes the test fail rather than pass.
 */

/** The template without `//` comments (a `//` inside a URL such as 'https://…' is not preceded by white space). */
export function withoutComments(bicep: string): string {
  return bicep
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''))
    .join('\n');
}

/** The text between the bracket at `open` and its partner, exclusive. */
export function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const opener = text[open];
  if (!opener || !pairs[opener]) throw new Error(`no bracket at ${open}: ${text.slice(open, open + 20)}`);
  let depth = 0;
  let quoted = false;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '{' || char === '(' || char === '[') depth++;
    if (char === '}' || char === ')' || char === ']') depth--;
    if (depth === 0) return text.slice(open + 1, index);
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** The body of `var <name> = …` (an object or a call). */
export function variable(bicep: string, name: string): string {
  const match = new RegExp(`^var ${name} = `, 'm').exec(bicep);
  if (!match) throw new Error(`var ${name} not found`);
  return balanced(bicep, match.index + match[0].length + bicep.slice(match.index + match[0].length).search(/[{(]/));
}

/** Every resource of a type: its symbolic name and body. */
export function resources(bicep: string, type: string): { name: string; body: string }[] {
  const pattern = new RegExp(`^resource (\\w+) '${type.replace(/\//g, '\\/')}@(\\d{4}-\\d{2}-\\d{2}[^']*)'[^=]*= (?:if \\([^)]*\\) )?\\{`, 'gm');
  return [...bicep.matchAll(pattern)].map((match) => ({ name: match[1] as string, body: balanced(bicep, match.index + match[0].length - 1) }));
}

/** Every `resource x 'Type@version'` with its API version. */
export function apiVersions(bicep: string): { type: string; version: string }[] {
  return [...bicep.matchAll(/^resource \w+ '([^@']+)@([^']+)'/gm)].map((match) => ({ type: match[1] as string, version: match[2] as string }));
}

/** The parameters: name, type and default expression (undefined when required). */
export function parameters(bicep: string): Map<string, { type: string; defaultValue?: string }> {
  const found = new Map<string, { type: string; defaultValue?: string }>();
  for (const match of bicep.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)) {
    found.set(match[1] as string, { type: match[2] as string, defaultValue: match[3]?.trim() });
  }
  return found;
}

/** `KEY: expression` entries of an object body, one per line or `{ KEY: expression }` inline. */
export function objectEntries(body: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const match of body.matchAll(/(?:^|[\s{,])([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^\n}]+)/gm)) {
    entries.set(match[1] as string, (match[2] as string).trim());
  }
  return entries;
}

/** A Bicep string literal's value, or undefined when the expression is not a plain literal. */
export function stringLiteral(expression: string): string | undefined {
  const match = /^'((?:[^'\\]|\\.)*)'$/.exec(expression.trim());
  return match ? (match[1] as string).replace(/\\'/g, "'") : undefined;
}
