/** The append-only, hash-chained, signed provenance ledger: content addresses, claims, lineage, manifests. */
package org.tailguard.provenance;
