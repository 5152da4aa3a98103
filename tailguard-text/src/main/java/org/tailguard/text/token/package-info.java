/**
 * From documents to sentences of word ids: the word tokenizer on Lucene's UAX #29 analysis with sentence
 * boundaries ({@link org.tailguard.text.token.WordTokenizer}), the tokenised split
 * ({@link org.tailguard.text.token.TokenizedCorpus}), and the frozen {@link org.tailguard.text.token.Vocabulary}
 * and {@link org.tailguard.text.token.Sentences} that the language model and the indicators share.
 */
package org.tailguard.text.token;
