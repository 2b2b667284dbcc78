/** `tel:+14255550100;ext=100` and `+1 (425) 555-0100` compare equal to `+14255550100`: digits and a leading +. */
export function phoneDigits(n: string): string {
  return n
    .replace(/^tel:/i, '')
    .replace(/;.*$/, '')
    .replace(/[^\d+]/g, '');
}
