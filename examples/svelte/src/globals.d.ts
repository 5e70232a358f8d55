// What the example page exposes to test/examples.test.ts.
interface Window { __received: string[]; __status?: string; __errors: string[] }
