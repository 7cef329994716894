/* global process, Buffer */
// Validates the OpenAPI document read from standard input with @apidevtools/swagger-parser.
// A separate process, because the parser is an ES module that Jest's CommonJS runtime cannot load.
import SwaggerParser from '@apidevtools/swagger-parser';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  await SwaggerParser.validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  process.stdout.write('valid\n');
} catch (err) {
  process.stdout.write(`invalid: ${err.message}\n`);
  process.exit(1);
}
