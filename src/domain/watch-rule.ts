/** A watched folder, resolved from the config: where, which files, to which destinations, and where they land. */
import type { PathTemplate } from "./path-template.js";
import type { WatchFilter } from "./watch-filter.js";

export interface WatchRule {
  /** `watch[i]` in the config, for messages. */
  readonly key: string;
  /** Absolute path of the watched folder. */
  readonly root: string;
  readonly recursive: boolean;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly filter: WatchFilter;
  readonly destinations: readonly string[];
  readonly subpath: PathTemplate;
  readonly fileName: PathTemplate;
  /** Priority of the rule's jobs; higher goes first. */
  readonly priority: number;
  readonly stabilityMs: number;
  readonly batchQuietMs: number;
  /** The embedded default creates its folder; a configured folder that is missing is waited for. */
  readonly createIfMissing: boolean;
}
