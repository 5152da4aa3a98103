/** Documents and their attributes, and the curation stages: deduplication, quality and synthetic filters, mixing. */
package org.tailguard.curate;
