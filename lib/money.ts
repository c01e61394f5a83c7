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

export function formatMoney(money: Money | undefined): string {
  if (!money) return 'not specified';
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: Number.isInteger(money.amount) ? 0 : 2,
    }).format(money.amount);
  } catch {
    // An unknown currency code: show it beside the number.
    return `${new Intl.NumberFormat('en-GB').format(money.amount)} ${money.currency}`;
  }
}
