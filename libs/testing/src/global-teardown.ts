/** Each test file cleans what it created; nothing is shared across files to tear down. */
export default async function globalTeardown(): Promise<void> {}
