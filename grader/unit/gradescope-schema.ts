// The JSON schema of Gradescope's results.json, written from Gradescope's autograder specification
// (top level: score, execution_time, output, visibility, stdout_visibility, tests; per test: name,
// number, score, max_score, status, output, visibility, tags), restricted to the fields this kit
// writes. Shared by the format test and the autograder bundle's end-to-end test.
const VISIBILITY = { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] };
export const GRADESCOPE_SCHEMA = {
  type: 'object',
  required: ['tests'],
  additionalProperties: false,
  properties: {
    score: { type: 'number', minimum: 0 },
    execution_time: { type: 'number', minimum: 0 },
    output: { type: 'string' },
    visibility: VISIBILITY,
    stdout_visibility: VISIBILITY,
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'score', 'max_score'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          number: { type: 'string', pattern: '^[\\w.]+$' },
          score: { type: 'number', minimum: 0 },
          max_score: { type: 'number', minimum: 0 },
          status: { enum: ['passed', 'failed'] },
          output: { type: 'string' },
          visibility: VISIBILITY,
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
