package org.tailguard.text.corpus;

/**
 * What a reader does with a bad line or file: stop with a one-line error naming the file and line, or skip
 * it and count it by reason in a {@link SkipReport}.
 *
 * <p>The choice follows datatrove's rule that a dropped document is data: a skip is never silent, it is
 * counted by {@link BadInput} reason and the first place of each reason is kept.
 */
public enum OnBadInput {
  /** Throw a {@link org.tailguard.spec.SpecException} at the first bad input. */
  FAIL,
  /** Skip bad input and count it in the reader's {@link SkipReport}. */
  SKIP
}
