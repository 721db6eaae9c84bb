/** `integrate`'s choices are written out in the CLI (so it starts without the integrations' code): the same list. */
import { expect, it } from "vitest";
import { INTEGRATION_TARGETS } from "../../src/app/integrations/integrate.js";
import { TARGETS } from "../../src/cli/commands/integrate.js";

it("offers every integration target and no other", () => {
  expect([...TARGETS]).toEqual([...INTEGRATION_TARGETS]);
});
