import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { channelIdentity, emailIdentity, type Identity, phoneIdentity } from '../db/identities.js';
import type { Db } from '../db/schema.js';
import type { InboundMessage } from './inbound.js';

/** Thrown when another transaction created the same person at the same moment; the caller retries. */
export class ContactRace extends Error {}

export interface Sender {
  workspaceId: string;
  channelId: string;
  from: InboundMessage['from'];
}

/** The identities a sender brings, the most specific first. */
export function senderIdentities(channelId: string, from: InboundMessage['from']): Identity[] {
  const ids = [channelIdentity(channelId, from.id)];
  if (from.email) ids.push(emailIdentity(from.email));
  if (from.phone) ids.push(phoneIdentity(from.phone));
  return ids;
}

interface Known {
  workspaceId: string;
  kind: string;
  value: string;
  contactId: string;
  mergedIntoId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

const key = (workspaceId: string, i: Identity) => `${workspaceId}\0${i.kind}\0${i.value}`;

/**
 * Finds each sender's contact by any identity (the same e-mail or phone on any channel is the
 * same person) or creates one; senders of one batch who share an identity become one contact.
 * Identities and details not known yet are added. A few statements for the whole batch.
 */
export async function resolveContacts(trx: Db, senders: Sender[]): Promise<string[]> {
  const wanted = senders.map((s) => senderIdentities(s.channelId, s.from));
  const flat = senders.flatMap((s, i) => (wanted[i] ?? []).map((id) => ({ workspaceId: s.workspaceId, ...id })));
  const known: Known[] = await trx
    .selectFrom('contactIdentities as ci')
    .innerJoin('contacts as c', 'c.id', 'ci.contactId')
    .select(['ci.workspaceId', 'ci.kind', 'ci.value', 'ci.contactId', 'c.mergedIntoId', 'c.name', 'c.email', 'c.phone'])
    .where(
      sql<boolean>`(ci.workspace_id, ci.kind, ci.value) IN (SELECT * FROM unnest(${flat.map((f) => f.workspaceId)}::uuid[], ${flat.map((f) => f.kind)}::text[], ${flat.map((f) => f.value)}::text[]))`,
    )
    .execute();
  const byIdentity = new Map(known.map((k) => [key(k.workspaceId, k), k]));
  const survivors = await survivingContacts(trx, known.flatMap((k) => (k.mergedIntoId ? [k.mergedIntoId] : [])));

  // New people: senders that share any identity in this batch are the same person.
  const assigned = new Map<string, string>();
  const contactIds: string[] = [];
  const newContacts: { id: string; workspaceId: string; name: string | null; email: string | null; phone: string | null }[] = [];
  const fills = new Map<string, { name?: string; email?: string; phone?: string }>();
  const attach: { workspaceId: string; contactId: string; kind: string; value: string; channelId: string }[] = [];

  for (const [i, s] of senders.entries()) {
    const ids = wanted[i] ?? [];
    const hit = ids.map((id) => byIdentity.get(key(s.workspaceId, id))).find((k) => k !== undefined);
    let contactId = hit ? (hit.mergedIntoId ? (survivors.get(hit.mergedIntoId) ?? hit.mergedIntoId) : hit.contactId) : ids.map((id) => assigned.get(key(s.workspaceId, id))).find((c) => c !== undefined);
    if (!contactId) {
      contactId = randomUUID();
      newContacts.push({ id: contactId, workspaceId: s.workspaceId, name: s.from.name ?? null, email: s.from.email?.toLowerCase() ?? null, phone: s.from.phone ?? null });
    } else if (hit && !hit.mergedIntoId) {
      const fill = fills.get(contactId) ?? {};
      if (hit.name === null && s.from.name) fill.name = s.from.name;
      if (hit.email === null && s.from.email) fill.email = s.from.email.toLowerCase();
      if (hit.phone === null && s.from.phone) fill.phone = s.from.phone;
      if (Object.keys(fill).length > 0) fills.set(contactId, fill);
    }
    for (const id of ids) {
      const k = key(s.workspaceId, id);
      if (!byIdentity.has(k) && !assigned.has(k)) attach.push({ workspaceId: s.workspaceId, contactId, kind: id.kind, value: id.value, channelId: s.channelId });
      assigned.set(k, contactId);
    }
    contactIds.push(contactId);
  }

  if (newContacts.length > 0) {
    await trx.insertInto('contacts').values(newContacts.map((c) => ({ ...c, attributes: '{}' }))).execute();
  }
  if (attach.length > 0) {
    const inserted = await trx
      .insertInto('contactIdentities')
      .values(attach)
      .onConflict((oc) => oc.columns(['workspaceId', 'kind', 'value']).doNothing())
      .returning(['kind', 'value', 'workspaceId'])
      .execute();
    if (inserted.length < attach.length) {
      const fresh = new Set(newContacts.map((c) => c.id));
      const got = new Set(inserted.map((r) => key(r.workspaceId, r)));
      // A new person's identity taken meanwhile: someone else created them; start over.
      if (attach.some((a) => fresh.has(a.contactId) && !got.has(key(a.workspaceId, a)))) throw new ContactRace();
    }
  }
  for (const [id, fill] of fills) {
    await trx.updateTable('contacts').set({ ...fill, updatedAt: sql<Date>`now()` }).where('id', '=', id).execute();
  }
  return contactIds;
}

/**
 * Where merged contacts live on: a merge target may itself have been merged later, so each
 * chain is followed to its end (at most ten hops, in one statement for the whole batch).
 */
async function survivingContacts(trx: Db, mergedInto: string[]): Promise<Map<string, string>> {
  if (mergedInto.length === 0) return new Map();
  const rows = await sql<{ start: string; id: string }>`
    WITH RECURSIVE chain(start, id, next, hops) AS (
      SELECT c.id, c.id, c.merged_into_id, 0 FROM contacts c WHERE c.id = ANY(${[...new Set(mergedInto)]}::uuid[])
      UNION ALL
      SELECT chain.start, c.id, c.merged_into_id, chain.hops + 1 FROM chain JOIN contacts c ON c.id = chain.next WHERE chain.hops < 10
    )
    SELECT DISTINCT ON (start) start, id FROM chain ORDER BY start, hops DESC`.execute(trx);
  return new Map(rows.rows.map((r) => [r.start, r.id]));
}
