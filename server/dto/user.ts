import { z } from "zod";
import { id } from "./id.ts";
import { ROLES } from "../auth/roles.ts";

export const roleSchema = z.enum(ROLES);

export const userDto = z.object({ id: id, name: z.string(), roles: z.array(roleSchema) });
export type UserDto = z.infer<typeof userDto>;
