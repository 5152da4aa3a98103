/** The executor SPI and the embedded, multi-threaded, resumable executor that runs curation stages over shards. */
package org.tailguard.exec;
