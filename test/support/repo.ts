import path from "node:path";

/** The repository root (tests run from dist/test/...). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");
