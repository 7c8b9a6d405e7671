/** `irl sample DIR`: write the seeded sample world's export files, for trying irl and for benchmarks. */
import { Command } from "@commander-js/extra-typings";
import { writeSample } from "../../sample/index.js";
import { formatBytes, printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function sampleCommand() {
  return new Command("sample")
    .summary("write the bundled sample world's export files")
    .description(
      "Write the export files of irl's fictional sample world (a blogger and their circle) into\n" +
        "DIR. The same --seed always gives the same files, byte for byte; --people scales it.\n" +
        "Nothing in it is real: names, posts and comments are generated.",
    )
    .argument("<dir>", "folder to write into (created if missing)")
    .option("--people <n>", "how many people the world has", parsePositive, 200)
    .option("--seed <n>", "the random seed", parsePositive, 1)
    .option("--json", "print the manifest as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  irl sample ./sample\n  irl sample /tmp/big --people 100000",
    )
    .action(async (dir, options) => {
      const manifest = await writeSample(dir, { seed: options.seed, people: options.people });
      if (options.json) {
        printJson({ files: manifest.files });
        return;
      }
      for (const f of manifest.files) say(`${f.path}  ${f.format}  ${formatBytes(f.bytes)}`);
    });
}
