package org.tailguard.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.provenance.BatchReceipt;
import org.tailguard.provenance.Claim;
import org.tailguard.provenance.Head;
import org.tailguard.provenance.KeyAlgorithm;
import org.tailguard.provenance.Ledger;
import org.tailguard.provenance.LedgerInfo;
import org.tailguard.provenance.LedgerKeys;
import org.tailguard.provenance.LineageGraph;
import org.tailguard.provenance.RecordedClaim;
import org.tailguard.provenance.VerificationReport;
import org.tailguard.provenance.VerifyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailguard ledger …}: the append-only, hash-chained, signed provenance ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = "The signed provenance ledger: content addresses, claims, lineage, verification, export.",
    subcommands = {LedgerCommand.Init.class, LedgerCommand.Append.class, LedgerCommand.Verify.class,
        LedgerCommand.HeadCmd.class, LedgerCommand.Show.class, LedgerCommand.Lineage.class,
        LedgerCommand.Export.class})
final class LedgerCommand {

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Creates a ledger and its signing key (a 0600 PEM file; reused if it exists).")
  static final class Init implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER", description = "The ledger file (SQLite) to create.")
    Path ledger;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key file.")
    Path key;

    @Option(names = "--algorithm", defaultValue = "ed25519", description = "ed25519 or ecdsa-p256 (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--public-out", paramLabel = "FILE", description = "Also write the public key, to keep elsewhere for verify --trusted-key.")
    Path publicOut;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (Ledger l = Ledger.init(ledger, key, KeyAlgorithm.parse("--algorithm", algorithm))) {
        LedgerInfo i = l.info();
        if (publicOut != null) {
          LedgerKeys.load(key).writePublic(publicOut);
        }
        cmd.commandLine().getOut().printf(Locale.ROOT, "ledger %s created: %s key %s%n", i.ledgerId(),
            i.algorithm(), i.keyFingerprint());
      }
      return 0;
    }
  }

  @Command(name = "append", mixinStandardHelpOptions = true,
      description = "Appends the claims of a JSONL file (one claim per line) in signed batches.")
  static final class Append implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Parameters(index = "1", paramLabel = "CLAIMS.jsonl")
    Path claims;

    @Option(names = "--key", required = true, paramLabel = "FILE")
    Path key;

    @Option(names = "--batch", defaultValue = "1000", description = "Claims per signed batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      List<Claim> all = Claim.readJsonl(claims);
      try (Ledger l = Ledger.openForWriting(ledger, key)) {
        List<BatchReceipt> receipts = l.appendAll(all, batch);
        cmd.commandLine().getOut().printf(Locale.ROOT, "appended %d claims in %d signed batches; head %s%n",
            all.size(), receipts.size(), l.head());
      }
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Checks every entry, hash link, Merkle root and signature; names each edited, removed,",
          "reordered or inserted entry. Exit 1 if anything is wrong."})
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Option(names = "--trusted-key", paramLabel = "PUB", description = "Verify against this public key instead of the one in the ledger.")
    Path trustedKey;

    @Option(names = "--trusted-head", paramLabel = "B:HEX", description = "A head recorded earlier (ledger head): catches a cut-off tail.")
    String trustedHead;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      VerifyOptions o = VerifyOptions.DEFAULT;
      if (trustedKey != null) {
        o = o.withTrustedKey(LedgerKeys.loadPublic(trustedKey));
      }
      if (trustedHead != null) {
        o = o.withTrustedHead(Head.parse("--trusted-head", trustedHead));
      }
      try (Ledger l = Ledger.openReadOnly(ledger)) {
        VerificationReport r = l.verify(o);
        var out = cmd.commandLine().getOut();
        r.lines().forEach(out::println);
        out.println(r.summary());
        return r.ok() ? 0 : 1;
      }
    }
  }

  @Command(name = "head", mixinStandardHelpOptions = true, description = "Prints the signed head (batch:manifest hash) to keep for verify --trusted-head.")
  static final class HeadCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (Ledger l = Ledger.openReadOnly(ledger)) {
        LedgerInfo i = l.info();
        cmd.commandLine().getOut().printf(Locale.ROOT, "%s%n(ledger %s, %d entries in %d batches, %s key %s)%n",
            l.head(), i.ledgerId(), i.entries(), i.batches(), i.algorithm(), i.keyFingerprint());
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows every claim recorded about an entity (id or content hash prefix).")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (Ledger l = Ledger.openReadOnly(ledger)) {
        String resolved = l.resolve(id);
        var out = cmd.commandLine().getOut();
        for (RecordedClaim c : l.history(resolved)) {
          out.printf(Locale.ROOT, "entry %d (batch %d, %s): %s%n", c.seq(), c.batch(), c.time(), c.claim().toCanonicalJson());
        }
      }
      return 0;
    }
  }

  @Command(name = "lineage", mixinStandardHelpOptions = true,
      description = "Draws the lineage graph of an entity: which data trained which model, which model wrote which text.")
  static final class Lineage implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Option(names = "--dot", description = "Print Graphviz DOT instead of a tree.")
    boolean dot;

    @Option(names = "--max-nodes", defaultValue = "1000", description = "Stop after this many nodes (default: ${DEFAULT-VALUE}).")
    int maxNodes;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (Ledger l = Ledger.openReadOnly(ledger)) {
        LineageGraph g = l.lineage(id, maxNodes);
        cmd.commandLine().getOut().print(dot ? g.toDot() : g.toTree());
        if (g.hasCycle()) {
          cmd.commandLine().getErr().println("warning: the lineage has cycles: " + g.cycles());
        }
      }
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes a dataset's Croissant-style JSON-LD with per-file SHA-256 (re-hashing the files when --files-root is given).")
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEDGER")
    Path ledger;

    @Parameters(index = "1", paramLabel = "DATASET")
    String dataset;

    @Parameters(index = "2", paramLabel = "OUT.json")
    Path out;

    @Option(names = "--files-root", paramLabel = "DIR")
    Path filesRoot;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (Ledger l = Ledger.openReadOnly(ledger)) {
        l.exportCroissant(dataset, out, filesRoot);
      }
      cmd.commandLine().getErr().println("wrote " + out);
      return 0;
    }
  }
}
