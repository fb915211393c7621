const FACES = ['😞', '🙁', '😐', '🙂', '😄'] as const;

/** A rating as the customer saw it: a face on the emoji scale, "4/5" on the numeric one. */
export function ratingLabel(rating: number, scale: 'numeric' | 'emoji'): string {
  return scale === 'emoji' ? `${FACES[rating - 1] ?? '?'} (${rating}/5)` : `${rating}/5`;
}
