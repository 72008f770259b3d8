/**
 * Lead search (POST /v1/api/leads/list) over the stored leads: every given
 * filter must match, as documented — names, emails and phones by prefix, the
 * phone list exactly, dates in YYYY-MM-DD ranges — then sorted and paged.
 */
import type { z } from 'zod';
import { LEAD_SORTS, type LeadSearchRequest, type LeadSearchResponse } from '../schemas.ts';
import type { StoredLead } from './store.ts';
import { dateOf, leadView } from './views.ts';

type Query = z.output<typeof LeadSearchRequest>;
type Range = { from: string; to: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks what the schema cannot: date spellings and the sold period. Returns a detail when wrong. */
export function searchProblem(query: Query, today: string): string | undefined {
  for (const field of ['startDate', 'endDate', 'lastActivityEarliestDate', 'lastActivityLatestDate'] as const) {
    const value = query[field];
    if (value !== undefined && !ISO_DATE.test(value)) return `${field} must be a date like 2019-01-01`;
  }
  if (query.soldPeriod !== undefined && !soldRange(query.soldPeriod, today)) return 'soldPeriod is not a known period';
  return undefined;
}

export function searchLeads(leads: StoredLead[], query: Query, today: string): LeadSearchResponse {
  const matches = leads.filter((lead) => matchesAll(lead, query, today));
  const sorted = sortLeads(matches, query);
  const page = query.page ?? 0;
  const pageSize = query.pageSize ?? 20;
  return {
    totalCount: matches.length,
    page,
    pageSize,
    leads: sorted.slice(page * pageSize, (page + 1) * pageSize).map(leadView),
    quoteAmount: matches.reduce((sum, lead) => sum + lead.quotes.reduce((s, q) => s + q.premium, 0), 0),
  };
}

function matchesAll(lead: StoredLead, q: Query, today: string): boolean {
  const created = dateOf(lead.createdAt);
  const active = dateOf(lead.lastActivityAt);
  const checks: Array<boolean | undefined> = [
    q.id === undefined || lead.id === q.id,
    q.assignedTo === undefined || lead.assignTo === q.assignedTo,
    q.creator === undefined || lead.creator === q.creator,
    q.status === undefined || lead.status === q.status,
    q.leadSourceId === undefined || lead.leadSourceId === q.leadSourceId,
    q.location === undefined || lead.agencyNumber === q.location,
    q.workflowId === undefined || lead.pipelineId === q.workflowId,
    q.workflowStageId === undefined ||
      q.workflowStageId
        .split('/')
        .map((s) => s.trim())
        .includes(String(lead.stageId)),
    q.customerName === undefined || nameMatches(lead, q.customerName),
    q.customerEmail === undefined || [lead.email, lead.secondaryEmail].some((e) => startsWith(e, q.customerEmail!)),
    q.customerPhone === undefined || [lead.phone, lead.secondaryPhone].some((p) => phoneStartsWith(p, q.customerPhone!)),
    q.customerPhoneList === undefined ||
      q.customerPhoneList.some((wanted) =>
        [lead.phone, lead.secondaryPhone].some((p) => p !== undefined && digits(p) === digits(String(wanted))),
      ),
    q.startDate === undefined || created >= q.startDate,
    q.endDate === undefined || created <= q.endDate,
    q.lastActivityEarliestDate === undefined || active >= q.lastActivityEarliestDate,
    q.lastActivityLatestDate === undefined || active <= q.lastActivityLatestDate,
    q.soldPeriod === undefined || soldIn(lead, soldRange(q.soldPeriod, today)),
  ];
  return checks.every(Boolean);
}

const startsWith = (value: string | undefined, prefix: string) => value?.toLowerCase().startsWith(prefix.trim().toLowerCase()) ?? false;
const digits = (value: string) => value.replace(/\D/g, '');

function nameMatches(lead: StoredLead, prefix: string): boolean {
  const full = [lead.firstname, lead.lastname].filter(Boolean).join(' ');
  return [lead.firstname, lead.lastname, full].some((name) => startsWith(name, prefix));
}

/** "(555) 123" finds "(555) 123-0000": punctuation aside, digits are what a phone prefix means. */
function phoneStartsWith(phone: string | undefined, prefix: string): boolean {
  if (phone === undefined) return false;
  const wanted = digits(prefix);
  return wanted === '' ? startsWith(phone, prefix) : digits(phone).startsWith(wanted);
}

function soldIn(lead: StoredLead, range: Range | undefined): boolean {
  const sold = lead.soldDate === undefined ? undefined : isoDateOf(lead.soldDate);
  return range !== undefined && sold !== undefined && sold >= range.from && sold <= range.to;
}

/** The sold date as the seed spells dates, either 2019-01-01 or 01/01/2019. */
function isoDateOf(value: string): string | undefined {
  if (ISO_DATE.test(value)) return value;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : undefined;
}

/**
 * The documented periods. The enum lists today, yesterday, mtd, lastmonth,
 * ytd and lastyear; the description adds thisweek, lastweek, qtd and a custom
 * "YYYY-MM-DD|YYYY-MM-DD": all are accepted. Weeks start on Sunday.
 */
function soldRange(period: string, today: string): Range | undefined {
  const custom = /^(\d{4}-\d{2}-\d{2})\|(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (custom) return { from: custom[1]!, to: custom[2]! };
  const d = new Date(`${today}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const iso = (year: number, month: number, day: number) => dateOf(new Date(Date.UTC(year, month, day)));
  const weekStart = d.getUTCDate() - d.getUTCDay();
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: iso(y, m, d.getUTCDate() - 1), to: iso(y, m, d.getUTCDate() - 1) };
    case 'thisweek':
      return { from: iso(y, m, weekStart), to: today };
    case 'lastweek':
      return { from: iso(y, m, weekStart - 7), to: iso(y, m, weekStart - 1) };
    case 'mtd':
      return { from: iso(y, m, 1), to: today };
    case 'lastmonth':
      return { from: iso(y, m - 1, 1), to: iso(y, m, 0) };
    case 'qtd':
      return { from: iso(y, m - (m % 3), 1), to: today };
    case 'ytd':
      return { from: iso(y, 0, 1), to: today };
    case 'lastyear':
      return { from: iso(y - 1, 0, 1), to: iso(y - 1, 11, 31) };
    default:
      return undefined;
  }
}

/** "Field name used for sorting, not in enum, or empty, default value is lastEnterStageDate". Ties go by id. */
function sortLeads(leads: StoredLead[], q: Query): StoredLead[] {
  const sort = (LEAD_SORTS as readonly string[]).includes(q.sort ?? '') ? q.sort : 'lastEnterStageDate';
  const key = (lead: StoredLead): string | number => {
    if (sort === 'firstname') return lead.firstname.toLowerCase();
    if (sort === 'lastname') return (lead.lastname ?? '').toLowerCase();
    if (sort === 'lastActivityDate') return lead.lastActivityAt.getTime();
    return lead.enterStageAt.getTime();
  };
  // The seed gives no default order; newest first is what a CRM list shows.
  const direction = (q.order ?? 'desc') === 'asc' ? 1 : -1;
  return [...leads].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * direction;
  });
}
