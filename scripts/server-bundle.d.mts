/** Types of scripts/server-bundle.mjs, for the tests that import it. */
export const SERVER_ENTRY: string;
export const SERVER_BUNDLE: string;
export function serverBundleFresh(repo: string, bundle?: string): boolean;
export function buildServerBundle(
  repo: string,
  outfile?: string,
): Promise<{ outfile: string; bytes: number }>;
export function serverCommand(repo: string, note?: (line: string) => void): Promise<string[]>;
