// Small pure helpers of the printable pack: escaping and number formats that do not depend on the
// server's locale, so one pack renders the same everywhere.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and SVG element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** 1234567.891 → "1,234,567.9"; whole numbers without decimals; null → "—". */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  const [whole, fraction] = Math.abs(rounded)
    .toFixed(Number.isInteger(rounded) ? 0 : decimals)
    .split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A 0-1 share as a percentage, e.g. 0.1234 → "12.3%". */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value * 100)}%`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '2024-03' → 'March 2024'. */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** '2024-03-07' → '7 March 2024'. */
export function dateName(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthName(date.slice(0, 7))}`;
}

/** An ISO instant as '7 November 2026 at 09:00 UTC' (UTC, like every timestamp of the platform). */
export function instantName(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${dateName(text.slice(0, 10))} at ${text.slice(11, 16)} UTC`;
}
