package org.tailguard.watermark;

/**
 * How KGW turns the h tokens before a position into the seed of its green list (Kirchenbauer et al. 2023;
 * the PRF schemes of their repository, {@code alternative_prf_schemes.py}), each over Tailguard's SHA-256
 * {@link Prf}. Contexts shorter than h at the start of a text are padded on the left with {@code <s>}.
 */
public enum ContextHash {
  /**
   * seed = seed(K, 'K', c_{t−h} … c_{t−1}): the ordered h-gram, hashed whole. Every change inside the
   * context changes the green list, which is the most brute-force resistant choice and the least robust to
   * edits; at h = 1 it is the paper's original "lefthash" scheme.
   */
  ORDERED("ordered"),
  /**
   * seed = min_i seed(K, 'M', c_i) over the h context tokens (unsigned): the repository's
   * {@code minhash_prf}. Order-free and robust to edits that do not touch the minimising token.
   */
  MIN_HASH("minhash"),
  /**
   * Self-hashing (the repository's "selfhash", {@code anchored_minhash_prf} with {@code self_salt}): the
   * window is the h − 1 previous tokens and the candidate v itself, seed = min over window tokens a of
   * PRF(K, 'S', a, v), anchored to v as the repository anchors its min-hash to the last token; v is green
   * if PRF(seed, v) is. A token is thus green under a context that includes itself. The repository embeds it
   * by checking the 40 most probable candidates greedily; Tailguard's rejection sampler tests each candidate
   * as it is drawn, so any token can be green and the biased law p(v)e^{δ[v green]} is sampled exactly.
   */
  SELF_HASH("selfhash");

  private final String spec;

  ContextHash(String spec) {
    this.spec = spec;
  }

  /** The name in specs and reports. */
  public String spec() {
    return spec;
  }
}
