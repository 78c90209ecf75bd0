/**
 * The variables a template may use, as a tree: `'text'` is a value to print, an object lists
 * fields, a one-element array is a list whose items have that shape (for `{{#each}}`).
 */
export type VariableSpec =
  'text' | 'flag' | { readonly [field: string]: VariableSpec } | readonly [VariableSpec];

export function isList(spec: VariableSpec): spec is readonly [VariableSpec] {
  return Array.isArray(spec);
}

export function isObject(spec: VariableSpec): spec is { readonly [field: string]: VariableSpec } {
  return typeof spec === 'object' && !Array.isArray(spec);
}

/** Every dotted path the spec allows (for documentation and error messages). */
export function variablePaths(spec: VariableSpec, path = ''): string[] {
  if (isList(spec))
    return [`${path} (list)`, ...variablePaths(spec[0], `${path}[]`).filter((p) => p !== `${path}[]`)];
  if (isObject(spec))
    return Object.entries(spec).flatMap(([field, child]) =>
      variablePaths(child, path ? `${path}.${field}` : field),
    );
  return [path];
}
