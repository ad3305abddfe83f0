"use client";

import type { PlanOrder } from "~/lib/plan/types";
import type { ProfileChoice } from "../url-state/diff-url";
import { Field } from "../ui/field";

interface Props {
  order: PlanOrder;
  profile: ProfileChoice;
  onChange: (next: { order: PlanOrder; profile: ProfileChoice }) => void;
}

const ORDER_LABEL: Readonly<Record<PlanOrder, string>> = {
  safe: "safe (removals first, then additions)",
  phased: "phased, as in January 2025 (disks → datasets → zones)",
};

const PROFILE_LABEL: Readonly<Record<ProfileChoice, string>> = {
  rack: "each sled's registered profile",
  split: "split: PUT /omicron-physical-disks, /datasets, /omicron-zones (January 2025)",
  reconciler: "reconciler: PUT /omicron-config",
};

/** The two questions a plan answers differently: which API each sled speaks, and which order. */
export function PlanControls({ order, profile, onChange }: Props) {
  return (
    <div className="plan-controls">
      <fieldset className="check-group">
        <legend>Order</legend>
        {(Object.keys(ORDER_LABEL) as PlanOrder[]).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="plan-order"
              checked={order === o}
              onChange={() => onChange({ order: o, profile })}
            />{" "}
            {ORDER_LABEL[o]}
          </label>
        ))}
      </fieldset>
      <Field label={"Sled-agent API profile"}>
        {(id) => (
          <select
            id={id}
            value={profile}
            onChange={(e) => onChange({ order, profile: e.target.value as ProfileChoice })}
          >
            {(Object.keys(PROFILE_LABEL) as ProfileChoice[]).map((p) => (
              <option key={p} value={p}>
                {PROFILE_LABEL[p]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted plan-why">
        Why two orders: in January 2025 omicron&apos;s executor always sent{" "}
        <code>PUT /datasets</code> before <code>PUT /omicron-zones</code> (
        <a href="https://github.com/oxidecomputer/omicron/issues/7309">omicron #7309</a>). That is
        right for additions and wrong for removals: a dataset cannot be destroyed while its zone
        still runs. The safe order removes zones first, then their datasets.
      </p>
    </div>
  );
}
