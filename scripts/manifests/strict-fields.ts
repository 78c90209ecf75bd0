import ts from 'typescript';
import { Json, K8sObject } from './json';

/**
 * Rejects fields the API does not define, as `kubectl apply --validate=strict` would: Kubernetes'
 * OpenAPI schemas leave objects open, so a misspelt `readinessProb` passes them and the API server
 * drops it silently. The interfaces generated from the same schemas list every field.
 */
export class StrictFieldChecker {
  private program: ts.Program | null = null;
  private readonly files = new Set<string>();

  check(object: K8sObject, declaration: { file: string; name: string }): string[] {
    const type = this.typeOf(declaration);
    if (!type) return [`${declaration.name} not found in ${declaration.file}`];
    const problems: string[] = [];
    this.walk(object, type, '', problems);
    return problems;
  }

  /** Loads the declarations of every kind at once: one TypeScript program, built once. */
  load(files: string[]): void {
    for (const file of files) this.files.add(file);
    this.program = ts.createProgram([...this.files], {
      noEmit: true,
      skipLibCheck: true,
      types: [],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
    });
  }

  private typeOf(declaration: { file: string; name: string }): ts.Type | null {
    if (!this.files.has(declaration.file) || !this.program) this.load([declaration.file]);
    const checker = this.program!.getTypeChecker();
    const source = this.program!.getSourceFile(declaration.file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const symbol =
      moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === declaration.name);
    return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : null;
  }

  private walk(value: Json, declared: ts.Type, path: string, problems: string[]): void {
    const checker = this.program!.getTypeChecker();
    const type = checker.getNonNullableType(declared);
    if (Array.isArray(value)) {
      if (!checker.isArrayType(type)) return;
      const element = checker.getTypeArguments(type as ts.TypeReference)[0];
      value.forEach((item, index) => this.walk(item, element, `${path}[${index}]`, problems));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // Unions (e.g. IntOrString) and open types (`{}`, `object`, `any`) are left to the schema.
    if (type.isUnion() || !(type.flags & ts.TypeFlags.Object)) return;
    const properties = checker.getPropertiesOfType(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (properties.length === 0 && !index) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const property = type.getProperty(key);
      if (property) this.walk(child, checker.getTypeOfSymbol(property), childPath, problems);
      else if (index) this.walk(child, index.type, childPath, problems);
      else
        problems.push(
          `${childPath}: unknown field${suggest(
            key,
            properties.map((p) => p.name),
          )}`,
        );
    }
  }
}

function suggest(name: string, candidates: string[]): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(
          row[j] + 1,
          row[j - 1] + 1,
          previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
        );
        previous = current;
      }
    }
    return row[b.length];
  };
  const best = candidates
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 4))
    ? ` (did you mean ${best.candidate}?)`
    : '';
}
