/**
 * Text collapse indicators: pure functions of a tokenised corpus ({@link org.tailguard.text.token.Sentences},
 * or {@link org.tailguard.text.indicators.Documents} for document-level measures), for any corpus, generated
 * or not.
 *
 * <ul>
 *   <li>{@link org.tailguard.text.indicators.Lexical}: distinct-n (both denominators), unique-n at a fixed
 *       sample (Guo et al.), TTR and MATTR, n-gram entropy in nats, the n-gram diversity score;</li>
 *   <li>{@link org.tailguard.text.indicators.Compression}: gzip and zstd compression ratios;</li>
 *   <li>{@link org.tailguard.text.indicators.Duplicates}, {@link org.tailguard.text.indicators.SelfBleu},
 *       {@link org.tailguard.text.indicators.SelfRepetition},
 *       {@link org.tailguard.text.indicators.Homogenization}: uniqueness and homogenization;</li>
 *   <li>{@link org.tailguard.text.indicators.Coverage}, {@link org.tailguard.text.indicators.RankFrequency},
 *       {@link org.tailguard.text.indicators.TimeToLoss}: the tail, against held-out real text and over
 *       generations.</li>
 * </ul>
 * Randomised variants take a {@code UniformRandomProvider} and return an
 * {@link org.tailguard.text.indicators.Estimate} or state their sample; the same seed gives the same value.
 * {@link org.tailguard.text.indicators.SelfBleuBenchmark} races Self-BLEU against NLTK.
 */
package org.tailguard.text.indicators;
