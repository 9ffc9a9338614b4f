import cliProgress from 'cli-progress';

/** A progress bar on a terminal; silent lines otherwise (CI logs stay readable). */
export function progressBar(unit: string) {
  return new cliProgress.SingleBar(
    { format: `{bar} {percentage}% | {value}/{total} ${unit} | {duration_formatted}`, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
}
