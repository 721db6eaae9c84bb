/** Which claims may travel as groups: the chooser asks the transport what it already knows. */
import { describe, expect, it } from "vitest";
import { TransportChooser } from "../../src/engine/choose-transport.js";
import { setupEngine } from "../fixtures/engine.js";

describe("TransportChooser.groupsFor", () => {
  it("offers groups until the destination is known to connect anew for each folder", async () => {
    const { store, transport, groups, destinations } = await setupEngine({ groups: true });
    const destination = destinations[0];
    if (destination === undefined) throw new Error("no destination");
    const chooser = new TransportChooser(transport);
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true, connectsPerFolder: true };
    // Not read yet: a group finds out for itself when it reads them (run-group.ts).
    expect(chooser.groupsFor(destination)).toBe(groups);
    await transport.traits();
    expect(chooser.groupsFor(destination)).toBeUndefined();
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true };
    expect(chooser.groupsFor(destination)).toBe(groups);
    await store.close();
  });
});
