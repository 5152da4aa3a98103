/**
 * Human text in, as documents: the bundled corpora ({@link org.tailguard.text.corpus.BundledCorpus}: State of
 * the Union, Brown, Moby-Dick, with their manifest), their named splits ({@link org.tailguard.text.corpus.Split},
 * such as {@code sotu:train}), and a streaming, memory-bounded reader of the user's plain-text and JSONL files
 * ({@link org.tailguard.text.corpus.DocumentReader}) that fails on bad input or skips and counts it.
 */
package org.tailguard.text.corpus;
