package org.tailguard.bench;

/**
 * One check that Tailguard's and NumPy's loops did the same work: a statistic of the final generation on
 * both sides, its theoretical value where one is known exactly, and the test that judged them.
 *
 * @param statistic what is compared, such as {@code mean ln σ²}
 * @param tailguard Tailguard's value over chains; NaN if Tailguard did not record it
 * @param numpy NumPy's value over chains; NaN without the peer
 * @param theory the exact expected value, or NaN if none is used
 * @param test the test and its outcome, such as {@code |z| 0.4, 1.1 ≤ 4 vs theory}
 * @param pass whether the test passed; a check that could not be made passes and says so in {@code test}
 */
public record Agreement(String statistic, double tailguard, double numpy, double theory, String test, boolean pass) {}
