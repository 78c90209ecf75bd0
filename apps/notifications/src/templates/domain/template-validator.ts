import Handlebars from 'handlebars';
import { isList, isObject, VariableSpec } from './variable-spec';

export interface TemplateProblem {
  line: number;
  column: number | null;
  reason: string;
}

/** Block helpers a template may use; nothing else (no partials, no custom or inline helpers). */
export const ALLOWED_BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

interface Scope {
  spec: VariableSpec;
  /** `as |item index|` names bound by this block. */
  params: Map<string, VariableSpec | 'index'>;
  /** Inside {{#each}}: @index, @first, @last are defined. */
  inEach: boolean;
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

/**
 * Checks a template before it is stored: it must parse, use only the allowed block helpers,
 * only the variables of its spec (walking `each`/`with` scopes, `../`, `@root` and block
 * params), never print an object, and — in HTML — never output unescaped (`{{{…}}}`).
 * Returns every problem with its line, so a coordinator can fix them in one go.
 */
export function validateTemplate(
  source: string,
  root: VariableSpec,
  options: { html: boolean },
): TemplateProblem[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [parseProblem(error as Error & { lineNumber?: number; column?: number })];
  }
  const problems: TemplateProblem[] = [];
  const report = (node: Node, reason: string) =>
    problems.push({
      line: node.loc?.start.line ?? 1,
      column: node.loc ? node.loc.start.column + 1 : null,
      reason,
    });

  const resolve = (node: hbs.AST.PathExpression, scopes: Scope[]): VariableSpec | 'index' | null => {
    if (node.data) {
      const [head, ...rest] = node.parts;
      if (head === 'root') return walk(root, rest, node);
      if (['index', 'first', 'last'].includes(head) && rest.length === 0) {
        const inEach = scopes.slice(0, scopes.length - node.depth).some((s) => s.inEach);
        if (inEach) return head === 'index' ? 'index' : 'flag';
      }
      report(node, `variable inconnue '${node.original}'`);
      return null;
    }
    if (node.depth >= scopes.length) {
      report(node, `'${node.original}' remonte au-delà du niveau principal du modèle`);
      return null;
    }
    const visible = scopes.slice(0, scopes.length - node.depth);
    const scope = visible[visible.length - 1];
    const [head, ...rest] = node.parts;
    if (head === undefined) return scope.spec; // {{this}} or {{.}}
    if (node.depth === 0 && !node.original.startsWith('this') && !node.original.startsWith('.')) {
      // A bare name may be a block param of this or an enclosing block.
      for (let i = visible.length - 1; i >= 0; i--) {
        const bound = visible[i].params.get(head);
        if (bound !== undefined)
          return bound === 'index' ? (rest.length ? unknown(node) : 'index') : walk(bound, rest, node);
      }
    }
    return walk(scope.spec, node.parts, node);
  };

  const unknown = (node: hbs.AST.PathExpression): null => {
    report(node, `variable inconnue '${node.original}'`);
    return null;
  };

  const walk = (spec: VariableSpec, parts: string[], node: hbs.AST.PathExpression): VariableSpec | null => {
    let current = spec;
    for (const part of parts) {
      if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, part)) return unknown(node);
      current = current[part];
    }
    return current;
  };

  const expectValue = (node: hbs.AST.Expression, scopes: Scope[]) => {
    if (node.type !== 'PathExpression') return; // literals are harmless values
    const spec = resolve(node as hbs.AST.PathExpression, scopes);
    if (spec !== null && spec !== 'index' && (isObject(spec) || isList(spec))) {
      report(
        node,
        `'${(node as hbs.AST.PathExpression).original}' n'est pas une valeur : utilisez l'un de ses champs`,
      );
    }
  };

  const visitProgram = (body: hbs.AST.Program | undefined, scopes: Scope[]) => {
    for (const statement of body?.body ?? []) visitStatement(statement as Node, scopes);
  };

  const visitStatement = (node: Node, scopes: Scope[]) => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (mustache.path.type !== 'PathExpression')
          return report(node, 'seules des variables peuvent être affichées');
        if (mustache.params.length > 0 || mustache.hash) {
          return report(
            node,
            `le helper '${(mustache.path as hbs.AST.PathExpression).original}' n'est pas autorisé`,
          );
        }
        if (!mustache.escaped && options.html) {
          report(
            node,
            "la sortie non échappée {{{…}}} n'est pas autorisée : les variables sont toujours échappées en HTML",
          );
        }
        return expectValue(mustache.path, scopes);
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const name =
          block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (!(ALLOWED_BLOCK_HELPERS as readonly string[]).includes(name)) {
          report(
            node,
            `le bloc '${name}' n'est pas autorisé (autorisés : ${ALLOWED_BLOCK_HELPERS.join(', ')})`,
          );
          return;
        }
        if (block.params.length !== 1 || block.hash) {
          report(node, `{{#${name}}} attend exactement une variable`);
          return;
        }
        const param = block.params[0];
        if (param.type !== 'PathExpression') {
          report(node, `{{#${name}}} attend une variable, pas une valeur littérale`);
          return;
        }
        const spec = resolve(param as hbs.AST.PathExpression, scopes);
        const blockParams = block.program.blockParams ?? [];
        if (name === 'each') {
          if (spec !== null && (spec === 'index' || !isList(spec)))
            report(param as Node, `'${(param as hbs.AST.PathExpression).original}' n'est pas une liste`);
          const item: VariableSpec = spec !== null && spec !== 'index' && isList(spec) ? spec[0] : {};
          const params = new Map<string, VariableSpec | 'index'>();
          if (blockParams[0]) params.set(blockParams[0], item);
          if (blockParams[1]) params.set(blockParams[1], 'index');
          visitProgram(block.program, [...scopes, { spec: item, params, inEach: true }]);
        } else if (name === 'with') {
          if (spec !== null && spec !== 'index' && !isObject(spec))
            report(param as Node, `'${(param as hbs.AST.PathExpression).original}' n'a pas de champs`);
          const inner: VariableSpec = spec !== null && spec !== 'index' && isObject(spec) ? spec : {};
          const params = new Map<string, VariableSpec | 'index'>();
          if (blockParams[0]) params.set(blockParams[0], inner);
          visitProgram(block.program, [...scopes, { spec: inner, params, inEach: false }]);
        } else {
          visitProgram(block.program, scopes);
        }
        visitProgram(block.inverse, scopes);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return report(node, 'les partials ne sont pas autorisés');
      case 'DecoratorBlock':
      case 'Decorator':
        return report(node, 'les décorateurs ne sont pas autorisés');
      default:
        return report(node, `construction non prise en charge (${node.type})`);
    }
  };

  visitProgram(program, [{ spec: root, params: new Map(), inEach: false }]);
  return problems;
}

function parseProblem(error: Error & { lineNumber?: number; column?: number }): TemplateProblem {
  const fromMessage = /line (\d+)/.exec(error.message);
  const line = error.lineNumber ?? (fromMessage ? Number(fromMessage[1]) : 1);
  const firstLine = error.message.split('\n');
  const reason = /^Parse error/.test(error.message)
    ? `ne compile pas : ${firstLine[firstLine.length - 1]}`
    : `ne compile pas : ${error.message.replace(/ - \d+:\d+$/, '')}`;
  return { line, column: error.column !== undefined ? error.column + 1 : null, reason };
}
