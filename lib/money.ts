/** Money for people: "£598,488.66". Zero and missing both mean "not specified" on FTS. */

export interface Money {
  amount: number;
  currency: string;
}

/** A published amount, or undefined where FTS means "not specified" (0, missing, negative). */
export function specifiedMoney(amount: number | null | undefined, currency: string | null | undefined): Money | undefined {
  if (amount == null || !Number.isFinite(amount) || amount <= 0) return undefined;
  return { amount, currency: currency || 'GBP' };
}

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}|${whole}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: whole ? 0 : 2 });
    formats.set(key, format);
  }
  return format;
}

export function formatMoney(money: Money | undefined): string {
  if (!money) return 'not specified';
  try {
    return currencyFormat(money.currency, Number.isInteger(money.amount)).format(money.amount);
  } catch {
    // An unknown currency code: show it beside the number.
    return `${new Intl.NumberFormat('en-GB').format(money.amount)} ${money.currency}`;
  }
}
