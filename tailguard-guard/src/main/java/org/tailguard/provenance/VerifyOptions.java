package org.tailguard.provenance;

/**
 * What {@link Ledger#verify} checks against besides the ledger itself: a public key the user trusts (kept
 * apart from the ledger; without it, signatures are checked with the key the ledger's own genesis entry
 * names, which an attacker who rewrites the whole file could replace), a {@link Head} recorded earlier (to
 * detect batches deleted from the end), and how many problem lines to list at most.
 */
public record VerifyOptions(LedgerKeys trustedKey, Head trustedHead, int maxProblems) {
  /** Only the ledger's own key; at most 100 problem lines. */
  public static final VerifyOptions DEFAULT = new VerifyOptions(null, null, 100);

  public VerifyOptions {
    if (maxProblems < 1) {
      throw new IllegalArgumentException("maxProblems must be at least 1");
    }
    trustedKey = trustedKey == null ? null : trustedKey.publicOnly();
  }

  public VerifyOptions withTrustedKey(LedgerKeys key) {
    return new VerifyOptions(key, trustedHead, maxProblems);
  }

  public VerifyOptions withTrustedHead(Head head) {
    return new VerifyOptions(trustedKey, head, maxProblems);
  }
}
