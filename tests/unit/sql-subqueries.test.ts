import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * The trap of issue #11: in Drizzle 0.45 a `${table.column}` inside a raw `sql` template is
 * rendered without its table name when the outer select reads one table, so a correlated
 * subquery such as `(select count(*) from enrollments where ${enrollments.cohortId} = ${cohorts.id})`
 * becomes `cohort_id = id`, which SQLite resolves inside the subquery (enrollments.id). Subqueries
 * are therefore built with the query builder (`db.select()…`, `db.$count()`, `exists()`), whose
 * WHERE always names the table; this scan refuses a schema column inside a `sql` template that
 * holds a SELECT.
 */

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Names that stand for tables: imported from db/schema, or made with `alias(table, '…')`. */
function tableNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /db\/schema/.test(node.moduleSpecifier.text)) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.add(el.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    }
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isCallExpression(node.initializer) &&
      ts.isIdentifier(node.initializer.expression) &&
      node.initializer.expression.text === 'alias'
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function rootOf(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isPropertyAccessExpression(node)) node = node.expression;
  return node;
}

/** Each `sql` template in the file that holds a SELECT and a table's column, as `file:line`. */
export function columnsInRawSubqueries(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const tables = tableNames(source);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      const template = node.template;
      if (ts.isTemplateExpression(template)) {
        const literal = [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join(' ');
        const columns = template.templateSpans.filter((s) => {
          const root = rootOf(s.expression);
          return ts.isPropertyAccessExpression(s.expression) && ts.isIdentifier(root) && tables.has(root.text);
        });
        if (/\bselect\b/i.test(literal) && columns.length > 0) {
          found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('correlated subqueries', () => {
  test('no raw sql template in the domain or scripts puts a table’s column inside a SELECT', () => {
    const offenders = [...files('src/lib/server'), ...files('scripts')].flatMap((f) => columnsInRawSubqueries(f, readFileSync(f, 'utf8')));
    expect(offenders, 'build the subquery with db.select()/db.$count()/exists() instead').toEqual([]);
  });

  test('the scan catches the count that showed “Inscritos 1” for every cohort, and passes its rewrite', () => {
    const imports = `import { and, eq, sql } from 'drizzle-orm';\nimport { cohorts, enrollments } from '../../../../db/schema/index.ts';\n`;
    const before = `${imports}const activeCount = sql<number>\`(select count(*) from \${enrollments} where \${enrollments.cohortId} = \${cohorts.id} and \${enrollments.status} = 'active')\`;`;
    const after = `${imports}const activeCount = db.$count(enrollments, and(eq(enrollments.cohortId, cohorts.id), eq(enrollments.status, 'active')));`;
    expect(columnsInRawSubqueries('cohorts.ts', before)).toEqual(['cohorts.ts:3']);
    expect(columnsInRawSubqueries('cohorts.ts', after)).toEqual([]);
  });

  test('the scan also sees aliased tables and EXISTS, and leaves plain expressions alone', () => {
    const imports = `import { sql } from 'drizzle-orm';\nimport { alias } from 'drizzle-orm/sqlite-core';\nimport * as schema from '../db/schema/index.ts';\nconst e = alias(schema.enrollments, 'e');\n`;
    expect(columnsInRawSubqueries('a.ts', `${imports}sql\`exists(select 1 from \${e} where \${e.userId} = 1)\`;`)).toEqual(['a.ts:5']);
    expect(columnsInRawSubqueries('b.ts', `${imports}sql\`(SELECT 1 FROM x WHERE y = \${schema.users.id})\`;`)).toEqual(['b.ts:5']);
    expect(columnsInRawSubqueries('c.ts', `${imports}sql\`coalesce(sum(\${e.id}), 0)\`;`)).toEqual([]);
    expect(columnsInRawSubqueries('d.ts', `${imports}const l = { id: 1 };\nsql\`select 1 where id = \${l.id}\`;`)).toEqual([]);
  });
});
