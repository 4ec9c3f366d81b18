// The check behind "not yet sent" at sign-out: does this device's copy of a synthesis hold
// anything the server's copy lacks?
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { holdsUnsent } from "../../client/src/synthesis/unsentCopies.js";

const write = (doc: Y.Doc, text: string) => doc.getText("t").insert(doc.getText("t").length, text);
const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);

/** A server copy and a device copy that share everything written so far. */
function inStep(): { server: Y.Doc; device: Y.Doc } {
  const server = new Y.Doc({ gc: false });
  write(server, "Les problèmes sont globaux. ");
  const device = new Y.Doc();
  Y.applyUpdate(device, state(server));
  return { server, device };
}

describe("a device copy of the synthesis", () => {
  it("holds nothing unsent when the server has all of it", () => {
    const { server, device } = inStep();
    expect(holdsUnsent(state(server), state(device))).toBe(false);
  });

  it("holds nothing unsent when the server has more (others wrote since)", () => {
    const { server, device } = inStep();
    write(server, "Les réponses sont locales.");
    expect(holdsUnsent(state(server), state(device))).toBe(false);
  });

  it("holds unsent text written on the device only", () => {
    const { server, device } = inStep();
    write(device, "Écrit hors ligne.");
    expect(holdsUnsent(state(server), state(device))).toBe(true);
  });

  it("holds an unsent deletion, which adds nothing to the text", () => {
    const { server, device } = inStep();
    device.getText("t").delete(0, 4);
    expect(holdsUnsent(state(server), state(device))).toBe(true);
  });

  it("holds nothing unsent once the server received the device's changes", () => {
    const { server, device } = inStep();
    write(device, "Écrit hors ligne.");
    device.getText("t").delete(0, 4);
    Y.applyUpdate(server, state(device));
    expect(holdsUnsent(state(server), state(device))).toBe(false);
  });

  it("counts everything as unsent against an empty server copy, and nothing for an empty device copy", () => {
    const { server, device } = inStep();
    expect(holdsUnsent(state(new Y.Doc()), state(device))).toBe(true);
    expect(holdsUnsent(state(server), state(new Y.Doc()))).toBe(false);
  });
});
