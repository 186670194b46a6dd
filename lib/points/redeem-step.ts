import { minorUnitDigits } from "@/lib/money";

/**
 * The fewest points a redemption may take, and every redemption a multiple of it: only whole
 * minor units of coupon value are given, so the points must convert exactly (at 3 points a yuan,
 * 3 points make no whole fen; 300 make one yuan). With the default 100 points a yuan, 1 point.
 */
export function redeemStep(redeemRate: number, currency: string): number {
  const unit = 10 ** minorUnitDigits(currency);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return redeemRate / gcd(redeemRate, unit);
}
