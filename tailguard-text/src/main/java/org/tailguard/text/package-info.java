/**
 * Text in the lab: bundled human corpora ({@code corpus}), tokenisation ({@code token}), the Kneser–Ney
 * n-gram language model as a model family ({@code lm}), and the text collapse indicators ({@code indicators}).
 */
package org.tailguard.text;
