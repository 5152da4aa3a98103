"""An independent reading of a Tailguard ledger (format 1), in Python's standard library only.

Checks what the Java verifier checks about bytes and hashes, from the documented format alone: each entry's
bytes are compact sorted-key JSON, hash to the stored hash, and chain by "prev"; each batch's RFC 6962 Merkle
root and manifest chain match. Prints one line per batch and "OK"; exits 1 on the first mismatch.
Signatures are checked separately with openssl (see LedgerInteropTest).
"""
import hashlib
import json
import sqlite3
import sys


def mth(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def main(path):
    db = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    rows = list(db.execute("SELECT seq, batch, body, hash FROM entries ORDER BY seq"))
    prev = bytes(32)
    for seq, batch, body, stored in rows:
        entry = json.loads(body)
        canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        if canonical != body or entry["seq"] != seq or bytes.fromhex(entry["prev"]) != prev:
            sys.exit("entry %d: not canonical or not chained" % seq)
        if hashlib.sha256(body).digest() != stored:
            sys.exit("entry %d: hash mismatch" % seq)
        prev = stored
    previous_manifest = bytes(32)
    for batch, manifest, _ in db.execute("SELECT batch, manifest, signature FROM batches ORDER BY batch"):
        m = json.loads(manifest)
        leaves = [hashlib.sha256(b"\x00" + body).digest() for _, b, body, _ in rows if b == batch]
        if len(leaves) != m["count"] or mth(leaves).hex() != m["merkleRoot"]:
            sys.exit("batch %d: Merkle root mismatch" % batch)
        if bytes.fromhex(m["prevManifest"]) != previous_manifest:
            sys.exit("batch %d: manifest chain broken" % batch)
        previous_manifest = hashlib.sha256(manifest).digest()
        print("batch %d: %d entries, root %s" % (batch, m["count"], m["merkleRoot"][:16]))
    print("OK %d entries, head %d:%s" % (len(rows), batch, previous_manifest.hex()))


if __name__ == "__main__":
    main(sys.argv[1])
