/**
 * Benchmark entry for identity resolution (see `identity.ts`): comparisons per second, and
 * 50,000 and 1,000,000 generated profiles blocked, trained and scored.
 * IRL_BENCH_IDENTITY_MAX limits the largest size.
 */
import { benchIdentity } from "./identity.js";

process.stdout.write(`${(await benchIdentity()).join("\n")}\n`);
