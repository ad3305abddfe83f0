"use client";

import type { Blueprint } from "~/lib/blueprint/model";
import { shortId } from "~/lib/blueprint/zones";
import { addableZoneTypes, type Choice, type SledChoices } from "./edit-choices";
import { EDIT_KINDS, type EditDraft } from "./edit-draft";
import { Field } from "../ui/field";

interface Props {
  parent: Blueprint;
  sleds: SledChoices[];
  draft: EditDraft;
  onChange: (draft: EditDraft) => void;
}

function Select({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: Choice[];
  onChange: (v: string) => void;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{choices.length === 0 ? "none available" : "choose…"}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The fields one kind of edit needs, each offering only valid choices. */
export function EditFields({ parent, sleds, draft, onChange }: Props) {
  const sled = sleds.find((s) => s.sledId === draft.sledId);
  const set = (patch: Partial<EditDraft>) => onChange({ ...draft, ...patch });
  const sledChoices = sleds.map((s) => ({
    id: s.sledId,
    label: `sled ${shortId(s.sledId)} (${s.sledId})`,
  }));
  return (
    <div className="edit-fields">
      <Field label={"Kind of edit"}>
        {(id) => (
          <select
            id={id}
            value={draft.kind}
            onChange={(e) =>
              set({ kind: e.target.value as EditDraft["kind"], itemId: "", zoneType: "", pool: "" })
            }
          >
            {EDIT_KINDS.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Select
        label="Sled"
        value={draft.sledId}
        choices={sledChoices}
        onChange={(sledId) => set({ sledId, itemId: "", pool: "", zoneType: "" })}
      />
      {sled && draft.kind === "expunge-zone" && (
        <Select
          label="Zone"
          value={draft.itemId}
          choices={sled.zones}
          onChange={(itemId) => set({ itemId })}
        />
      )}
      {sled && draft.kind === "expunge-disk" && (
        <Select
          label="Disk"
          value={draft.itemId}
          choices={sled.disks}
          onChange={(itemId) => set({ itemId })}
        />
      )}
      {sled && draft.kind === "add-zone" && (
        <>
          <Select
            label="Pool"
            value={draft.pool}
            choices={sled.pools}
            onChange={(pool) => set({ pool, zoneType: "" })}
          />
          {draft.pool && (
            <Select
              label="Zone type"
              value={draft.zoneType}
              choices={addableZoneTypes(parent, sled.sledId, draft.pool).map((t) => ({
                id: t,
                label: t,
              }))}
              onChange={(zoneType) => set({ zoneType })}
            />
          )}
        </>
      )}
      {sled && draft.kind === "set-dataset-quota" && (
        <>
          <Select
            label="Dataset"
            value={draft.itemId}
            choices={sled.datasets}
            onChange={(itemId) => set({ itemId })}
          />
          <Field label={"New quota in GiB (empty: no quota)"}>
            {(id) => (
              <input
                id={id}
                inputMode="decimal"
                value={draft.quotaGiB}
                onChange={(e) => set({ quotaGiB: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </div>
  );
}
