// Display formatting: British English, numbers with separators, dates as "3 Mar 2025".

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function fmtNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (digits === 1) return number.format(value);
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(value);
}

export function fmtInt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return integer.format(value);
}

/** Minutes, with hours when they help: "1,250 min (20.8 h)". */
export function fmtMinutes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (Math.abs(value) < 120) return `${fmtNumber(value)} min`;
  return `${fmtInt(value)} min (${fmtNumber(value / 60)} h)`;
}

export function fmtPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return `${fmtNumber(value, digits)}%`;
}

/** 'YYYY-MM-DD' → '3 Mar 2025' without time-zone drift. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '–';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** 'YYYY-MM' → 'March 2025'. */
export function fmtMonth(value: string | null | undefined): string {
  if (!value) return '–';
  const [y, m] = value.split('-').map(Number);
  if (!y || !m) return value;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** 'countermeasure_planned' → 'Countermeasure planned'. */
export function humanise(value: string | null | undefined): string {
  if (!value) return '–';
  const special: Record<string, string> = {
    rpiw: 'RPIW',
    pdsa: 'PDSA',
    kpo_lead: 'KPO lead',
    trust_ceo: 'Trust CEO',
  };
  if (special[value]) return special[value];
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "updated 3 s ago", "updated 4 min ago". */
export function fmtAge(asOf: string | null | undefined, now: number): string {
  if (!asOf) return 'not yet updated';
  const seconds = Math.max(0, Math.round((now - new Date(asOf).getTime()) / 1000));
  if (seconds < 90) return `updated ${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `updated ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `updated ${hours} h ago`;
  return `updated ${fmtDateTime(asOf)}`;
}

/** Today in the browser's calendar, 'YYYY-MM-DD'. */
export function todayIso(): string {
  const now = new Date();
  return isoDate(now);
}

export function isoDate(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDate(new Date(y, m - 1, d + days));
}

export function currentMonth(): string {
  return todayIso().slice(0, 7);
}
