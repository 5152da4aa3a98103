/** LLM watermarking: schemes embedded while sampling from our language models, detected from text alone with a p-value. */
package org.tailguard.watermark;
