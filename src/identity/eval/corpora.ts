/**
 * Where the labelled record-linkage corpora live: `$IRL_CORPORA`, or `../shared/corpora`
 * beside the repository. They are never copied into the repository.
 *
 * @example
 * defaultFiles()[0]; // "/work/shared/corpora/record-linkage/febrl/dataset1.csv"
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function corporaDir(): string {
  return process.env.IRL_CORPORA ?? path.resolve(repoRoot, "..", "shared", "corpora");
}

/** Febrl datasets 1–3 and Splink's fake_1000, the evaluation's default files. */
export function defaultFiles(): string[] {
  const rl = path.join(corporaDir(), "record-linkage");
  return [
    path.join(rl, "febrl", "dataset1.csv"),
    path.join(rl, "febrl", "dataset2.csv"),
    path.join(rl, "febrl", "dataset3.csv"),
    path.join(rl, "splink", "fake_1000.csv"),
  ];
}
