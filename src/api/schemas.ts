import { z } from 'zod';

// Shared request pieces. Bodies are strict: a field the endpoint does not declare
// (workspaceId, role, password …) is rejected instead of silently assigned.

export const IdParams = z.object({ id: z.uuid() }).strict();
export const Name = z.string().trim().min(1).max(200);
export const RoleSchema = z.enum(['admin', 'agent', 'viewer']);
export const Limit = z.coerce.number().int().min(1).max(200).default(50);

