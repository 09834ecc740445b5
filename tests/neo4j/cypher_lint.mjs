// Lint Cypher with Neo4j's own front-end (@neo4j-cypher/language-support).
// Usage: node cypher_lint.mjs <folder holding node_modules>  < {"schema": {...}, "statements": [...]}
// Each statement is {name, text, parameters}; prints [{name, diagnostics: [{severity, message, offset}]}].
// Procedures and functions are Neo4j's own signatures, shipped with the package (testData.mockSchema).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.resolve(process.argv[2]) + path.sep);
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');
const input = JSON.parse(readFileSync(0, 'utf8'));
const known = { procedures: testData.mockSchema.procedures, functions: testData.mockSchema.functions };
const out = input.statements.map(({ name, text, parameters }) => {
  const { diagnostics } = lintCypherQuery(text, { ...input.schema, ...known, parameters });
  return { name, diagnostics: diagnostics.map(d => ({ severity: d.severity, message: d.message,
                                                      offset: d.offsets ? d.offsets.start : null })) };
});
process.stdout.write(JSON.stringify(out));
