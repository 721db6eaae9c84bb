/**
 * The transport as the engine's jobs see it: every transfer, lone or grouped, holds a flow of
 * its destination's bandwidth budget from just before its first byte to its end, so the global
 * limit is shared among the lanes with uploads running (bandwidth-budget.ts). Everything else
 * passes through unchanged.
 */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { BandwidthBudget } from "./bandwidth-budget.js";
import type { GroupTransport, Transport } from "./transport.js";

export function budgeted(transport: Transport, budget: BandwidthBudget): Transport {
  const group = transport.group === undefined ? undefined : budgetedGroup(transport.group, budget);
  const transfer: Transport["transfer"] = async (request, options) => {
    const flow = await budget.begin(request.destination);
    try {
      // Stopped while the budget was being shared out: never start it.
      if (options.signal.aborted) {
        throw new SyncError("TRANSFER_INTERRUPTED", say("stored.transferNotBegun"));
      }
      return await transport.transfer({ ...request, bandwidth: flow }, options);
    } finally {
      flow.release();
    }
  };
  return new Proxy(transport, {
    get(target, key) {
      if (key === "transfer") return transfer;
      if (key === "group") return group;
      const value: unknown = Reflect.get(target, key);
      // Methods run on the real transport (its private fields are not the proxy's).
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function budgetedGroup(group: GroupTransport, budget: BandwidthBudget): GroupTransport {
  const transferGroup: GroupTransport["transferGroup"] = async (request, options) => {
    const flow = await budget.begin(
      request.destination,
      Math.max(1, Math.min(request.transfers, request.names.length)),
    );
    try {
      if (options.signal.aborted) {
        const stopped = new SyncError("TRANSFER_INTERRUPTED", say("stored.transferNotBegun"));
        return { failed: new Map(), callError: stopped };
      }
      return await group.transferGroup({ ...request, bandwidth: flow }, options);
    } finally {
      flow.release();
    }
  };
  return new Proxy(group, {
    get(target, key) {
      if (key === "transferGroup") return transferGroup;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
