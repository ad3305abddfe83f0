"use client";

import {
  Combobox,
  ComboboxButton,
  ComboboxInput,
  ComboboxOption,
  ComboboxOptions,
} from "@headlessui/react";
import { SelectArrows6Icon } from "@oxide/design-system/icons/react";
import { useState } from "react";

interface User {
  id: string;
  name: string;
}

const OPTION =
  "text-sans-md data-focus:bg-hover data-selected:text-accent cursor-default rounded-md px-2 py-1";

/**
 * The console's users by name, with "anyone" for no filter: a Headless UI combobox, so a
 * long list of users filters as you type.
 */
export function UserSelect({
  users,
  value,
  onChange,
}: {
  users: readonly User[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const [query, setQuery] = useState("");
  const selected = users.find((u) => u.id === value) ?? null;
  const q = query.trim().toLowerCase();
  const shown = q ? users.filter((u) => u.name.toLowerCase().includes(q)) : users;
  return (
    <Combobox
      value={selected}
      by="id"
      onChange={(u: User | null) => onChange(u?.id)}
      onClose={() => setQuery("")}
    >
      <div className="relative inline-flex items-center">
        <ComboboxInput
          className="w-44 pr-7"
          displayValue={(u: User | null) => u?.name ?? ""}
          placeholder="anyone"
          onChange={(e) => setQuery(e.target.value)}
        />
        <ComboboxButton
          aria-label="Show users"
          className="text-secondary absolute right-1 border-0 bg-transparent px-1 py-0 hover:bg-transparent"
        >
          <SelectArrows6Icon aria-hidden />
        </ComboboxButton>
      </div>
      <ComboboxOptions
        anchor="bottom start"
        className="bg-raise border-secondary shadow-menu z-30 mt-1 w-(--input-width) rounded-lg border p-1 empty:invisible"
      >
        <ComboboxOption value={null} className={OPTION}>
          anyone
        </ComboboxOption>
        {shown.map((u) => (
          <ComboboxOption key={u.id} value={u} className={OPTION}>
            {u.name}
          </ComboboxOption>
        ))}
      </ComboboxOptions>
    </Combobox>
  );
}
